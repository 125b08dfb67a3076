import { randomBytes } from "node:crypto";
import type { CurrentUser } from "../../server/accounts/current-user";
import type { Container } from "../../server/context";
import { makeCooperative, makeUser, PASSWORD } from "./factories";

type C = Pick<Container, "db" | "services" | "worker">;

/** Log a user in through the accounts service and read them back as the request would. */
export async function currentUser(c: C, email: string): Promise<CurrentUser> {
  const { token } = await c.services.accounts.login({
    form: { email, password: PASSWORD },
    meta: { ip: null, userAgent: null, locale: "vi" },
  });
  return (await c.services.accounts.getUserForSession({ token }))!;
}

/** Who an agreement test needs; what is left out takes the defaults below. */
export interface CastNames {
  buyer: { email: string; fullName: string };
  owner: { email: string; fullName: string };
  staff: { email: string; fullName?: string };
  cooperative: string;
  /** A plain member of the cooperative, who is not its representative. */
  member?: string;
  /** A buyer with no part in the agreement. */
  stranger?: string;
}

const DEFAULT_CAST: CastNames = {
  buyer: { email: "thumua@example.com", fullName: "Nguyễn Thị Hằng" },
  owner: { email: "chunhiem@example.com", fullName: "Lê Văn Bình" },
  staff: { email: "canbo@example.com" },
  cooperative: "HTX Chè Tân Cương Hoàng Bình",
};

/**
 * The people of an agreement and their connected match: a tea buyer, a Thái Nguyên tea cooperative's owner, union
 * staff (national), the cooperative's offer and the buyer's demand matched and connected — what every agreement
 * test needs before drafting; and, when named, a plain member of the cooperative and a stranger.
 */
export async function agreementCast(c: C, given: Partial<CastNames> = {}) {
  const names = { ...DEFAULT_CAST, ...given };
  await makeUser(c, { role: "buyer", ...names.buyer });
  if (names.stranger) await makeUser(c, { role: "buyer", email: names.stranger });
  await makeUser(c, { role: "staff", ...names.staff });
  const owner = await makeUser(c, { role: "cooperative", ...names.owner });
  const cooperativeId = (
    await makeCooperative(c, {
      name: names.cooperative,
      ownerId: owner.id,
      status: "approved",
      provinceCode: "19",
      wardCode: "05692",
    })
  ).id;
  if (names.member) {
    const member = await makeUser(c, { role: "cooperative", email: names.member });
    await c.db.models.CooperativeMember.create({ userId: member.id, cooperativeId, role: "member" });
  }
  const buyer = await currentUser(c, names.buyer.email);
  const coop = await currentUser(c, names.owner.email);
  const staff = await currentUser(c, names.staff.email);
  await c.services.matching.postOffer(coop, {
    form: {
      category: "tea",
      title: "Chè búp Tân Cương loại 1",
      description: "Chè búp hái tay, sao chảo gang, đóng túi 500 g.",
      quantity: "800",
      unit: "kg",
      period: "monthly",
      priceMinVnd: "250.000",
      priceMaxVnd: "320.000",
      certifications: ["vietgap"],
    },
  });
  const { publicId } = await c.services.matching.postDemand(buyer, {
    form: {
      category: "tea",
      title: "Cần mua chè búp Tân Cương cho chuỗi cửa hàng",
      description: "Chè búp khô loại 1, đạt VietGAP, đóng túi 500 g.",
      quantity: "300",
      unit: "kg",
      frequency: "monthly",
      priceMinVnd: "250.000",
      priceMaxVnd: "350.000",
      deliveryProvinceCode: "01",
      deliveryFrom: "2027-01-10",
      certifications: ["vietgap"],
    },
  });
  await c.worker.drain();
  const demand = (await c.db.models.Demand.findOne({ where: { publicId } }))!;
  // This cooperative's match: with a second cast in the database, the demand matches the other's offer too.
  const matchId = (await c.db.models.Match.findOne({ where: { demandId: demand.id, cooperativeId } }))!.id;
  await c.services.matching.actOnMatch(coop, {
    matchId,
    form: { intent: "request", message: "Mời trao đổi." },
  });
  await c.services.matching.actOnMatch(buyer, { matchId, form: { intent: "accept" } });
  return {
    buyer,
    coop,
    staff,
    member: names.member ? await currentUser(c, names.member) : null,
    stranger: names.stranger ? await currentUser(c, names.stranger) : null,
    cooperativeId,
    matchId,
  };
}

/** A small, well-formed one-page PDF, different each time (so each scan has its own hash): a paper agreement's scan. */
export function pdfScan(): Buffer {
  const note = `Ban giay da ky ${randomBytes(6).toString("hex")}`;
  const stream = `BT /F1 12 Tf 72 720 Td (${note}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/**
 * Drafted by the buyer from the match, completed by the cooperative (tax codes, the buyer's address, `schedule`),
 * signed by both: sealed, 300 kg at 320.000 đ.
 */
export async function sealedAgreement(
  c: C,
  cast: Awaited<ReturnType<typeof agreementCast>>,
  schedule: Array<{ date: string; quantity: number }>,
) {
  const agreements = c.services.agreements;
  const { publicId } = await agreements.draftFromMatch(cast.buyer, { matchId: cast.matchId });
  const view = await agreements.getAgreement(cast.coop, { publicId });
  await agreements.reviseAgreement(cast.coop, {
    publicId,
    form: {
      ...view.terms,
      buyerTaxCode: "0108765432",
      buyerAddress: "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
      supplierTaxCode: "4600123456",
      deliveryDate: schedule.map((s) => s.date),
      deliveryQuantity: schedule.map((s) => String(s.quantity)),
      basedOn: String(view.currentVersion),
    },
  });
  const meta = { ip: null, userAgent: "test" };
  for (const who of [cast.buyer, cast.coop])
    await agreements.signAgreement(who, { publicId, form: { version: "2", password: PASSWORD }, meta });
  return publicId;
}

/**
 * `count` sealed paper agreements straight into the table, spread over `cooperativeIds`: data for the tests that
 * prove a page's or a report's statements do not grow with it.
 */
export function bulkSealedAgreements(
  c: Pick<Container, "db">,
  options: { count: number; prefix: string; buyerId: number; cooperativeIds: number[]; provinceCode: string },
) {
  return c.db.models.Agreement.bulkCreate(
    Array.from({ length: options.count }, (_, i) => ({
      publicId: `${options.prefix}-${String(i).padStart(4, "0")}`,
      type: "memorandum",
      status: "sealed" as const,
      method: "paper" as const,
      matchId: null,
      meetingId: null,
      draftedBy: null,
      buyerId: options.buyerId,
      buyerOrganisationId: null,
      cooperativeId: options.cooperativeIds[i % options.cooperativeIds.length]!,
      currentVersion: 1,
      totalVnd: 1_000_000,
      sealedAt: new Date(),
      provinceCode: options.provinceCode,
    })),
  );
}

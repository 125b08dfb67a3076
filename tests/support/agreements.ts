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

/**
 * The people of an agreement and their connected match: a tea buyer, a Thái Nguyên tea cooperative's owner, union
 * staff (national), the cooperative's offer and the buyer's demand matched and connected, as the agreement tests
 * need before drafting. Names are given so that each test file's people are its own.
 */
export async function agreementCast(
  c: C,
  names: { buyer: string; owner: string; staff: string; cooperative: string } = {
    buyer: "thumua@example.com",
    owner: "chunhiem@example.com",
    staff: "canbo@example.com",
    cooperative: "HTX Chè Tân Cương Hoàng Bình",
  },
) {
  await makeUser(c, { role: "buyer", email: names.buyer, fullName: "Nguyễn Thị Hằng" });
  await makeUser(c, { role: "staff", email: names.staff, fullName: "Trần Thị Thu Hà" });
  const owner = await makeUser(c, { role: "cooperative", email: names.owner, fullName: "Lê Văn Bình" });
  await makeCooperative(c, {
    name: names.cooperative,
    ownerId: owner.id,
    status: "approved",
    provinceCode: "19",
    wardCode: "05692",
  });
  const buyer = await currentUser(c, names.buyer);
  const coop = await currentUser(c, names.owner);
  const staff = await currentUser(c, names.staff);
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
  const matchId = (await c.db.models.Match.findOne({ where: { demandId: demand.id } }))!.id;
  await c.services.matching.actOnMatch(coop, {
    matchId,
    form: { intent: "request", message: "Mời trao đổi." },
  });
  await c.services.matching.actOnMatch(buyer, { matchId, form: { intent: "accept" } });
  return { buyer, coop, staff, matchId };
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

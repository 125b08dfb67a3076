import { csvTemplate } from "../../../server/catalogue/csv-columns";
import { Op } from "sequelize";
import { randomBytes } from "node:crypto";
import { currentUser, makeCooperative, makeProduct, makeUser } from "../factories";
import { conferenceForm } from "../conferences";
import { boothForm, fairForm, openFair } from "../fairs";
import { buy, ordersOf } from "../orders";
import type { TestServer } from "../server";
import type { RoleName, SignedIn } from "./matrix";

/**
 * What the authorization matrix asks about, made through the use cases: seven users (two buyers, members of two
 * approved cooperatives X and Y, the owner of a pending one, staff), their products, batches, orders, a fair
 * with bookings and a draft one. Later features add theirs here.
 */
export interface Fixtures {
  emails: Record<SignedIn, string>;
  /** What each role sees of itself on every page (see MatrixContext.own). */
  own: Record<RoleName, string[]>;
  /** The pending cooperative's address: on its profile and in the review queue only. */
  addressP: string;
  names: { buyerA: string; buyerB: string };
  coop: Record<"X" | "Y" | "P", { id: number; slug: string; name: string }>;
  product: Record<"xTea" | "xDraft" | "yNoodle" | "pHoney", { id: number; slug: string; name: string }>;
  batch: Record<"x" | "y" | "p", { id: number; lotCode: string; publicCode: string }>;
  /** Buyer A's checkout: one order at X (confirmed) and one at Y (placed); buyer B's order at Y. */
  checkoutA: string;
  addressA: string;
  addressB: string;
  order: { AX: string; AY: string; BY: string };
  fair: {
    id: number;
    slug: string;
    name: string;
    booths: Record<"A01" | "A02" | "A03", number>;
    /** A03's form as the booth panel posts it, with a width of 0. */
    badBoothForm: Record<string, string>;
  };
  draftFair: { id: number; slug: string; name: string };
  /** X's booking of A01 (booked) and an earlier one of A02 it gave back (cancelled). */
  booking: { live: string; cancelled: string };
  /** Buyer A's purchase demands: one open (on the board), one closed (its owner's only). */
  demand: Record<"aOpen" | "aClosed", { publicId: string; title: string }>;
  /** X's supply offers: one active (of its tea), one closed. */
  offer: Record<"xActive" | "xClosed", { id: number; title: string }>;
  /** A's tea demand matched with X's active offer; X sent interest with a note (the thread's first message). */
  match: { AX: { id: number; demandTitle: string; note: string } };
  /** Conferences with A and X registered: K takes registrations, K2 has a provisional schedule. */
  conference: Record<"K" | "K2", { id: number; slug: string; name: string }>;
  /** A draft agreement between A and X, from a second match of theirs that X asked for and A accepted. */
  agreement: { AX: { publicId: string } };
  /** Buyer A's quote request for X's tea, waiting for X's answer (its message is A's and X's to read). */
  quote: { AX: { id: number; message: string } };
  /** The row report of X's member checking a product file: theirs alone to download. */
  importReport: { X: string };
}

const lot = () => `LO-${randomBytes(3).toString("hex").toUpperCase()}`;

export async function makeFixtures(server: TestServer): Promise<Fixtures> {
  const c = server.container;
  const { models } = c.db;
  const staffRow = await makeUser(c, { role: "staff", fullName: "Lương Thị Cán Bộ" });
  const staff = await currentUser(c, staffRow.email);
  const buyerA = await makeUser(c, { fullName: "Trần Thị Mai Anh" });
  const buyerB = await makeUser(c, { fullName: "Đỗ Văn Bảo Bình" });

  // X: an owner and, as "member of X", a plain member (members, not only owners, act for the cooperative).
  const ownerX = await makeUser(c, { role: "cooperative", fullName: "Nguyễn Văn Xuân" });
  const X = await makeCooperative(c, { name: "HTX Chè Xuân Phương", ownerId: ownerX.id });
  const memberX = await makeUser(c, { role: "cooperative", fullName: "Hà Thị Xoan" });
  await models.CooperativeMember.create({ userId: memberX.id, cooperativeId: X.id, role: "member" });
  const memberY = await makeUser(c, { role: "cooperative", fullName: "Lò Văn Yên" });
  const Y = await makeCooperative(c, {
    name: "HTX Miến dong Yên Bình",
    ownerId: memberY.id,
    provinceCode: "19",
    wardCode: "02185", // Xã Côn Minh (Na Rì, in the former Bắc Kạn)
  });
  const pending = await makeUser(c, { role: "cooperative", fullName: "Giàng A Chờ" });
  const P = await makeCooperative(c, {
    name: "HTX Mật ong Đồng Văn",
    status: "pending",
    ownerId: pending.id,
  });
  const addressP = "Thôn Lũng Cú, huyện Đồng Văn";
  await P.update({ address: addressP });

  const xTea = await makeProduct(c, X.id, { nameVi: "Chè móc câu Xuân Phương" });
  const xDraft = await makeProduct(c, X.id, { nameVi: "Chè đinh Xuân Phương thử nghiệm", status: "draft" });
  const yNoodle = await makeProduct(c, Y.id, { nameVi: "Miến dong Yên Bình loại một" });
  const pHoney = await makeProduct(c, P.id, { nameVi: "Mật ong bạc hà Đồng Văn" });
  const batchOf = async (productId: number) => {
    const b = await models.ProductBatch.create({
      productId,
      lotCode: lot(),
      publicCode: randomBytes(9).toString("base64url"),
      producedOn: "2026-01-10",
      quantity: 100,
      expiresOn: null,
      notes: null,
    });
    return { id: b.id, lotCode: b.lotCode, publicCode: b.publicCode };
  };

  const addressA = "Ngõ 29 phố Hàng Bạc";
  const addressB = "Số 8 đường Lê Lợi, Lạng Giang";
  const a = await currentUser(c, buyerA.email);
  const placedA = await buy(
    c,
    a,
    [
      { productId: xTea.id, quantity: 2 },
      { productId: yNoodle.id, quantity: 1 },
    ],
    { contactName: buyerA.fullName, address: addressA, email: buyerA.email },
  );
  const placedB = await buy(c, await currentUser(c, buyerB.email), [{ productId: yNoodle.id, quantity: 1 }], {
    contactName: buyerB.fullName,
    address: addressB,
    email: buyerB.email,
  });
  const ordersA = (await ordersOf(c, placedA.publicId)).orders;
  const AX = ordersA.find((o) => o.cooperativeId === X.id)!.code;
  const AY = ordersA.find((o) => o.cooperativeId === Y.id)!.code;
  const BY = (await ordersOf(c, placedB.publicId)).orders[0]!.code;
  const asX = await currentUser(c, memberX.email);
  const checkedX = await c.services.catalogue.importProducts(asX, {
    file: { data: Buffer.from(csvTemplate({ withCooperative: false })) },
    dryRun: true,
  });
  await c.services.orders.actOnOrder(asX, { code: AX, action: "confirm" });

  const fairName = "Hội chợ OCOP Thái Nguyên mùa thu";
  const fair = await openFair(c, staff, { rows: 1, columns: 3, form: { nameVi: fairName } });
  const held = await c.services.fairs.holdBooth(asX, { boothId: fair.boothByCode("A01").id });
  await c.services.fairs.confirmBooking(asX, {
    publicId: held.publicId,
    form: { productIds: [String(xTea.id)] },
  });
  const given = await c.services.fairs.holdBooth(asX, { boothId: fair.boothByCode("A02").id });
  await c.services.fairs.cancelBooking(asX, { publicId: given.publicId });
  const draftName = "Hội chợ nông sản Xuân Thu bản nháp";
  const draft = await c.services.fairs.createFair(staff, fairForm({ nameVi: draftName }));

  const offerForm = (title: string) => ({
    category: "tea",
    title,
    description: "Chè búp tươi hái theo tiêu chuẩn VietGAP, giao tại xưởng.",
    quantity: "500",
    unit: "kg",
    period: "monthly",
  });
  const xActiveTitle = "Chè móc câu Xuân Phương vụ xuân";
  const xClosedTitle = "Chè búp tươi Xuân Phương vụ đông";
  const xActive = await c.services.matching.postOffer(asX, {
    form: { ...offerForm(xActiveTitle), productId: String(xTea.id) },
  });
  const xClosed = await c.services.matching.postOffer(asX, { form: offerForm(xClosedTitle) });
  await c.services.matching.actOnOffer(asX, { id: xClosed.id, form: { action: "close" } });

  const demandForm = (title: string) => ({
    category: "vermicelli_noodles",
    title,
    description: "Miến dong sợi nhỏ, đóng gói 500 g, giao theo tháng.",
    quantity: "300",
    unit: "kg",
    frequency: "monthly",
    deliveryProvinceCode: "01",
  });
  const aOpenTitle = "Cần mua miến dong sợi nhỏ cho cửa hàng";
  const aClosedTitle = "Cần mua miến dong đã đóng từ tháng trước";
  const aOpen = await c.services.matching.postDemand(a, { form: demandForm(aOpenTitle) });
  const aClosed = await c.services.matching.postDemand(a, { form: demandForm(aClosedTitle) });
  await c.services.matching.actOnDemand(a, { publicId: aClosed.publicId, form: { action: "close" } });
  // A's tea demand, which X's active offer answers: the matches subscriber ranks it, and X sends interest.
  const aTeaTitle = "Cần mua chè móc câu Xuân Phương cho cửa hàng";
  await c.services.matching.postDemand(a, {
    form: {
      ...demandForm(aTeaTitle),
      category: "tea",
      description: "Chè móc câu loại 1, đóng túi 200 g, giao hằng tháng.",
    },
  });
  await c.worker.drain();
  const axMatch = (await c.db.models.Match.findOne({ where: { offerId: xActive.id } }))!;
  const axNote = "Hợp tác xã Xuân Phương xin gửi báo giá chè móc câu";
  await c.services.matching.actOnMatch(asX, {
    matchId: axMatch.id,
    form: { intent: "request", message: axNote },
  });

  // A second tea demand of A's, connected with X, and the agreement A drafts from it.
  await c.services.matching.postDemand(a, {
    form: {
      ...demandForm("Cần mua chè búp Xuân Phương theo hợp đồng năm"),
      category: "tea",
      description: "Chè búp khô loại 1 cho cả năm, giao theo quý.",
    },
  });
  await c.worker.drain();
  const axContract = (await c.db.models.Match.findOne({
    where: { offerId: xActive.id, id: { [Op.ne]: axMatch.id } },
  }))!;
  await c.services.matching.actOnMatch(asX, {
    matchId: axContract.id,
    form: { intent: "request", message: "Mời anh chị trao đổi hợp đồng năm." },
  });
  await c.services.matching.actOnMatch(a, { matchId: axContract.id, form: { intent: "accept" } });
  const agreementAX = await c.services.agreements.draftFromMatch(a, { matchId: axContract.id });

  // Two matchmaking conferences with A and X registered: K takes registrations, K2's schedule is provisional.
  const conference = async (nameVi: string, day: string) => {
    const made = await c.services.matching.createConference(staff, {
      form: conferenceForm({ nameVi, startsOn: day, endsOn: day }),
    });
    await c.services.matching.addSlots(staff, { id: made.id, form: { day, from: "08:00", to: "09:00" } });
    await c.services.matching.moveConference(staff, { id: made.id, action: "open_registration" });
    await c.services.matching.registerForConference(a, { slug: made.slug });
    await c.services.matching.registerForConference(asX, { slug: made.slug });
    return made;
  };
  const kName = "Hội nghị kết nối cung cầu chè Thái Nguyên";
  const k2Name = "Hội nghị kết nối cung cầu miến dong Bắc Kạn";
  const conferenceDay = conferenceForm().startsOn;
  const K = await conference(kName, conferenceDay);
  const K2 = await conference(k2Name, conferenceDay);
  await c.services.matching.moveConference(staff, { id: K2.id, action: "close_preferences" });
  await c.services.matching.moveConference(staff, { id: K2.id, action: "schedule" });

  // A's quote request for X's tea, still waiting for X's answer.
  const quoteMessage = "Xin báo giá 300 kg chè móc câu Xuân Phương giao Hà Nội";
  const quoteAX = await c.services.quotes.requestQuote(a, {
    productId: xTea.id,
    form: { quantity: "300", provinceCode: "01", message: quoteMessage },
  });

  // The public search reads its index; build it as the worker would have.
  await c.reindex();

  const pick = (p: { id: number; slug: string; nameVi: string }) => ({
    id: p.id,
    slug: p.slug,
    name: p.nameVi,
  });
  const coop = (x: { id: number; slug: string; name: string }) => ({ id: x.id, slug: x.slug, name: x.name });
  return {
    emails: {
      buyerA: buyerA.email,
      buyerB: buyerB.email,
      memberX: memberX.email,
      memberY: memberY.email,
      pending: pending.email,
      staff: staffRow.email,
    },
    own: {
      guest: [],
      buyerA: [buyerA.fullName, buyerA.email],
      buyerB: [buyerB.fullName, buyerB.email],
      memberX: [memberX.fullName, memberX.email, X.name],
      memberY: [memberY.fullName, memberY.email, Y.name],
      pending: [pending.fullName, pending.email, P.name],
      staff: [staffRow.fullName, staffRow.email],
    },
    addressP,
    names: { buyerA: buyerA.fullName, buyerB: buyerB.fullName },
    coop: { X: coop(X), Y: coop(Y), P: coop(P) },
    product: { xTea: pick(xTea), xDraft: pick(xDraft), yNoodle: pick(yNoodle), pHoney: pick(pHoney) },
    batch: { x: await batchOf(xTea.id), y: await batchOf(yNoodle.id), p: await batchOf(pHoney.id) },
    checkoutA: placedA.publicId,
    addressA,
    addressB,
    order: { AX, AY, BY },
    fair: {
      id: fair.id,
      slug: fair.slug,
      name: fairName,
      booths: {
        A01: fair.boothByCode("A01").id,
        A02: fair.boothByCode("A02").id,
        A03: fair.boothByCode("A03").id,
      },
      badBoothForm: boothForm(fair.boothByCode("A03"), { widthM: "0" }),
    },
    draftFair: { id: draft.id, slug: draft.slug, name: draftName },
    booking: { live: held.publicId, cancelled: given.publicId },
    demand: {
      aOpen: { publicId: aOpen.publicId, title: aOpenTitle },
      aClosed: { publicId: aClosed.publicId, title: aClosedTitle },
    },
    match: { AX: { id: axMatch.id, demandTitle: aTeaTitle, note: axNote } },
    conference: {
      K: { id: K.id, slug: K.slug, name: kName },
      K2: { id: K2.id, slug: K2.slug, name: k2Name },
    },
    offer: {
      xActive: { id: xActive.id, title: xActiveTitle },
      xClosed: { id: xClosed.id, title: xClosedTitle },
    },
    agreement: { AX: { publicId: agreementAX.publicId } },
    quote: { AX: { id: quoteAX.id, message: quoteMessage } },
    importReport: { X: checkedX.reportId },
  };
}

/** The fixtures, as the table's cells name them. */
export type F = Fixtures;

import { QueryTypes } from "sequelize";
import type { CurrentUser } from "../server/accounts/current-user";
import type { Container } from "../server/context";
import { fairCoverPng } from "./images";
import { cooperativeMembers } from "./members";

type SeedContainer = Pick<Container, "db" | "services">;

const DAY = 86_400_000;
const VN_OFFSET = 7 * 3_600_000;
/** A day in Vietnam, as the fair form takes it ("2026-12-11"). */
const vnDate = (ms: number) => new Date(ms + VN_OFFSET).toISOString().slice(0, 10);
/** Half past eight in the morning, Vietnam time, on the day of `ms`: when the office opens. */
const morningOf = (ms: number) => Date.parse(`${vnDate(ms)}T08:30:00+07:00`);
const EVENT_GAP = 3 * 3_600_000;

/** What a cooperative does with a booth in the demo. */
type Outcome = "booked" | "pending_approval" | "pending_payment" | "declined";

interface Exhibit {
  cooperative: string;
  booths: string[];
  outcome: Outcome;
  /** How many of its active products it brings (the first ones by id). */
  products: number;
  /** Days before now that it first held the booth (spreads the timelines). */
  daysAgo: number;
}

/**
 * The upcoming provincial fair: approval required, paid booths by transfer to the provincial union, a subsidised
 * row at 0 ₫. Booked, waiting for approval and waiting for payment, so the staff queue has work; the demo
 * cooperative (htx@htxconnect.example) has booked nothing here and can try booking itself.
 */
const THAI_NGUYEN: Exhibit[] = [
  {
    cooperative: "Liên hiệp HTX Chè Thái Nguyên Xanh",
    booths: ["P01"],
    outcome: "booked",
    products: 3,
    daysAgo: 20,
  },
  { cooperative: "HTX Chè La Bằng Thịnh Phát", booths: ["A02"], outcome: "booked", products: 2, daysAgo: 19 },
  {
    cooperative: "HTX Chè Suối Ngàn",
    booths: ["A04", "A05"],
    outcome: "booked",
    products: 3,
    daysAgo: 18,
  },
  {
    cooperative: "HTX Nông nghiệp Nương Vàng",
    booths: ["A07"],
    outcome: "booked",
    products: 2,
    daysAgo: 17,
  },
  { cooperative: "HTX Dược liệu Tán Rừng", booths: ["B02"], outcome: "booked", products: 2, daysAgo: 15 },
  { cooperative: "HTX Miến dong Sợi Vàng", booths: ["B05"], outcome: "booked", products: 3, daysAgo: 14 },
  { cooperative: "HTX Bưởi Đồi Sim", booths: ["B10"], outcome: "booked", products: 2, daysAgo: 12 },
  { cooperative: "HTX Nấm Mây Trắng", booths: ["P02"], outcome: "booked", products: 3, daysAgo: 11 },
  {
    cooperative: "Tổ hợp tác Chè Nắng Sớm",
    booths: ["S01"],
    outcome: "booked",
    products: 2,
    daysAgo: 10,
  },
  { cooperative: "Tổ hợp tác Thổ cẩm Hoa Núi", booths: ["S02"], outcome: "booked", products: 2, daysAgo: 9 },
  {
    cooperative: "Tổ hợp tác Vải thiều Vườn Đồi",
    booths: ["S03"],
    outcome: "booked",
    products: 1,
    daysAgo: 8,
  },
  {
    cooperative: "HTX Bánh cáy Làng Nguyễn Xưa",
    booths: ["C01"],
    outcome: "declined",
    products: 2,
    daysAgo: 7,
  },
  {
    cooperative: "HTX Gà đồi Rừng Keo",
    booths: ["C05"],
    outcome: "pending_payment",
    products: 2,
    daysAgo: 5,
  },
  {
    cooperative: "HTX Quế hữu cơ Đồi Nắng",
    booths: ["C06"],
    outcome: "pending_payment",
    products: 2,
    daysAgo: 4,
  },
  {
    cooperative: "HTX Chè Đồi Mây",
    booths: ["A09"],
    outcome: "pending_approval",
    products: 2,
    daysAgo: 2,
  },
  {
    cooperative: "HTX Mật ong bạc hà Hoa Đá",
    booths: ["C03"],
    outcome: "pending_approval",
    products: 2,
    daysAgo: 1,
  },
  {
    cooperative: "HTX Cà phê Hạt Nâu",
    booths: ["S04"],
    outcome: "pending_approval",
    products: 2,
    daysAgo: 1,
  },
];

/** The past regional week: no approval, every exhibitor paid and shown with its products. */
const VIET_BAC: Exhibit[] = [
  {
    cooperative: "Liên hiệp HTX Hồi Quế Ngàn Hương",
    booths: ["A01", "A02"],
    outcome: "booked",
    products: 3,
    daysAgo: 0,
  },
  { cooperative: "HTX Hồi Quế Tri Lễ Xanh", booths: ["A03"], outcome: "booked", products: 2, daysAgo: 0 },
  {
    cooperative: "HTX Hồng không hạt Sương Thu",
    booths: ["A04"],
    outcome: "booked",
    products: 2,
    daysAgo: 0,
  },
  { cooperative: "HTX Quýt vàng Sườn Núi", booths: ["A05"], outcome: "booked", products: 2, daysAgo: 0 },
  {
    cooperative: "Hợp tác xã Miến dong Côn Minh Hưng Thịnh",
    booths: ["A06"],
    outcome: "booked",
    products: 2,
    daysAgo: 0,
  },
  { cooperative: "HTX Miến dong Sợi Vàng", booths: ["A07"], outcome: "booked", products: 2, daysAgo: 0 },
  { cooperative: "Tổ hợp tác Thổ cẩm Hoa Núi", booths: ["A08"], outcome: "booked", products: 2, daysAgo: 0 },
  { cooperative: "HTX Chè Shan tuyết Mây Ngàn", booths: ["B01"], outcome: "booked", products: 2, daysAgo: 0 },
  { cooperative: "HTX Mật ong bạc hà Hoa Đá", booths: ["B02"], outcome: "booked", products: 2, daysAgo: 0 },
  {
    cooperative: "Tổ hợp tác Dệt lanh Hợp Tiến",
    booths: ["B03"],
    outcome: "booked",
    products: 2,
    daysAgo: 0,
  },
  { cooperative: "HTX Chè Hồng Phúc Tân Cương", booths: ["B05"], outcome: "booked", products: 3, daysAgo: 0 },
  {
    cooperative: "Liên hiệp HTX Chè Thái Nguyên Xanh",
    booths: ["B06"],
    outcome: "booked",
    products: 2,
    daysAgo: 0,
  },
];

/**
 * Two trade fairs made through the fairs use cases (createFair, addHall, generateBoothGrid, updateBooth,
 * setFairStatus, holdBooth, confirmBooking, decideBooking), as staff and cooperative members would: an upcoming one in Thái Nguyên open for
 * booking, and last year's Việt Bắc week in Lạng Sơn, finished. Cooperatives act through a member account;
 * those without one get an owner account (password: the demo password) so their bookings have a person behind them.
 */
export async function seedDemoFairs(container: SeedContainer, passwordHash: string) {
  const { db, services } = container;
  const { models } = db;
  const staff = (await services.accounts.getCurrentUser({ email: "canbo@htxconnect.example" }))!;
  const now = Date.now();
  const memberOf = cooperativeMembers(container, passwordHash);

  // ---- Upcoming: Thái Nguyên, starting in two and a half weeks ------------------------------------------
  const starts = now + 18 * DAY;
  const year = Number(vnDate(starts).slice(0, 4));
  const upcoming = await services.fairs.createFair(staff, {
    nameVi: `Hội chợ Nông sản và sản phẩm OCOP Thái Nguyên ${year}`,
    nameEn: `Thái Nguyên Farm Produce and OCOP Fair ${year}`,
    descriptionVi:
      "Bốn ngày giới thiệu chè Tân Cương, gạo Bao thai, dược liệu và sản phẩm OCOP của các hợp tác xã Thái Nguyên " +
      "và các tỉnh bạn. Nhà A dành cho gian hàng OCOP, Nhà B có các gian liên kết lớn và một dãy gian miễn phí " +
      "cho hợp tác xã mới thành lập do Liên minh HTX tỉnh hỗ trợ. Ban tổ chức duyệt từng gian trước khi xác nhận.",
    descriptionEn:
      "Four days of Tân Cương tea, Bao thai rice, medicinal herbs and OCOP products from Thái Nguyên cooperatives " +
      "and neighbouring provinces. Hall A holds the OCOP booths; hall B the large partnership pavilions and a row " +
      "of free booths for newly founded cooperatives, paid for by the provincial union. Every booth is approved.",
    organiser: "Liên minh Hợp tác xã tỉnh Thái Nguyên",
    organiserEn: "Thái Nguyên Provincial Cooperative Alliance",
    venue: "Khu triển lãm Quảng trường Võ Nguyên Giáp, đường Hoàng Văn Thụ",
    venueEn: "Võ Nguyên Giáp Square exhibition grounds, Hoàng Văn Thụ street",
    provinceCode: "19",
    wardCode: "05443", // Phường Phan Đình Phùng
    startsOn: vnDate(starts),
    endsOn: vnDate(starts + 3 * DAY),
    bookingOpensAt: `${vnDate(now - 21 * DAY)}T08:00`,
    bookingClosesAt: `${vnDate(starts - 2 * DAY)}T17:00`,
    maxBoothsPerCooperative: "2",
    requiresApproval: "on",
    holdMinutes: "15",
    transferDays: "5",
    offerHours: "48",
    bankBin: "970418",
    bankAccountNo: "3951 0000 686868",
    bankAccountName: "Lien minh Hop tac xa tinh Thai Nguyen",
  });
  const hallA = await services.fairs.addHall(staff, {
    fairId: upcoming.id,
    form: {
      name: "Nhà A — Gian hàng OCOP",
      nameEn: "Hall A — OCOP booths",
      widthM: "40",
      depthM: "25",
    },
  });
  const hallB = await services.fairs.addHall(staff, {
    fairId: upcoming.id,
    form: {
      name: "Nhà B — Gian liên kết và hỗ trợ",
      nameEn: "Hall B — Partnership and support booths",
      widthM: "28",
      depthM: "19",
    },
  });
  const grid = (hallId: number, g: Record<string, string>) =>
    services.fairs.generateBoothGrid(staff, {
      fairId: upcoming.id,
      form: {
        hallId: String(hallId),
        firstNumber: "1",
        aisleM: "4",
        originXM: "2",
        originYM: "2",
        cornerPriceVnd: "",
        ...g,
      },
    });
  // 30 booths of 3×3 m in three rows, corners dearer.
  await grid(hallA.id, {
    rows: "3",
    columns: "10",
    firstRow: "A",
    widthM: "3",
    depthM: "3",
    type: "standard",
    cornerEnds: "on",
    priceVnd: "1500000",
    cornerPriceVnd: "2000000",
  });
  // Four 6×6 m partnership pavilions, and a row of six booths the union pays for.
  await grid(hallB.id, {
    rows: "1",
    columns: "4",
    firstRow: "P",
    widthM: "6",
    depthM: "6",
    type: "premium",
    cornerEnds: "",
    priceVnd: "6000000",
  });
  await grid(hallB.id, {
    rows: "1",
    columns: "6",
    firstRow: "S",
    originYM: "12",
    widthM: "3",
    depthM: "3",
    type: "standard",
    cornerEnds: "",
    priceVnd: "0",
  });
  // What visitors find their way by: entrances, the stage, the information desk, the main aisles. They take the
  // room beside and below the booths, so the halls have no large empty areas.
  const place = (fairId: number, hallId: number, kind: string, at: number[], labelVi = "", labelEn = "") =>
    services.fairs.addPlanElement(staff, {
      fairId,
      form: {
        hallId: String(hallId),
        kind,
        xM: String(at[0]),
        yM: String(at[1]),
        widthM: String(at[2]),
        depthM: String(at[3]),
        labelVi,
        labelEn,
      },
    });
  await place(upcoming.id, hallA.id, "stage", [34, 2, 5, 10]);
  await place(upcoming.id, hallA.id, "info", [34, 14, 5, 5], "Đón tiếp", "Reception");
  await place(upcoming.id, hallA.id, "aisle", [2, 6, 30, 2], "Lối đi chính", "Main aisle");
  await place(upcoming.id, hallA.id, "aisle", [2, 13, 30, 2], "Lối đi chính", "Main aisle");
  await place(upcoming.id, hallA.id, "entrance", [14, 22, 8, 3], "Cổng chính", "Main entrance");
  await place(upcoming.id, hallA.id, "exit", [34, 22, 5, 3]);
  await place(
    upcoming.id,
    hallB.id,
    "label",
    [2, 9, 18, 2],
    "Gian hỗ trợ HTX mới",
    "Booths for new cooperatives",
  );
  await place(upcoming.id, hallB.id, "restroom", [22, 12, 4, 4]);
  await place(upcoming.id, hallB.id, "entrance", [10, 17, 8, 2]);
  // Covers through the same use case as a staff upload: drawn festival scenes, no writing on them.
  await services.fairs.setFairCover(staff, {
    fairId: upcoming.id,
    file: await fairCoverPng("thai-nguyen-ocop", "tea_hills"),
  });
  await block(container, staff, upcoming.id, "A01", "Gian Ban tổ chức và đón tiếp khách");
  await block(container, staff, upcoming.id, "P04", "Gian trưng bày của Liên minh HTX tỉnh");
  await services.fairs.setFairStatus(staff, { fairId: upcoming.id, status: "open" });
  const upcomingBooths = await boothIds(container, upcoming.id);
  for (const x of THAI_NGUYEN) {
    const member = await memberOf(x.cooperative);
    for (const code of x.booths) {
      const publicId = await book(container, member, staff, upcomingBooths.get(code)!, x);
      if (x.outcome !== "pending_payment") await backdate(db, publicId, morningOf(now - x.daysAgo * DAY));
    }
  }

  // ---- Past: last year's Việt Bắc OCOP week in Lạng Sơn -------------------------------------------------
  // Booking only works while a fair is open for it, so this fair is made with dates ahead, booked, closed and
  // finished, and then moved back to last November with an ordinary update (and its rows dated back with it).
  const pastYear = year - 1;
  const pastForm = {
    nameVi: `Tuần hàng OCOP vùng Việt Bắc ${pastYear}`,
    nameEn: `Việt Bắc OCOP Week ${pastYear}`,
    descriptionVi:
      "Tuần hàng giới thiệu hồi, quế, hồng không hạt, miến dong, chè Shan tuyết và thổ cẩm của các hợp tác xã " +
      "Lạng Sơn, Bắc Kạn, Hà Giang và Thái Nguyên, kết hợp kết nối giao thương với doanh nghiệp thu mua.",
    descriptionEn:
      "A week of star anise, cinnamon, seedless persimmons, dong vermicelli, Shan tuyết tea and brocade from " +
      "cooperatives of Lạng Sơn, Bắc Kạn, Hà Giang and Thái Nguyên, with meetings with trade buyers.",
    organiser: "Liên minh Hợp tác xã tỉnh Lạng Sơn",
    organiserEn: "Lạng Sơn Provincial Cooperative Alliance",
    venue: "Quảng trường 17-10",
    venueEn: "17 October Square",
    provinceCode: "20",
    wardCode: "05983", // Phường Lương Văn Tri (the former Chi Lăng ward)
    maxBoothsPerCooperative: "2",
    requiresApproval: "",
    holdMinutes: "15",
    transferDays: "5",
    offerHours: "48",
    bankBin: "970405",
    bankAccountNo: "8300 2110 45678",
    bankAccountName: "Lien minh Hop tac xa tinh Lang Son",
  };
  const past = await services.fairs.createFair(staff, {
    ...pastForm,
    startsOn: vnDate(now + 14 * DAY),
    endsOn: vnDate(now + 17 * DAY),
    bookingOpensAt: `${vnDate(now - DAY)}T08:00`,
    bookingClosesAt: `${vnDate(now + 10 * DAY)}T17:00`,
  });
  await services.fairs.setFairCover(staff, {
    fairId: past.id,
    file: await fairCoverPng("viet-bac-ocop-week", "mountains"),
  });
  const square = await services.fairs.addHall(staff, {
    fairId: past.id,
    form: {
      name: "Khu gian hàng Quảng trường",
      nameEn: "Square booth area",
      widthM: "34",
      depthM: "16",
    },
  });
  await services.fairs.generateBoothGrid(staff, {
    fairId: past.id,
    form: {
      hallId: String(square.id),
      rows: "2",
      columns: "10",
      firstRow: "A",
      firstNumber: "1",
      widthM: "3",
      depthM: "3",
      aisleM: "4",
      originXM: "2",
      originYM: "2",
      type: "standard",
      cornerEnds: "on",
      priceVnd: "1000000",
      cornerPriceVnd: "1300000",
    },
  });
  await place(
    past.id,
    square.id,
    "entrance",
    [13, 14, 8, 2],
    "Lối vào từ đường Lê Lợi",
    "Entrance from Lê Lợi street",
  );
  await place(past.id, square.id, "aisle", [2, 6, 30, 2], "Lối đi", "Aisle");
  await services.fairs.setFairStatus(staff, { fairId: past.id, status: "open" });
  const pastBooths = await boothIds(container, past.id);
  const pastBookings: string[] = [];
  for (const x of VIET_BAC) {
    const member = await memberOf(x.cooperative);
    for (const code of x.booths)
      pastBookings.push(await book(container, member, staff, pastBooths.get(code)!, x));
  }
  await services.fairs.setFairStatus(staff, { fairId: past.id, status: "closed" });
  await services.fairs.setFairStatus(staff, { fairId: past.id, status: "finished" });
  await services.fairs.updateFair(staff, {
    fairId: past.id,
    form: {
      ...pastForm,
      startsOn: `${pastYear}-11-14`,
      endsOn: `${pastYear}-11-17`,
      bookingOpensAt: `${pastYear}-10-01T08:00`,
      bookingClosesAt: `${pastYear}-11-10T17:00`,
    },
  });
  const pastStart = morningOf(Date.UTC(pastYear, 9, 2, 2));
  await db.sequelize.query("UPDATE fairs SET created_at = ?, updated_at = ? WHERE id = ?", {
    replacements: [new Date(pastStart - 5 * DAY), new Date(Date.UTC(pastYear, 10, 18, 10)), past.id],
    type: QueryTypes.UPDATE,
  });
  for (const [i, publicId] of pastBookings.entries()) await backdate(db, publicId, pastStart + i * 2 * DAY);

  // What the fairs told cooperatives belongs to the demo's past: recorded as sent, not delivered at first start.
  await models.Notification.update({ status: "sent", sentAt: new Date() }, { where: { status: "pending" } });
  return { fairs: 2 };
}

/** Set a booth aside for the organiser (the editor's booth form with a reason). */
async function block(c: SeedContainer, staff: CurrentUser, fairId: number, code: string, reason: string) {
  const booth = (await c.db.models.Booth.findOne({ where: { fairId, code } }))!;
  await c.services.fairs.updateBooth(staff, {
    boothId: booth.id,
    form: {
      code: booth.code,
      type: booth.type,
      xM: String(booth.xM),
      yM: String(booth.yM),
      widthM: String(booth.widthM),
      depthM: String(booth.depthM),
      priceVnd: String(booth.priceVnd),
      blockedReason: reason,
    },
  });
}

async function boothIds(c: SeedContainer, fairId: number) {
  const booths = await c.db.models.Booth.findAll({ where: { fairId }, attributes: ["id", "code"] });
  return new Map(booths.map((b) => [b.code, b.id]));
}

/** Hold, confirm with products, and take the booking as far as the demo wants it. */
async function book(c: SeedContainer, member: CurrentUser, staff: CurrentUser, boothId: number, x: Exhibit) {
  const { fairs } = c.services;
  const products = await c.db.models.Product.findAll({
    where: { cooperativeId: member.cooperative!.id, status: "active" },
    order: [["id", "ASC"]],
    attributes: ["id"],
    limit: x.products,
  });
  const { publicId } = await fairs.holdBooth(member, { boothId });
  const booth = (await c.db.models.Booth.findByPk(boothId))!;
  const paid = booth.priceVnd > 0;
  const { status } = await fairs.confirmBooking(member, {
    publicId,
    form: {
      paymentMethod: paid ? "bank_transfer" : "",
      productIds: products.map((p) => String(p.id)),
    },
  });
  if (x.outcome === "pending_approval") return publicId;
  if (x.outcome === "declined") {
    await fairs.decideBooking(staff, {
      publicId,
      action: "decline",
      form: {
        reason:
          "Sản phẩm đăng ký chưa có chứng nhận OCOP còn hiệu lực; mời HTX đăng ký lại khi có giấy chứng nhận.",
      },
    });
    return publicId;
  }
  if (status === "pending_approval") await fairs.decideBooking(staff, { publicId, action: "approve" });
  if (x.outcome === "booked" && paid) await fairs.decideBooking(staff, { publicId, action: "mark_paid" });
  return publicId;
}

/** Spread a booking's events from `start`, three hours apart, as if they had happened then. */
async function backdate(db: SeedContainer["db"], publicId: string, start: number) {
  const { sequelize, models } = db;
  const at = (ms: number) => new Date(ms);
  const query = (sql: string, replacements: unknown[]) =>
    sequelize.query(sql, { replacements, type: QueryTypes.UPDATE });
  const booking = (await models.BoothBooking.findOne({ where: { publicId } }))!;
  const events = await models.BookingEvent.findAll({
    where: { bookingId: booking.id },
    order: [["id", "ASC"]],
  });
  for (const [i, e] of events.entries())
    await query("UPDATE booking_events SET created_at = ? WHERE id = ?", [at(start + i * EVENT_GAP), e.id]);
  const last = start + Math.max(0, events.length - 1) * EVENT_GAP;
  await query("UPDATE booth_bookings SET created_at = ?, updated_at = ? WHERE id = ?", [
    at(start),
    at(last),
    booking.id,
  ]);
  await query("UPDATE booth_bookings SET paid_at = ? WHERE id = ? AND paid_at IS NOT NULL", [
    at(last),
    booking.id,
  ]);
}

/**
 * Who and what the matching browser test (matching.test.ts) works with: a staff member, two buyers and three
 * approved cooperatives (their owners too), the offer and the demand that make the first match, and the
 * conference where they all meet. Only the people go straight into the tables; everything else is posted
 * through the pages.
 */
import type { Container } from "../../server/context";
import { vietnamDay } from "../../server/vocabulary/dates";
import { makeCooperative, makeUser } from "../support/factories";

const DAY = 86_400_000;

export const STAFF = { name: "Trần Văn Bình", email: "binh.tran@lmhtx.example.vn" };

/** The buyer who posts the tea demand, and one who only comes to the conference. */
export const LAN = { name: "Nguyễn Thị Lan", email: "lan.nguyen@example.vn" };
export const HUNG = { name: "Phạm Quốc Hùng", email: "hung.pham@example.vn" };

/** The tea cooperative (it posts the offer); the two others only come to the conference. */
export const TEA = { name: "HTX Chè Tân Cương Hồng Thái", owner: "Lê Thị Minh", email: "minh.le@example.vn" };
export const NA_RI = { name: "HTX Miến dong Na Rì", owner: "Hoàng Văn Páo", email: "pao.hoang@example.vn" };
export const HONEY = { name: "HTX Mật ong Đồng Hỷ", owner: "Đỗ Thị Hằng", email: "hang.do@example.vn" };
/** What the factory gives every cooperative, shown to the buyer once they are connected. */
export const COOPERATIVE_PHONE = "0912345678";

/** Tân Cương tea, 200–240 thousand a kg, 500 kg a month, all year, from Thái Nguyên. */
export const OFFER = {
  title: "Chè búp Tân Cương vụ xuân",
  description: "Chè búp sao tay, một tôm hai lá, đóng túi 1 kg; giao trong tỉnh Thái Nguyên.",
  category: "Chè, trà",
  quantity: "500",
  unit: "kg",
  priceMinVnd: "200000",
  priceMaxVnd: "240000",
};

/** 200 kg once, 180–250 thousand a kg, delivered in Thái Nguyên: the offer answers it on every criterion. */
export const DEMAND = {
  title: "Cần mua chè búp Tân Cương loại 1",
  description: "Chè búp loại 1 sao tay, đóng túi 1 kg, cho cửa hàng đặc sản ở Thái Nguyên.",
  category: "Chè, trà",
  quantity: "200",
  unit: "kg",
  priceMinVnd: "180000",
  priceMaxVnd: "250000",
  province: "Thái Nguyên",
};

/** Messages of the match's thread: the interest, then one each way once connected. */
export const MESSAGES = {
  interest: "Chào chị, HTX có sẵn 500 kg chè búp Tân Cương loại 1 mỗi tháng, giá 200.000–240.000 đồng/kg.",
  fromBuyer: "Cảm ơn HTX. Vui lòng gửi giúp tôi mẫu 1 kg trước ngày 15.",
  fromCooperative: "Dạ, HTX sẽ gửi mẫu qua bưu điện trong tuần này.",
};

/**
 * The conference as staff type it in: tomorrow and the day after, registration open since yesterday until
 * tomorrow evening, three tables. Dates are computed when the test starts, in Vietnam's time.
 */
export function conferenceForm(now = Date.now()) {
  const today = vietnamDay(new Date(now));
  const tomorrow = vietnamDay(new Date(now + DAY));
  return {
    name: "Hội nghị kết nối cung cầu nông sản Thái Nguyên",
    description: "Người mua và hợp tác xã gặp nhau theo lịch hẹn trước, mỗi buổi 20 phút.",
    venue: "Trung tâm Hội nghị tỉnh Thái Nguyên",
    address: "Số 1 đường Hoàng Văn Thụ",
    province: "Thái Nguyên",
    today,
    startsOn: tomorrow,
    endsOn: vietnamDay(new Date(now + 2 * DAY)),
    registrationOpensAt: `${vietnamDay(new Date(now - DAY))}T08:00`,
    registrationClosesAt: `${tomorrow}T20:00`,
    tables: "3",
    // Three 20-minute slots, 08:00–09:00 on the first day.
    slotsFrom: "08:00",
    slotsTo: "09:00",
    slots: ["08:00–08:20", "08:20–08:40", "08:40–09:00"],
  };
}

/** Staff, the two buyers, the three cooperatives with their owners: straight into the tables. */
export async function castMatching(c: Pick<Container, "db">) {
  await makeUser(c, { role: "staff", fullName: STAFF.name, email: STAFF.email });
  for (const b of [LAN, HUNG]) await makeUser(c, { role: "buyer", fullName: b.name, email: b.email });
  for (const coop of [TEA, NA_RI, HONEY]) {
    const owner = await makeUser(c, { role: "cooperative", fullName: coop.owner, email: coop.email });
    await makeCooperative(c, { name: coop.name, ownerId: owner.id, status: "approved" });
  }
}

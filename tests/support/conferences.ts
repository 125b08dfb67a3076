import type { CurrentUser } from "../../server/accounts/current-user";
import { vietnamDay } from "../../server/vocabulary/dates";
import type { TestContainer } from "./db";
import { currentUser, makeCooperative, makeUser } from "./factories";

const DAY = 86_400_000;

/** A conference form staff would fill in: tomorrow and the day after, registration open until tomorrow evening. */
export function conferenceForm(overrides: Record<string, string> = {}) {
  const tomorrow = vietnamDay(new Date(Date.now() + DAY));
  return {
    nameVi: "Hội nghị kết nối cung cầu nông sản Thái Nguyên",
    descriptionVi: "Người mua và hợp tác xã gặp nhau theo lịch hẹn trước, mỗi buổi 20 phút.",
    venue: "Trung tâm Hội nghị tỉnh Thái Nguyên",
    address: "Số 1 đường Hoàng Văn Thụ",
    provinceCode: "19",
    startsOn: tomorrow,
    endsOn: vietnamDay(new Date(Date.now() + 2 * DAY)),
    meetingMinutes: "20",
    tables: "3",
    maxMeetings: "4",
    registrationOpensAt: `${vietnamDay(new Date(Date.now() - DAY))}T08:00`,
    registrationClosesAt: `${tomorrow}T20:00`,
    ...overrides,
  };
}

export interface ConferenceCast {
  id: number;
  slug: string;
  staff: CurrentUser;
  buyers: CurrentUser[];
  cooperatives: CurrentUser[];
  /** Participant ids, in the order of `buyers` and `cooperatives`. */
  buyerIds: number[];
  cooperativeIds: number[];
  slotIds: number[];
}

/**
 * A conference open for registration with `slots` slots on its first day, and `buyers` buyers and `coops`
 * approved cooperatives registered: what each conference test starts from.
 */
export async function openConference(
  c: TestContainer,
  { buyers = 2, coops = 3, slots = 4, tag = "a", form = {} as Record<string, string> } = {},
): Promise<ConferenceCast> {
  const staffRow = await makeUser(c, { role: "staff", email: `canbo.${tag}@example.com` });
  const staff = await currentUser(c, staffRow.email);
  const { id, slug } = await c.services.matching.createConference(staff, { form: conferenceForm(form) });
  const day = conferenceForm(form).startsOn;
  const end = 8 * 60 + slots * 20;
  await c.services.matching.addSlots(staff, {
    id,
    form: {
      day,
      from: "08:00",
      to: `${String(Math.floor(end / 60)).padStart(2, "0")}:${String(end % 60).padStart(2, "0")}`,
    },
  });
  await c.services.matching.moveConference(staff, { id, action: "open_registration" });
  const buyerUsers: CurrentUser[] = [];
  for (let i = 0; i < buyers; i++) {
    const u = await makeUser(c, {
      role: "buyer",
      email: `nguoimua${i}.${tag}@example.com`,
      fullName: `Người mua ${i + 1}`,
    });
    buyerUsers.push(await currentUser(c, u.email));
  }
  const coopUsers: CurrentUser[] = [];
  for (let i = 0; i < coops; i++) {
    const owner = await makeUser(c, { role: "cooperative", email: `htx${i}.${tag}@example.com` });
    await makeCooperative(c, {
      name: `HTX Chè số ${i + 1} ${tag}`,
      ownerId: owner.id,
      status: "approved",
      provinceCode: "19",
      wardCode: "05692",
    });
    coopUsers.push(await currentUser(c, owner.email));
  }
  for (const u of [...buyerUsers, ...coopUsers]) await c.services.matching.registerForConference(u, { slug });
  const participants = await c.db.models.ConferenceParticipant.findAll({ where: { conferenceId: id } });
  const pid = (u: CurrentUser) =>
    participants.find((p) =>
      u.role === "buyer" ? p.userId === u.id : p.cooperativeId === u.cooperative!.id,
    )!.id;
  const slotRows = await c.db.models.ConferenceSlot.findAll({
    where: { conferenceId: id },
    order: [["startsAt", "ASC"]],
  });
  return {
    id,
    slug,
    staff,
    buyers: buyerUsers,
    cooperatives: coopUsers,
    buyerIds: buyerUsers.map(pid),
    cooperativeIds: coopUsers.map(pid),
    slotIds: slotRows.map((s) => s.id),
  };
}

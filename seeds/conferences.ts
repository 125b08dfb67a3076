import { Op } from "sequelize";
import type { CurrentUser } from "../server/accounts/current-user";
import type { Container } from "../server/context";
import { vietnamDay } from "../server/vocabulary/dates";
import { cooperativeMembers } from "./members";

type SeedContainer = Pick<Container, "db" | "services">;

const DAY = 86_400_000;
const day = (ms: number) => vietnamDay(new Date(ms));

/**
 * Matches under way and two matchmaking conferences, through the matching use cases as the people would act:
 * the demo business buyer's demands with one connected match (messages both ways, outcomes) and one request
 * waiting for the buyer; a request waiting for the demo cooperative; last season's conference in Thái Nguyên
 * with its published timetable, held meetings, a no-show and outcomes; and next month's, open for registration.
 */
export async function seedDemoContactsAndConferences(container: SeedContainer, passwordHash: string) {
  const { db, services } = container;
  const { models } = db;
  const m = services.matching;
  const memberOf = cooperativeMembers(container, passwordHash);
  const user = async (email: string) => (await services.accounts.getCurrentUser({ email }))!;
  const staff = await user("canbo@htxconnect.example");
  const business = await user("thumua@htxconnect.example");
  const coopOf = async (cooperativeId: number) =>
    memberOf((await models.Cooperative.findByPk(cooperativeId))!.name);

  // Matches are kept by a background job; the seed ranks every open demand now so it can act on them.
  const open = await models.Demand.findAll({ where: { status: "open" }, attributes: ["id"] });
  const post = (title: string, description: string, category: string, price: [string, string]) =>
    m.postDemand(business, {
      form: {
        category,
        title,
        description,
        quantity: "400",
        unit: "kg",
        frequency: "monthly",
        priceMinVnd: price[0],
        priceMaxVnd: price[1],
        deliveryProvinceCode: "01",
        certifications: ["vietgap"],
      },
    });
  const tea = await post(
    "Cần mua chè búp Tân Cương loại 1 cho chuỗi cửa hàng",
    "Chè búp khô loại 1, đóng túi 200 g và 500 g, giao kho Hà Nội hằng tháng; cần VietGAP.",
    "tea",
    ["250000", "450000"],
  );
  const noodles = await post(
    "Cần mua miến dong Bắc Kạn sợi nhỏ",
    "Miến dong sợi nhỏ, đóng gói 500 g, có tem truy xuất nguồn gốc; giao Hà Nội hằng tháng.",
    "vermicelli_noodles",
    ["60000", "100000"],
  );
  for (const d of [
    ...open.map((x) => x.id),
    ...(await models.Demand.findAll({ where: { publicId: [tea.publicId, noodles.publicId] } })).map(
      (x) => x.id,
    ),
  ])
    await m.recomputeDemand(d);

  const best = async (publicId: string) => {
    const demand = (await models.Demand.findOne({ where: { publicId } }))!;
    return models.Match.findAll({ where: { demandId: demand.id }, order: [["score", "DESC"]], limit: 3 });
  };
  let contacts = 0;
  const [teaMatch] = await best(tea.publicId);
  if (teaMatch) {
    const coop = await coopOf(teaMatch.cooperativeId);
    const act = (who: CurrentUser, form: Record<string, string>) =>
      m.actOnMatch(who, { matchId: teaMatch.id, form });
    await act(coop, {
      intent: "request",
      message:
        "Hợp tác xã có chè búp Tân Cương đạt VietGAP, sản lượng 800 kg mỗi tháng. Xin gửi báo giá và mẫu.",
    });
    await act(business, {
      intent: "accept",
      message: "Mời hợp tác xã gửi 2 kg mẫu về kho Long Biên tuần sau.",
    });
    await act(coop, {
      intent: "message",
      body: "Chúng tôi gửi mẫu thứ Hai; giá 380.000 ₫/kg cho đơn từ 300 kg.",
    });
    await act(business, {
      intent: "message",
      body: "Đã nhận mẫu, chất lượng tốt. Hẹn gặp ở hội nghị tháng sau.",
    });
    for (const who of [business, coop])
      await m.recordMatchOutcome(who, {
        matchId: teaMatch.id,
        form: { stage: "first", outcome: "cooperation_possible" },
      });
    contacts += 1;
  }
  const [noodleMatch] = await best(noodles.publicId);
  if (noodleMatch) {
    await m.actOnMatch(await coopOf(noodleMatch.cooperativeId), {
      matchId: noodleMatch.id,
      form: {
        intent: "request",
        message: "Miến dong Bắc Kạn sợi nhỏ, đóng gói 500 g, giao Hà Nội hằng tuần được.",
      },
    });
    contacts += 1;
  }
  // Something for the demo cooperative to answer: a buyer's interest in its offer.
  const demoCoop = await user("htx@htxconnect.example");
  const forDemo = await models.Match.findOne({
    where: {
      cooperativeId: demoCoop.cooperative!.id,
      status: "suggested",
      buyerId: { [Op.ne]: business.id },
    },
    order: [["score", "DESC"]],
  });
  if (forDemo) {
    const buyer = (await services.accounts.getCurrentUser({ userId: forDemo.buyerId }))!;
    await m.actOnMatch(buyer, {
      matchId: forDemo.id,
      form: {
        intent: "request",
        message: "Chúng tôi quan tâm sản phẩm của hợp tác xã, xin báo giá và điều kiện giao hàng.",
      },
    });
    contacts += 1;
  }

  const conferences = await seedConferences(container, staff, memberOf);
  // What the demo's people told each other belongs to its past: recorded as sent, not delivered at first start.
  await models.Notification.update({ status: "sent", sentAt: new Date() }, { where: { status: "pending" } });
  return { contacts, conferences };
}

/** The buyers and cooperatives of the demo's matches: who takes part in the conferences. */
async function castOf(container: SeedContainer, memberOf: (name: string) => Promise<CurrentUser>) {
  const { models } = container.db;
  const buyerIds = (
    (await models.Demand.findAll({ where: { status: "open" }, attributes: ["buyerId"] })) as Array<{
      buyerId: number;
    }>
  ).map((d) => d.buyerId);
  const buyers: CurrentUser[] = [];
  for (const id of [...new Set(buyerIds)].slice(0, 8))
    buyers.push((await container.services.accounts.getCurrentUser({ userId: id }))!);
  const coops = await models.Cooperative.findAll({
    where: { status: "approved" },
    order: [["id", "ASC"]],
    limit: 10,
  });
  const cooperatives: CurrentUser[] = [];
  for (const c of coops) cooperatives.push(await memberOf(c.name));
  return { buyers, cooperatives };
}

async function seedConferences(
  container: SeedContainer,
  staff: CurrentUser,
  memberOf: (name: string) => Promise<CurrentUser>,
) {
  const { db, services } = container;
  const { models } = db;
  const m = services.matching;
  const now = Date.now();
  const { buyers, cooperatives } = await castOf(container, memberOf);

  const create = async (nameVi: string, nameEn: string, startsAt: number, days: number) => {
    const startsOn = day(startsAt);
    const made = await m.createConference(staff, {
      form: {
        nameVi,
        nameEn,
        descriptionVi:
          "Hội nghị kết nối cung cầu do Liên minh Hợp tác xã tỉnh Thái Nguyên tổ chức: người mua gặp các hợp tác xã " +
          "chè, dược liệu, miến dong và nông sản theo lịch hẹn trước, mỗi buổi 20 phút tại bàn của hợp tác xã.",
        descriptionEn:
          "A matchmaking conference run by the Thái Nguyên Cooperative Alliance: buyers meet tea, herb, noodle and " +
          "farm-produce cooperatives by appointment, 20 minutes each at the cooperative's table.",
        venue: "Trung tâm Hội nghị tỉnh Thái Nguyên",
        address: "Số 1 đường Hoàng Văn Thụ, phường Phan Đình Phùng",
        provinceCode: "19",
        startsOn,
        endsOn: day(startsAt + (days - 1) * DAY),
        meetingMinutes: "20",
        tables: "8",
        maxMeetings: "8",
        registrationOpensAt: `${day(now - DAY)}T08:00`,
        registrationClosesAt: `${day(startsAt - DAY)}T17:00`,
      },
    });
    for (let d = 0; d < days; d++)
      await m.addSlots(staff, {
        id: made.id,
        form: {
          day: day(startsAt + d * DAY),
          from: "08:00",
          to: "11:40",
          breakFrom: "09:40",
          breakTo: "10:00",
        },
      });
    await m.moveConference(staff, { id: made.id, action: "open_registration" });
    return made;
  };
  const register = async (slug: string, people: CurrentUser[]) => {
    for (const p of people) await m.registerForConference(p, { slug });
  };
  /** Buyers mark the cooperatives their demands match (must for the best), cooperatives answer in kind. */
  const mark = async (slug: string, people: CurrentUser[]) => {
    for (const [i, p] of people.entries()) {
      const { counterparts } = await m.listCounterparts(p, { slug });
      for (const [j, other] of counterparts.entries()) {
        if ((i + j) % 3 === 2) continue;
        const level = (i + j) % 7 === 0 ? "not" : (i + j) % 3 === 0 ? "must" : "would";
        await m.setPreference(p, { slug, form: { targetId: String(other.id), level } });
      }
    }
  };

  // ---- Last season's: held two months ago, with its timetable, the day's record and outcomes --------------
  const past = await create(
    "Hội nghị kết nối cung cầu nông sản Thái Nguyên 2026",
    "Thái Nguyên farm produce matchmaking conference 2026",
    now + 2 * DAY,
    1,
  );
  await register(past.slug, [...buyers, ...cooperatives]);
  await mark(past.slug, [...buyers, ...cooperatives]);
  // One direct request, accepted: it is placed first.
  const [firstBuyer] = buyers;
  if (firstBuyer) {
    const { counterparts } = await m.listCounterparts(firstBuyer, { slug: past.slug });
    const target = counterparts.find((c) => c.mark !== "not");
    if (target) {
      const { requestId } = await m.requestMeeting(firstBuyer, {
        slug: past.slug,
        form: { targetId: String(target.id), message: "Xin gặp để bàn đơn hàng quý III." },
      });
      const coop = cooperatives.find((c) => c.cooperative?.name === target.name);
      if (coop)
        await m.answerMeetingRequest(coop, {
          slug: past.slug,
          form: { requestId: String(requestId), answer: "accept" },
        });
    }
  }
  await m.moveConference(staff, { id: past.id, action: "close_preferences" });
  await m.moveConference(staff, { id: past.id, action: "schedule" });
  await m.moveConference(staff, { id: past.id, action: "publish" });
  // It took place two months ago: the whole calendar moves back (what the clock would have done).
  const shift = 62 * DAY;
  const conference = (await models.Conference.findByPk(past.id))!;
  await conference.update({
    startsOn: day(Date.parse(`${conference.startsOn}T00:00:00+07:00`) - shift),
    endsOn: day(Date.parse(`${conference.endsOn}T00:00:00+07:00`) - shift),
    registrationOpensAt: new Date(conference.registrationOpensAt.getTime() - shift),
    registrationClosesAt: new Date(conference.registrationClosesAt.getTime() - shift),
  });
  for (const slot of await models.ConferenceSlot.findAll({ where: { conferenceId: past.id } }))
    await slot.update({
      startsAt: new Date(slot.startsAt.getTime() - shift),
      endsAt: new Date(slot.endsAt.getTime() - shift),
    });
  const meetings = await models.ConferenceMeeting.findAll({
    where: { conferenceId: past.id, status: "scheduled" },
    order: [["id", "ASC"]],
  });
  const participants = await models.ConferenceParticipant.findAll({ where: { conferenceId: past.id } });
  const personOf = (participantId: number) => {
    const p = participants.find((x) => x.id === participantId)!;
    return p.side === "buyer"
      ? buyers.find((b) => b.id === p.userId)!
      : cooperatives.find((c) => c.cooperative?.id === p.cooperativeId)!;
  };
  const FIRST = ["cooperation_possible", "informative", "cooperation_possible", "no_interest"] as const;
  const LATER = ["negotiating", "agreement_reached", "no_further_contact"] as const;
  for (const [i, meeting] of meetings.entries()) {
    const status = i % 9 === 4 ? "no_show" : "held";
    await m.markMeeting(staff, { id: past.id, form: { meetingId: String(meeting.id), status } });
    if (status !== "held") continue;
    for (const who of [personOf(meeting.buyerId), personOf(meeting.cooperativeId)]) {
      const form = { meetingId: String(meeting.id), stage: "first", outcome: FIRST[i % FIRST.length]! };
      await m.recordMeetingOutcome(who, { slug: past.slug, form });
      if (form.outcome === "cooperation_possible" && i % 2 === 0)
        await m.recordMeetingOutcome(who, {
          slug: past.slug,
          form: { meetingId: String(meeting.id), stage: "follow_up", outcome: LATER[i % LATER.length]! },
        });
    }
  }
  await m.moveConference(staff, { id: past.id, action: "finish" });

  // ---- Next month's: open for registration, some have registered and marked already ---------------------
  const next = await create(
    "Hội nghị kết nối cung cầu chè và dược liệu Việt Bắc",
    "Việt Bắc tea and medicinal herbs matchmaking conference",
    now + 30 * DAY,
    2,
  );
  const early = [...buyers.slice(0, 4), ...cooperatives.slice(0, 6)];
  await register(next.slug, early);
  await mark(next.slug, early);
  return 2;
}

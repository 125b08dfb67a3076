import { Op } from "sequelize";
import type { Container } from "../server/context";
import { transferReferenceOf } from "../server/orders/kit";
import { shiftDay, vietnamDay } from "../server/vocabulary/dates";
import type {
  BookingStatus,
  BoothType,
  CheckoutStatus,
  MeetingStatus,
  OrderStatus,
  PaymentMethod,
  PaymentStatus,
} from "../server/vocabulary/domain";
import { PROVINCES } from "../server/vocabulary/geo";
import { addressLine } from "../server/vocabulary/wards";
import { rng, SPAN_DAYS } from "./synthetic";
import type { AgreementBuyer } from "./synthetic-agreements";

/**
 * What the staff dashboard counts besides agreements, at union scale and deterministic like the rest of
 * seeds/synthetic: marketplace orders (a checkout, an order and its lines each), trade fairs with a hall of booths
 * and their bookings, and buyer–cooperative conferences with slots, participants and meetings. Written in bulk,
 * not through the use cases: no order events, stock movements, notifications or schedules are made.
 */

const DAY = 86_400_000;
const BATCH = 500;

/** "Days ago" within the span, denser lately as a platform grows (a third uniform, the rest a triangle). */
function recentDaysAgo(r: ReturnType<typeof rng>) {
  const u = r.next();
  return Math.min(SPAN_DAYS - 1, Math.floor(SPAN_DAYS * (r.next() < 0.3 ? u : 1 - Math.sqrt(1 - u * 0.999))));
}

interface PoolProduct {
  id: number;
  cooperativeId: number;
  sku: string;
  nameVi: string;
  nameEn: string | null;
  unit: string;
  priceVnd: number;
}

/** The i-th synthetic order: one cooperative's products in one checkout, its state as of `now`. */
export function syntheticOrder(
  seed: number,
  i: number,
  pools: {
    products: readonly PoolProduct[];
    productsOf: ReadonlyMap<number, readonly PoolProduct[]>;
    buyers: readonly AgreementBuyer[];
    now: Date;
  },
) {
  const r = rng(seed * 19_000_043 + i);
  const first = pools.products[Math.floor(pools.products.length * r.next() ** 1.4)]!;
  const buyer = pools.buyers[Math.floor(pools.buyers.length * r.next() ** 1.3)]!;
  const own = pools.productsOf.get(first.cooperativeId) ?? [first];
  const picked = [first, ...Array.from({ length: r.int(0, 2) }, () => r.pick(own))].filter(
    (p, k, all) => all.findIndex((q) => q.id === p.id) === k,
  );
  const items = picked.map((p) => {
    const quantity = r.int(1, 12);
    return {
      productId: p.id,
      sku: p.sku,
      nameVi: p.nameVi,
      nameEn: p.nameEn,
      unit: p.unit,
      unitPriceVnd: p.priceVnd,
      quantity,
      lineTotalVnd: quantity * p.priceVnd,
    };
  });
  const subtotalVnd = items.reduce((n, l) => n + l.lineTotalVnd, 0);
  const daysAgo = recentDaysAgo(r);
  const createdAt = new Date(
    Math.floor((pools.now.getTime() - daysAgo * DAY) / DAY) * DAY + r.int(1, 14) * 3_600_000,
  );
  const m = r.next();
  const paymentMethod: PaymentMethod = m < 0.5 ? "cod" : m < 0.85 ? "bank_transfer" : "card";
  const x = r.next();
  // Orders of the last fortnight are still moving; older ones have ended.
  let status: OrderStatus;
  if (daysAgo < 14)
    status =
      paymentMethod === "cod"
        ? r.pick(["placed", "confirmed", "shipped", "delivered"] as const)
        : r.pick(["pending_payment", "paid", "confirmed", "shipped", "delivered"] as const);
  else status = x < 0.08 ? "cancelled" : x < 0.1 && paymentMethod !== "cod" ? "refunded" : "delivered";
  const paid =
    status === "delivered" ||
    (paymentMethod !== "cod" && ["paid", "confirmed", "shipped", "refunded"].includes(status));
  const paymentStatus: PaymentStatus = status === "refunded" ? "refunded" : paid ? "paid" : "unpaid";
  const checkoutStatus: CheckoutStatus =
    status === "cancelled"
      ? "cancelled"
      : status === "pending_payment"
        ? "pending_payment"
        : paymentMethod === "cod"
          ? "placed"
          : "paid";
  const paidAt = paid ? new Date(createdAt.getTime() + r.int(1, 48) * 3_600_000) : null;
  const updatedAt = new Date(Math.min(pools.now.getTime(), createdAt.getTime() + r.int(1, 10) * DAY));
  const code = `SY${seed}-O${i + 1}`;
  const org = buyer.organisation;
  return {
    code,
    checkout: {
      publicId: `sy${seed}o${i + 1}`,
      buyerId: buyer.id,
      contactName: buyer.fullName,
      phone: buyer.phone,
      email: buyer.email,
      provinceCode: org?.provinceCode ?? "01",
      wardCode: org?.wardCode || null,
      address: org ? addressLine(org) : "—",
      note: null,
      paymentMethod,
      totalVnd: subtotalVnd,
      status: checkoutStatus,
      expiresAt: null,
      paidAt: checkoutStatus === "paid" ? paidAt : null,
      createdAt,
      updatedAt,
    },
    order: {
      code,
      cooperativeId: first.cooperativeId,
      buyerId: buyer.id,
      status,
      paymentMethod,
      paymentStatus,
      subtotalVnd,
      transferReference: transferReferenceOf(code),
      cancelReason: status === "cancelled" ? "Người mua hủy đơn." : null,
      paidAt,
      createdAt,
      updatedAt,
    },
    items,
  };
}

/** Fair i: about every 45 days over the span (and the next two months), in a province drawn with a Zipf skew. */
export function syntheticFair(seed: number, i: number, today: string) {
  const r = rng(seed * 23_000_009 + i);
  const province = r.zipf(PROVINCES);
  const startsOn = shiftDay(today, { days: -SPAN_DAYS + ((i * 45 + r.int(0, 20)) % (SPAN_DAYS + 60)) });
  const endsOn = shiftDay(startsOn, { days: r.int(2, 4) });
  const year = startsOn.slice(0, 4);
  const boothCount = r.int(40, 120);
  const booths = Array.from({ length: boothCount }, (_, k) => {
    const y = r.next();
    const type: BoothType = y < 0.75 ? "standard" : y < 0.92 ? "corner" : "premium";
    return {
      code: `A${String(k + 1).padStart(3, "0")}`,
      type,
      xM: (k % 15) * 4,
      yM: Math.floor(k / 15) * 5,
      widthM: 3,
      depthM: 3,
      priceVnd: { standard: 3_500_000, corner: 4_500_000, premium: 8_000_000 }[type],
    };
  });
  return {
    fair: {
      slug: `hoi-cho-syn-${seed}-${i + 1}`,
      nameVi: `Hội chợ nông sản và sản phẩm OCOP ${province.name} ${year}`,
      nameEn: `${province.name} farm produce and OCOP fair ${year}`,
      descriptionVi: `Hội chợ thường niên của các hợp tác xã ${province.name} (dữ liệu tổng hợp).`,
      descriptionEn: null,
      organiser: `Liên minh Hợp tác xã ${province.name}`,
      venue: `Trung tâm Hội chợ Triển lãm ${province.name}`,
      provinceCode: province.code,
      wardCode: null,
      startsOn,
      endsOn,
      bookingOpensAt: new Date(Date.parse(`${shiftDay(startsOn, { days: -60 })}T01:00:00Z`)),
      bookingClosesAt: new Date(Date.parse(`${shiftDay(startsOn, { days: -3 })}T10:00:00Z`)),
      status: endsOn < today ? ("finished" as const) : ("open" as const),
      maxBoothsPerCooperative: 2,
      requiresApproval: false,
      createdById: null,
    },
    booths,
    /** For each booth, whether it is booked and by which pick of the cooperatives (an index into a pool). */
    fill: r.int(60, 95) / 100,
    r,
  };
}

/** Conference i: about every 120 days, one day of 8 rounds at 20 tables. */
export function syntheticConference(seed: number, i: number, today: string) {
  const r = rng(seed * 29_000_057 + i);
  const province = r.zipf(PROVINCES);
  const startsOn = shiftDay(today, { days: -SPAN_DAYS + ((i * 120 + r.int(0, 30)) % (SPAN_DAYS + 60)) });
  const year = startsOn.slice(0, 4);
  const slots = Array.from({ length: 8 }, (_, s) => {
    const startsAt = new Date(Date.parse(`${startsOn}T01:30:00Z`) + s * 25 * 60_000);
    return { startsAt, endsAt: new Date(startsAt.getTime() + 20 * 60_000) };
  });
  return {
    conference: {
      slug: `hoi-nghi-syn-${seed}-${i + 1}`,
      nameVi: `Hội nghị kết nối cung cầu nông sản ${province.name} ${year}`,
      nameEn: `${province.name} farm produce supply and demand conference ${year}`,
      descriptionVi: "Gặp gỡ giữa người mua và các hợp tác xã theo lịch hẹn (dữ liệu tổng hợp).",
      descriptionEn: null,
      fairId: null,
      venue: `Hội trường Liên minh Hợp tác xã ${province.name}`,
      address: null,
      provinceCode: province.code,
      startsOn,
      endsOn: startsOn,
      meetingMinutes: 20,
      tables: 20,
      maxMeetings: 8,
      registrationOpensAt: new Date(Date.parse(`${shiftDay(startsOn, { days: -45 })}T01:00:00Z`)),
      registrationClosesAt: new Date(Date.parse(`${shiftDay(startsOn, { days: -7 })}T10:00:00Z`)),
      phase: startsOn < today ? ("finished" as const) : ("registration" as const),
      createdById: null,
    },
    slots,
    r,
  };
}

/** `count` distinct indices below `n`, drawn with r. */
function distinct(r: ReturnType<typeof rng>, n: number, count: number) {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(n, count)) chosen.add(Math.floor(r.next() * n));
  return [...chosen];
}

/** Orders, fairs and conferences of a synthetic run (seeds/synthetic-seed.ts), adding only what is missing. */
export async function seedSyntheticActivity(
  db: Container["db"],
  sizes: { seed: number; orders: number; fairs: number; conferences: number },
  {
    now,
    progress,
    cooperatives,
    buyers,
  }: {
    now: Date;
    progress: (part: "orders" | "fairs" | "conferences", done: number, total: number) => void;
    cooperatives: ReadonlyArray<{ id: number }>;
    buyers: readonly AgreementBuyer[];
  },
) {
  const { models } = db;
  const { seed } = sizes;
  const today = vietnamDay(now);
  const added = { orders: 0, fairs: 0, conferences: 0 };
  let skipped = 0;

  // ---- orders ---------------------------------------------------------------------------------------------
  if (sizes.orders > 0) {
    if (buyers.length === 0) throw new Error(`no synthetic buyers of seed ${seed} to place the orders`);
    const products = (await models.Product.findAll({
      where: { sku: { [Op.like]: `S${seed}-%` }, status: "active" },
      attributes: ["id", "cooperativeId", "sku", "nameVi", "nameEn", "unit", "priceVnd"],
      order: [["id", "ASC"]],
      raw: true,
    })) as unknown as PoolProduct[];
    if (products.length === 0) throw new Error(`no synthetic products of seed ${seed} to order`);
    const productsOf = new Map<number, PoolProduct[]>();
    for (const p of products)
      (productsOf.get(p.cooperativeId) ?? productsOf.set(p.cooperativeId, []).get(p.cooperativeId)!).push(p);
    const pools = { products, productsOf, buyers, now };
    for (let from = 0; from < sizes.orders; from += BATCH) {
      const to = Math.min(sizes.orders, from + BATCH);
      const all = Array.from({ length: to - from }, (_, k) => syntheticOrder(seed, from + k, pools));
      const present = new Set(
        (await models.Order.findAll({ attributes: ["code"], where: { code: all.map((o) => o.code) } })).map(
          (o) => o.code,
        ),
      );
      const rows = all.filter((o) => !present.has(o.code));
      skipped += all.length - rows.length;
      if (rows.length > 0)
        await db.sequelize.transaction(async (transaction) => {
          const checkouts = await models.Checkout.bulkCreate(
            rows.map((o) => o.checkout),
            { transaction },
          );
          const orders = await models.Order.bulkCreate(
            rows.map((o, k) => ({ ...o.order, checkoutId: checkouts[k]!.id })),
            { transaction },
          );
          await models.OrderItem.bulkCreate(
            orders.flatMap((order, k) => rows[k]!.items.map((item) => ({ ...item, orderId: order.id }))),
            { transaction },
          );
        });
      added.orders += rows.length;
      progress("orders", to, sizes.orders);
    }
  }

  // ---- fairs, their booths and bookings -----------------------------------------------------------------
  for (let i = 0; i < sizes.fairs; i++) {
    const { fair, booths, fill, r } = syntheticFair(seed, i, today);
    if (await models.Fair.findOne({ where: { slug: fair.slug }, attributes: ["id"] })) {
      skipped += 1;
      continue;
    }
    const finished = fair.status === "finished";
    await db.sequelize.transaction(async (transaction) => {
      const created = await models.Fair.create({ ...fair, createdAt: fair.bookingOpensAt }, { transaction });
      const hall = await models.FairHall.create(
        { fairId: created.id, name: "Nhà A", position: 0, widthM: 60, depthM: 45 },
        { transaction },
      );
      const boothRows = await models.Booth.bulkCreate(
        booths.map((b) => ({ ...b, fairId: created.id, hallId: hall.id })),
        { transaction },
      );
      const held = new Map<number, number>();
      const bookings = boothRows.flatMap((booth, k) => {
        if (cooperatives.length === 0 || r.next() >= fill) return [];
        let coop = cooperatives[Math.floor(cooperatives.length * r.next())]!;
        while ((held.get(coop.id) ?? 0) >= fair.maxBoothsPerCooperative)
          coop = cooperatives[Math.floor(cooperatives.length * r.next())]!;
        held.set(coop.id, (held.get(coop.id) ?? 0) + 1);
        const y = r.next();
        const status: BookingStatus = finished
          ? y < 0.9
            ? "booked"
            : "cancelled"
          : y < 0.65
            ? "booked"
            : y < 0.9
              ? "pending_payment"
              : "cancelled";
        const opens = fair.bookingOpensAt.getTime();
        const createdAt = new Date(
          opens + Math.floor(r.next() * (Math.min(fair.bookingClosesAt.getTime(), now.getTime()) - opens)),
        );
        const active = status !== "cancelled";
        return [
          {
            publicId: `sy${seed}f${i + 1}b${k + 1}`,
            fairId: created.id,
            boothId: booth.id,
            cooperativeId: coop.id,
            status,
            activeBoothId: active ? booth.id : null,
            expiresAt: status === "pending_payment" ? fair.bookingClosesAt : null,
            paymentMethod: r.next() < 0.7 ? ("bank_transfer" as const) : ("card" as const),
            amountVnd: Number(booth.priceVnd),
            transferReference: `SY${seed}F${i + 1}B${k + 1}`,
            paidAt: status === "booked" ? new Date(createdAt.getTime() + r.int(1, 72) * 3_600_000) : null,
            reason: status === "cancelled" ? "Hợp tác xã hủy đăng ký." : null,
            createdAt,
            updatedAt: createdAt,
          },
        ];
      });
      await models.BoothBooking.bulkCreate(bookings, { transaction });
    });
    added.fairs += 1;
    progress("fairs", i + 1, sizes.fairs);
  }

  // ---- conferences, their participants and meetings ------------------------------------------------------
  for (let i = 0; i < sizes.conferences; i++) {
    const { conference, slots, r } = syntheticConference(seed, i, today);
    if (await models.Conference.findOne({ where: { slug: conference.slug }, attributes: ["id"] })) {
      skipped += 1;
      continue;
    }
    const finished = conference.phase === "finished";
    const buyerPicks = distinct(r, buyers.length, r.int(30, 60)).map((k) => buyers[k]!);
    const coopPicks = distinct(r, cooperatives.length, r.int(40, 80)).map((k) => cooperatives[k]!);
    const S = slots.length;
    if (buyerPicks.length < S || coopPicks.length < 2 * S - 1)
      throw new Error(`a synthetic conference needs ${S} buyers and ${2 * S - 1} cooperatives at least`);
    // Buyer (t + s) and cooperative (t + 2s) at table t of slot s: nobody twice in a slot, no pair met twice.
    const tables = Math.max(
      1,
      Math.min(conference.tables, buyerPicks.length - S + 1, coopPicks.length - 2 * S + 2),
    );
    await db.sequelize.transaction(async (transaction) => {
      const created = await models.Conference.create(
        { ...conference, createdAt: conference.registrationOpensAt },
        { transaction },
      );
      const slotRows = await models.ConferenceSlot.bulkCreate(
        slots.map((s) => ({ ...s, conferenceId: created.id })),
        { transaction },
      );
      const participant = (side: "buyer" | "cooperative", id: number) => ({
        conferenceId: created.id,
        side,
        userId: side === "buyer" ? id : null,
        cooperativeId: side === "cooperative" ? id : null,
        maxMeetings: null,
        unavailableSlotIds: "[]",
        status: "registered" as const,
        addedById: null,
        createdAt: conference.registrationOpensAt,
        updatedAt: conference.registrationOpensAt,
      });
      const buyerRows = await models.ConferenceParticipant.bulkCreate(
        buyerPicks.map((b) => participant("buyer", b.id)),
        { transaction },
      );
      const coopRows = await models.ConferenceParticipant.bulkCreate(
        coopPicks.map((c) => participant("cooperative", c.id)),
        { transaction },
      );
      const meetings = slotRows.flatMap((slot, s) =>
        Array.from({ length: tables }, (_, t) => t).flatMap((t) => {
          if (r.next() >= 0.75) return [];
          const y = r.next();
          const status: MeetingStatus = !finished
            ? "scheduled"
            : y < 0.82
              ? "held"
              : y < 0.92
                ? "no_show"
                : "cancelled";
          const live = status !== "cancelled";
          return [
            {
              conferenceId: created.id,
              slotId: slot.id,
              busySlotId: live ? slot.id : null,
              tableNo: t + 1,
              buyerId: buyerRows[t + s]!.id,
              cooperativeId: coopRows[t + 2 * s]!.id,
              pairLive: live ? 1 : null,
              tier: null,
              status,
              publishedAt: new Date(conference.registrationClosesAt.getTime() + 2 * DAY),
              createdAt: conference.registrationClosesAt,
              updatedAt: finished ? slot.endsAt : conference.registrationClosesAt,
            },
          ];
        }),
      );
      await models.ConferenceMeeting.bulkCreate(meetings, { transaction });
    });
    added.conferences += 1;
    progress("conferences", i + 1, sizes.conferences);
  }
  return { added, skipped };
}

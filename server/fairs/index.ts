import { randomBytes } from "node:crypto";
import { Op, Transaction } from "sequelize";
import {
  ACTIVE_BOOKING_STATUSES,
  FAIR_STATUS_MOVES,
  type BookingStatus,
  type BoothState,
  type FairStatus,
  type OrderActor,
} from "../../app/lib/domain";
import { provinceByCode } from "../../app/lib/geo";
import { formatDate } from "../../app/lib/format";
import { foldVietnamese } from "../../app/lib/text";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import { toPicture, type Picture } from "../catalogue/views";
import { cooperativeContacts, notifyCooperativeContacts } from "../cooperatives";
import type { Database } from "../db";
import type { BookingRecord, BoothRecord, FairRecord } from "../db/models/fairs";
import { freeSlug, isSlugRace, uniqueViolation } from "../db/slugs";
import type { TransactionOptions } from "../db/transaction";
import { lifecycle, TransitionRefused } from "../lifecycle";
import { bookingStateMachine, type BookingAction } from "./booking-state-machine";
import { Conflict, Forbidden, Invalid, NotFound } from "../errors";
import { processImage, type ImageStorage } from "../images";
import { enqueueJob, type JobHandler } from "../jobs";
import type { Logger } from "../logger";
import type { PaymentPurpose } from "../payments";
import type { CardGateway } from "../payments/stripe";
import { readableCode, transferInstructions } from "../payments/vietqr";
import { parseOrInvalid } from "../validation";
import { fitsIn, overlaps, planGrid } from "./floor-plan";
import {
  boothSchema,
  confirmSchema,
  exhibitorQuerySchema,
  fairSchema,
  gridSchema,
  hallSchema,
  reasonSchema,
  type FairInput,
} from "./schemas";

export const EXPIRE_BOOKING = "fairs.expire-booking";
export const REFUND_BOOKING = "fairs.refund-booking";
const CARD_SESSION_MINUTES = 60;

/** "GH" and 9 readable characters: the transfer reference of a booth fee (ASCII, ≤ 19). */
const bookingReference = () => `GH${readableCode(9)}`;

export interface PlanBooth {
  id: number;
  code: string;
  type: string;
  xM: number;
  yM: number;
  widthM: number;
  depthM: number;
  priceVnd: number;
  state: BoothState;
  /** Shown once the booth is booked (the public exhibitor); staff see it for every active booking. */
  exhibitor: { id: number; name: string; slug: string } | null;
  /** The viewer's own booking on this booth, if any. */
  mine: { publicId: string; status: BookingStatus; expiresAt: string | null } | null;
  blockedReason: string | null;
}

export interface PlanHall {
  id: number;
  name: string;
  widthM: number;
  depthM: number;
  booths: PlanBooth[];
}

export interface FairSummary {
  id: number;
  slug: string;
  name: string;
  organiser: string;
  venue: string;
  province: { code: string; name: string };
  startsOn: string;
  endsOn: string;
  bookingOpensAt: string;
  bookingClosesAt: string;
  status: FairStatus;
  cover: Picture | null;
  boothCount: number;
  availableCount: number;
}

export interface FairsDeps {
  db: Database;
  logger: Logger;
  storage: ImageStorage;
  gateway: CardGateway | null;
  publicUrl?: string;
  now?: () => Date;
}

function stateOf(booth: BoothRecord, booking: BookingRecord | undefined): BoothState {
  if (booking?.status === "booked") return "booked";
  if (booking?.status === "held") return "held";
  if (booking) return "pending";
  if (booth.blockedReason) return "blocked";
  return "available";
}

export function createFairsService({
  db,
  logger,
  storage,
  gateway,
  publicUrl,
  now = () => new Date(),
}: FairsDeps) {
  const { models } = db;
  /**
   * Every fair write runs at READ COMMITTED on MySQL. Under REPEATABLE READ a count made after waiting for a lock
   * reads the snapshot taken before the wait (five holds at once passed a limit of two), and the gap locks taken
   * when a booking lets go of one booth deadlocked with a waitlist offer inserting the neighbouring booth.
   */
  const isolationLevel = db.dialect === "mysql" ? Transaction.ISOLATION_LEVELS.READ_COMMITTED : undefined;
  const transact = <T>(
    work: (transaction: Transaction) => Promise<T>,
    options: Omit<TransactionOptions, "isolationLevel"> = {},
  ) => db.transaction(work, { ...options, isolationLevel });

  function assertStaff(user: CurrentUser) {
    if (user.role !== "staff") throw new Forbidden();
  }

  function cooperativeOf(user: CurrentUser) {
    if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
    if (user.cooperative.status !== "approved") throw new Forbidden("cooperative_not_approved");
    return user.cooperative.id;
  }

  function summaryOf(
    f: FairRecord,
    locale: string,
    counts?: { booths: number; available: number },
  ): FairSummary {
    return {
      id: f.id,
      slug: f.slug,
      name: locale === "en" && f.nameEn ? f.nameEn : f.nameVi,
      organiser: f.organiser,
      venue: f.venue,
      province: { code: f.provinceCode, name: provinceByCode(f.provinceCode)?.name ?? f.provinceCode },
      startsOn: f.startsOn,
      endsOn: f.endsOn,
      bookingOpensAt: f.bookingOpensAt.toISOString(),
      bookingClosesAt: f.bookingClosesAt.toISOString(),
      status: f.status,
      cover: f.cover ? (JSON.parse(f.cover) as Picture) : null,
      boothCount: counts?.booths ?? 0,
      availableCount: counts?.available ?? 0,
    };
  }

  async function loadFair(idOrSlug: number | string, transaction?: Transaction) {
    const fair =
      typeof idOrSlug === "number"
        ? await models.Fair.findByPk(idOrSlug, { transaction })
        : await models.Fair.findOne({ where: { slug: idOrSlug }, transaction });
    if (!fair) throw new NotFound("fair_not_found");
    return fair;
  }

  async function activeBookings(fairId: number, transaction?: Transaction) {
    return models.BoothBooking.findAll({
      where: { fairId, activeBoothId: { [Op.ne]: null } },
      include: [{ model: models.Cooperative, as: "cooperative", attributes: ["id", "name", "slug"] }],
      transaction,
    });
  }

  async function counts(fairIds: number[]) {
    if (fairIds.length === 0) return new Map<number, { booths: number; available: number }>();
    const booths = await models.Booth.findAll({
      where: { fairId: fairIds },
      attributes: ["id", "fairId", "blockedReason"],
    });
    const taken = new Set(
      (
        await models.BoothBooking.findAll({
          where: { fairId: fairIds, activeBoothId: { [Op.ne]: null } },
          attributes: ["boothId"],
        })
      ).map((b) => b.boothId),
    );
    const out = new Map<number, { booths: number; available: number }>();
    for (const b of booths) {
      const c = out.get(b.fairId) ?? { booths: 0, available: 0 };
      c.booths++;
      if (!taken.has(b.id) && !b.blockedReason) c.available++;
      out.set(b.fairId, c);
    }
    return out;
  }

  /** Halls and booths with each booth's state, as the viewer may see it. */
  async function plan(
    fair: FairRecord,
    viewer: { cooperativeId?: number; staff?: boolean },
  ): Promise<PlanHall[]> {
    const [halls, booths, bookings] = await Promise.all([
      models.FairHall.findAll({
        where: { fairId: fair.id },
        order: [
          ["position", "ASC"],
          ["id", "ASC"],
        ],
      }),
      models.Booth.findAll({ where: { fairId: fair.id }, order: [["code", "ASC"]] }),
      activeBookings(fair.id),
    ]);
    const byBooth = new Map(bookings.map((b) => [b.boothId, b]));
    return halls.map((h) => ({
      id: h.id,
      name: h.name,
      widthM: h.widthM,
      depthM: h.depthM,
      booths: booths
        .filter((b) => b.hallId === h.id)
        .map((b) => {
          const booking = byBooth.get(b.id);
          const coop = (
            booking as
              (BookingRecord & { cooperative?: { id: number; name: string; slug: string } }) | undefined
          )?.cooperative;
          const state = stateOf(b, booking);
          const showExhibitor = coop && (state === "booked" || viewer.staff);
          return {
            id: b.id,
            code: b.code,
            type: b.type,
            xM: b.xM,
            yM: b.yM,
            widthM: b.widthM,
            depthM: b.depthM,
            priceVnd: b.priceVnd,
            state,
            exhibitor: showExhibitor ? { id: coop.id, name: coop.name, slug: coop.slug } : null,
            mine:
              booking && viewer.cooperativeId && booking.cooperativeId === viewer.cooperativeId
                ? {
                    publicId: booking.publicId,
                    status: booking.status,
                    expiresAt: booking.expiresAt?.toISOString() ?? null,
                  }
                : null,
            blockedReason: viewer.staff ? b.blockedReason : null,
          };
        }),
    }));
  }

  function bookingOpen(fair: FairRecord) {
    const t = now().getTime();
    return fair.status === "open" && fair.bookingOpensAt.getTime() <= t && t < fair.bookingClosesAt.getTime();
  }

  /** Bookings move only through their lifecycle: conditional update, timeline event and audit entry together. */
  const bookingLifecycle = lifecycle(bookingStateMachine, {
    models,
    model: models.BoothBooking,
    name: "booth_booking",
    changedCode: "booking_changed",
    async recordEvent(transaction, e) {
      const booth = await models.Booth.findByPk(e.subject.boothId, { transaction, attributes: ["code"] });
      await models.BookingEvent.create(
        {
          bookingId: e.subject.id,
          fromStatus: e.from,
          toStatus: e.to,
          boothCode: booth?.code ?? "",
          actorId: e.actorId,
          actorKind: e.actor,
          note: e.note,
        },
        { transaction },
      );
      logger.info(
        { booking: e.subject.publicId, from: e.from, to: e.to, actor: e.actor },
        "booth booking moved",
      );
    },
  });

  /**
   * Move a booking inside the caller's transaction. Leaving the active states lets go of the booth
   * (active_booth_id = NULL), and the booth is offered to the waiting list in the same transaction.
   */
  async function move(
    transaction: Transaction,
    booking: BookingRecord,
    action: BookingAction,
    to: BookingStatus,
    actor: OrderActor,
    actorId: number | null,
    changes: Partial<{
      expiresAt: Date | null;
      paymentMethod: "card" | "bank_transfer" | null;
      paidAt: Date;
      reason: string;
    }> = {},
    note: string | null = null,
  ) {
    const releases = !ACTIVE_BOOKING_STATUSES.includes(to);
    // A booked booth no longer runs out: whatever deadline brought it here (hold, payment) is over.
    const settled = releases || to === "booked";
    await bookingLifecycle.move(transaction, {
      subject: booking,
      action,
      to,
      actor,
      actorId,
      note,
      changes: {
        ...changes,
        ...(settled ? { expiresAt: null } : {}),
        ...(releases ? { activeBoothId: null } : {}),
      },
    });
    if (releases) await offerToWaitlist(transaction, booking.fairId, booking.boothId);
  }

  /** Tell a cooperative's people about its booking, the fair named in each one's language. */
  async function notifyCooperative(
    transaction: Transaction,
    cooperativeId: number,
    template: string,
    fair: FairRecord,
    params: Record<string, string>,
    localised: (locale: string) => Record<string, string> = () => ({}),
  ) {
    const contact = (await cooperativeContacts(db, [cooperativeId], transaction)).get(cooperativeId);
    await notifyCooperativeContacts(models, transaction, contact, template, (locale) => ({
      fair: locale === "en" && fair.nameEn ? fair.nameEn : fair.nameVi,
      ...params,
      ...localised(locale),
    }));
  }

  /**
   * Hold a booth for a cooperative: the insert carries the booth's id in `active_booth_id`, whose unique index
   * lets only one active booking per booth exist. Whoever comes second is told the booth was just taken.
   */
  async function insertHold(
    transaction: Transaction,
    fair: FairRecord,
    booth: BoothRecord,
    cooperativeId: number,
    options: { fromWaitlist: boolean; expiresAt: Date; actorId: number | null },
  ) {
    const booking = await models.BoothBooking.create(
      {
        publicId: randomBytes(12).toString("base64url"),
        fairId: fair.id,
        boothId: booth.id,
        cooperativeId,
        status: "held",
        activeBoothId: booth.id,
        expiresAt: options.expiresAt,
        fromWaitlist: options.fromWaitlist,
        amountVnd: booth.priceVnd,
        transferReference: bookingReference(),
      },
      { transaction },
    );
    await models.BookingEvent.create(
      {
        bookingId: booking.id,
        fromStatus: null,
        toStatus: "held",
        boothCode: booth.code,
        actorId: options.actorId,
        actorKind: options.fromWaitlist ? "system" : "cooperative",
        note: options.fromWaitlist ? "waitlist_offer" : null,
      },
      { transaction },
    );
    await enqueueJob(
      models,
      transaction,
      EXPIRE_BOOKING,
      { bookingId: booking.id },
      { runAt: options.expiresAt },
    );
    return booking;
  }

  /** A booth came free: offer it to the first cooperative waiting for this fair, for a limited time. */
  async function offerToWaitlist(transaction: Transaction, fairId: number, boothId: number) {
    const fair = await models.Fair.findByPk(fairId, { transaction });
    const booth = await models.Booth.findByPk(boothId, { transaction });
    if (!fair || !booth || booth.blockedReason || !bookingOpen(fair)) return;
    const waiting = await models.FairWaitlist.findAll({
      where: { fairId, status: "waiting" },
      order: [["id", "ASC"]],
      transaction,
    });
    for (const entry of waiting) {
      // The same lock as a hold's, then locking reads (which see the latest commits, not this transaction's
      // snapshot): two booths freeing at once cannot both go to one cooperative past its limit.
      await models.Cooperative.findByPk(entry.cooperativeId, { transaction, lock: transaction.LOCK.UPDATE });
      const current = await models.FairWaitlist.findByPk(entry.id, {
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      if (current?.status !== "waiting") continue;
      const active = (
        await models.BoothBooking.findAll({
          where: { fairId, cooperativeId: entry.cooperativeId, activeBoothId: { [Op.ne]: null } },
          attributes: ["id"],
          transaction,
          lock: transaction.LOCK.SHARE,
        })
      ).length;
      if (active >= fair.maxBoothsPerCooperative) continue;
      const expiresAt = new Date(now().getTime() + fair.offerHours * 3_600_000);
      const booking = await insertHold(transaction, fair, booth, entry.cooperativeId, {
        fromWaitlist: true,
        expiresAt,
        actorId: null,
      });
      await entry.update({ status: "offered", bookingId: booking.id }, { transaction });
      await notifyCooperative(
        transaction,
        entry.cooperativeId,
        "booth_offered",
        fair,
        { booth: booth.code },
        (locale) => ({ until: formatDate(expiresAt, locale, true) }),
      );
      return;
    }
  }

  /**
   * Lock a booking, then its fair's row. Changes to one fair's bookings queue on the fair: a booking letting go
   * of one booth while another's release offers a booth to the same waiting cooperative otherwise deadlocked on
   * MariaDB (one held the booth index, the other the cooperative). Always booking first, then fair.
   */
  async function lockBookingRow(where: { publicId: string } | { id: number }, transaction: Transaction) {
    const booking = await models.BoothBooking.findOne({ where, transaction, lock: transaction.LOCK.UPDATE });
    if (booking)
      await models.Fair.findByPk(booking.fairId, {
        transaction,
        lock: transaction.LOCK.UPDATE,
        attributes: ["id"],
      });
    return booking;
  }

  async function lockBooking(publicId: string, transaction: Transaction) {
    const booking = await lockBookingRow({ publicId }, transaction);
    if (!booking) throw new NotFound("booking_not_found");
    return booking;
  }

  function ownBooking(user: CurrentUser, booking: BookingRecord) {
    if (user.role === "staff") return;
    if (user.cooperative?.id !== booking.cooperativeId) throw new NotFound("booking_not_found");
  }

  /** Waitlist entries follow the booking they were offered. */
  async function settleWaitlist(
    transaction: Transaction,
    booking: BookingRecord,
    outcome: "done" | "missed",
  ) {
    if (!booking.fromWaitlist) return;
    await models.FairWaitlist.update(
      { status: outcome === "done" ? "done" : "left" },
      { where: { bookingId: booking.id, status: "offered" }, transaction },
    );
  }

  async function bookingDetail(booking: BookingRecord, locale: string) {
    const [fair, booth, products, events] = await Promise.all([
      models.Fair.findByPk(booking.fairId),
      models.Booth.findByPk(booking.boothId),
      models.BookingProduct.findAll({ where: { bookingId: booking.id } }),
      models.BookingEvent.findAll({
        where: { bookingId: booking.id },
        order: [["id", "ASC"]],
        include: [{ model: models.User, as: "actor", attributes: ["fullName"] }],
      }),
    ]);
    const bank =
      fair?.bankBin && fair.bankAccountNo && fair.bankAccountName
        ? { bin: fair.bankBin, accountNo: fair.bankAccountNo, accountName: fair.bankAccountName }
        : null;
    // While a fee is owed the transfer details stay on offer, even after choosing card: if Stripe fails, the
    // cooperative can still pay by transfer before the deadline.
    const transfer =
      booking.status === "pending_payment" && bank
        ? await transferInstructions(bank, booking.amountVnd, booking.transferReference)
        : null;
    // What the confirm form offers: the cooperative's own active products.
    const own = await models.Product.findAll({
      where: { cooperativeId: booking.cooperativeId, status: "active" },
      attributes: ["id", "nameVi", "nameEn"],
      order: [["nameVi", "ASC"]],
    });
    return {
      publicId: booking.publicId,
      status: booking.status,
      fair: fair ? summaryOf(fair, locale) : null,
      rules: fair
        ? {
            requiresApproval: fair.requiresApproval,
            transferDays: fair.transferDays,
            holdMinutes: fair.holdMinutes,
            bookingClosesAt: fair.bookingClosesAt.toISOString(),
          }
        : null,
      products: own.map((p) => ({ id: p.id, name: locale === "en" && p.nameEn ? p.nameEn : p.nameVi })),
      booth: booth
        ? { id: booth.id, code: booth.code, type: booth.type, widthM: booth.widthM, depthM: booth.depthM }
        : null,
      amountVnd: booking.amountVnd,
      paymentMethod: booking.paymentMethod,
      expiresAt: booking.expiresAt?.toISOString() ?? null,
      paidAt: booking.paidAt?.toISOString() ?? null,
      reason: booking.reason,
      fromWaitlist: booking.fromWaitlist,
      productIds: products.map((p) => p.productId),
      transfer,
      cardAvailable: gateway !== null,
      bankTransferAvailable: bank !== null,
      timeline: events.map((e) => ({
        from: e.fromStatus,
        to: e.toStatus,
        boothCode: e.boothCode,
        actorKind: e.actorKind,
        actorName: (e as typeof e & { actor?: { fullName: string } | null }).actor?.fullName ?? null,
        note: e.note,
        at: e.createdAt.toISOString(),
      })),
    };
  }

  function fairColumns(input: FairInput) {
    return {
      nameVi: input.nameVi,
      nameEn: input.nameEn ?? null,
      descriptionVi: input.descriptionVi,
      descriptionEn: input.descriptionEn ?? null,
      organiser: input.organiser,
      venue: input.venue,
      provinceCode: input.provinceCode,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      bookingOpensAt: input.bookingOpensAt,
      bookingClosesAt: input.bookingClosesAt,
      maxBoothsPerCooperative: input.maxBoothsPerCooperative,
      requiresApproval: input.requiresApproval,
      holdMinutes: input.holdMinutes,
      transferDays: input.transferDays,
      offerHours: input.offerHours,
      bankBin: input.bankBin ?? null,
      bankAccountNo: input.bankAccountNo ?? null,
      bankAccountName: input.bankAccountName ? input.bankAccountName.toUpperCase() : null,
    };
  }

  const service = {
    // ---- Public --------------------------------------------------------------------------------------------

    /** Fairs visitors can see: open, closed and finished ones (never drafts), soonest first or most recent. */
    async list(locale: string, options: { upcoming?: boolean; limit?: number } = {}) {
      const today = now().toISOString().slice(0, 10);
      const fairs = await models.Fair.findAll({
        where: {
          status: { [Op.ne]: "draft" },
          ...(options.upcoming === true ? { endsOn: { [Op.gte]: today } } : {}),
          ...(options.upcoming === false ? { endsOn: { [Op.lt]: today } } : {}),
        },
        order: [["startsOn", options.upcoming === false ? "DESC" : "ASC"]],
        limit: options.limit ?? 50,
      });
      const c = await counts(fairs.map((f) => f.id));
      return fairs.map((f) => summaryOf(f, locale, c.get(f.id)));
    },

    /** The public fair page: details, plan with exhibitors on booked booths, and the exhibitor directory. */
    async publicFair(slug: string, rawQuery: unknown, locale: string, viewer: CurrentUser | null) {
      const fair = await loadFair(slug);
      if (fair.status === "draft" && viewer?.role !== "staff") throw new NotFound("fair_not_found");
      // A stale or hand-edited link (an unknown province) shows the whole directory rather than an error page.
      const parsed = exhibitorQuerySchema.safeParse(rawQuery);
      const q = parsed.success ? parsed.data : { q: undefined, province: undefined, category: undefined };
      const halls = await plan(fair, {
        cooperativeId: viewer?.cooperative?.id,
        staff: viewer?.role === "staff",
      });
      const booked = await models.BoothBooking.findAll({
        where: { fairId: fair.id, status: "booked" },
        include: [
          { model: models.Cooperative, as: "cooperative" },
          { model: models.Booth, as: "booth", attributes: ["code"] },
          {
            model: models.BookingProduct,
            as: "products",
            include: [
              {
                model: models.Product,
                as: "product",
                include: [{ model: models.ProductImage, as: "images" }],
              },
            ],
          },
        ],
        order: [["id", "ASC"]],
      });
      type Loaded = BookingRecord & {
        cooperative: {
          id: number;
          slug: string;
          name: string;
          provinceCode: string;
          logoUrl: string | null;
          searchName: string;
        };
        booth: { code: string };
        products: Array<{
          product: {
            id: number;
            slug: string;
            nameVi: string;
            nameEn: string | null;
            category: string;
            status: string;
            priceVnd: number;
            unit: string;
            images?: Array<InstanceType<typeof models.ProductImage>>;
          } | null;
        }>;
      };
      const exhibitors = new Map<
        number,
        {
          cooperative: { id: number; slug: string; name: string; logoUrl: string | null };
          province: { code: string; name: string };
          booths: string[];
          products: Array<{
            id: number;
            slug: string;
            name: string;
            category: string;
            priceVnd: number;
            unit: string;
            image: Picture | null;
          }>;
          search: string;
        }
      >();
      for (const b of booked as Loaded[]) {
        const c = b.cooperative;
        const entry = exhibitors.get(c.id) ?? {
          cooperative: { id: c.id, slug: c.slug, name: c.name, logoUrl: c.logoUrl },
          province: { code: c.provinceCode, name: provinceByCode(c.provinceCode)?.name ?? c.provinceCode },
          booths: [],
          products: [],
          search: c.searchName,
        };
        entry.booths.push(b.booth.code);
        for (const { product: p } of b.products) {
          if (!p || p.status !== "active" || entry.products.some((x) => x.id === p.id)) continue;
          const first = [...(p.images ?? [])].sort((x, y) => x.position - y.position)[0];
          entry.products.push({
            id: p.id,
            slug: p.slug,
            name: locale === "en" && p.nameEn ? p.nameEn : p.nameVi,
            category: p.category,
            priceVnd: Number(p.priceVnd),
            unit: p.unit,
            image: first ? toPicture(first) : null,
          });
          entry.search += ` ${p.nameVi} ${p.nameEn ?? ""}`;
        }
        exhibitors.set(c.id, entry);
      }
      const needle = q.q ? foldVietnamese(q.q) : null;
      const all = [...exhibitors.values()].sort((a, b) => a.booths[0]!.localeCompare(b.booths[0]!));
      const filtered = all.filter(
        (e) =>
          (!needle || foldVietnamese(e.search).includes(needle)) &&
          (!q.province || e.province.code === q.province) &&
          (!q.category || e.products.some((p) => p.category === q.category)),
      );
      const c = await counts([fair.id]);
      return {
        fair: {
          ...summaryOf(fair, locale, c.get(fair.id)),
          description: locale === "en" && fair.descriptionEn ? fair.descriptionEn : fair.descriptionVi,
          maxBoothsPerCooperative: fair.maxBoothsPerCooperative,
          requiresApproval: fair.requiresApproval,
          holdMinutes: fair.holdMinutes,
          bookingOpen: bookingOpen(fair),
        },
        halls,
        query: q,
        exhibitors: filtered.map(({ search: _search, ...e }) => e),
        exhibitorTotal: all.length,
        facets: {
          provinces: [...new Map(all.map((e) => [e.province.code, e.province])).values()],
          categories: [...new Set(all.flatMap((e) => e.products.map((p) => p.category)))],
        },
      };
    },

    /** The fairs a cooperative exhibits at (its public profile). */
    async fairsOfCooperative(cooperativeId: number, locale: string) {
      const bookings = await models.BoothBooking.findAll({
        where: { cooperativeId, status: "booked" },
        include: [
          { model: models.Fair, as: "fair" },
          { model: models.Booth, as: "booth", attributes: ["code"] },
        ],
      });
      const byFair = new Map<number, FairSummary & { booths: string[] }>();
      for (const b of bookings as Array<BookingRecord & { fair: FairRecord; booth: { code: string } }>) {
        if (b.fair.status === "draft") continue;
        const entry = byFair.get(b.fairId) ?? { ...summaryOf(b.fair, locale), booths: [] };
        entry.booths.push(b.booth.code);
        byFair.set(b.fairId, entry);
      }
      return [...byFair.values()].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
    },

    /** Every booking of the signed-in cooperative, across fairs, newest first (its fairs dashboard). */
    async bookingsOfCooperative(user: CurrentUser, locale: string) {
      const cooperativeId = cooperativeOf(user);
      const rows = await models.BoothBooking.findAll({
        where: { cooperativeId },
        include: [
          { model: models.Fair, as: "fair" },
          { model: models.Booth, as: "booth", attributes: ["code"] },
        ],
        order: [["id", "DESC"]],
        limit: 200,
      });
      const waitlist = await models.FairWaitlist.findAll({
        where: { cooperativeId, status: ["waiting", "offered"] },
      });
      const fairsById = new Map(
        (await models.Fair.findAll({ where: { id: waitlist.map((w) => w.fairId) } })).map((f) => [f.id, f]),
      );
      return {
        bookings: (rows as Array<BookingRecord & { fair: FairRecord; booth: { code: string } }>).map((b) => ({
          publicId: b.publicId,
          status: b.status,
          boothCode: b.booth.code,
          expiresAt: b.expiresAt?.toISOString() ?? null,
          amountVnd: b.amountVnd,
          active: b.activeBoothId !== null,
          fair: {
            slug: b.fair.slug,
            name: locale === "en" && b.fair.nameEn ? b.fair.nameEn : b.fair.nameVi,
            startsOn: b.fair.startsOn,
            endsOn: b.fair.endsOn,
          },
        })),
        waitlists: await Promise.all(
          waitlist
            .filter((w) => fairsById.has(w.fairId))
            .map(async (w) => {
              const f = fairsById.get(w.fairId)!;
              const ahead =
                w.status === "waiting"
                  ? await models.FairWaitlist.count({
                      where: { fairId: w.fairId, status: "waiting", id: { [Op.lt]: w.id } },
                    })
                  : 0;
              return {
                fair: { slug: f.slug, name: locale === "en" && f.nameEn ? f.nameEn : f.nameVi },
                status: w.status,
                ahead,
              };
            }),
        ),
      };
    },

    // ---- Cooperatives --------------------------------------------------------------------------------------

    /** A cooperative's view of a fair: the plan with its own bookings, its limit, and its waitlist place. */
    async forCooperative(user: CurrentUser, slug: string, locale: string) {
      const cooperativeId = cooperativeOf(user);
      const fair = await loadFair(slug);
      if (fair.status === "draft") throw new NotFound("fair_not_found");
      const halls = await plan(fair, { cooperativeId });
      const mine = await models.BoothBooking.findAll({
        where: { fairId: fair.id, cooperativeId },
        include: [{ model: models.Booth, as: "booth", attributes: ["code"] }],
        order: [["id", "DESC"]],
      });
      const waitlist = await models.FairWaitlist.findOne({ where: { fairId: fair.id, cooperativeId } });
      const waitingAhead =
        waitlist?.status === "waiting"
          ? await models.FairWaitlist.count({
              where: { fairId: fair.id, status: "waiting", id: { [Op.lt]: waitlist.id } },
            })
          : 0;
      const c = await counts([fair.id]);
      const products = await models.Product.findAll({
        where: { cooperativeId, status: "active" },
        attributes: ["id", "nameVi", "nameEn"],
        order: [["nameVi", "ASC"]],
      });
      return {
        fair: {
          ...summaryOf(fair, locale, c.get(fair.id)),
          maxBoothsPerCooperative: fair.maxBoothsPerCooperative,
          requiresApproval: fair.requiresApproval,
          holdMinutes: fair.holdMinutes,
          transferDays: fair.transferDays,
          bookingOpen: bookingOpen(fair),
        },
        halls,
        bookings: mine.map((b) => ({
          publicId: b.publicId,
          status: b.status,
          boothCode: (b as typeof b & { booth?: { code: string } }).booth?.code ?? "",
          expiresAt: b.expiresAt?.toISOString() ?? null,
          amountVnd: b.amountVnd,
          active: b.activeBoothId !== null,
        })),
        activeCount: mine.filter((b) => b.activeBoothId !== null).length,
        waitlist: waitlist ? { status: waitlist.status, ahead: waitingAhead } : null,
        products: products.map((p) => ({
          id: p.id,
          name: locale === "en" && p.nameEn ? p.nameEn : p.nameVi,
        })),
      };
    },

    /** Fairs open for booking, for the cooperative dashboard. */
    async openForBooking(locale: string) {
      const fairs = await models.Fair.findAll({ where: { status: "open" }, order: [["startsOn", "ASC"]] });
      const c = await counts(fairs.map((f) => f.id));
      return fairs.filter(bookingOpen).map((f) => summaryOf(f, locale, c.get(f.id)));
    },

    /** Choose a booth: a short hold, shown as a countdown, that confirming turns into a booking. */
    async hold(user: CurrentUser, boothId: number) {
      const cooperativeId = cooperativeOf(user);
      try {
        return await transact(async (transaction) => {
          const booth = await models.Booth.findByPk(boothId, { transaction, lock: transaction.LOCK.SHARE });
          if (!booth) throw new NotFound("booth_not_found");
          // Queued on the fair like every other booking change (see lockBookingRow); the unique index on
          // active_booth_id, not this lock, is what refuses a second hold of one booth.
          await models.Fair.findByPk(booth.fairId, {
            transaction,
            lock: transaction.LOCK.UPDATE,
            attributes: ["id"],
          });
          const fair = await loadFair(booth.fairId, transaction);
          if (!bookingOpen(fair)) throw new Conflict("booking_closed");
          if (booth.blockedReason) throw new Conflict("booth_blocked");
          // One cooperative's bookings are counted under a lock on its row, so two tabs cannot pass the limit.
          await models.Cooperative.findByPk(cooperativeId, { transaction, lock: transaction.LOCK.UPDATE });
          const active = await models.BoothBooking.count({
            where: { fairId: fair.id, cooperativeId, activeBoothId: { [Op.ne]: null } },
            transaction,
          });
          if (active >= fair.maxBoothsPerCooperative)
            throw new Conflict("booth_limit_reached", { max: fair.maxBoothsPerCooperative });
          const booking = await insertHold(transaction, fair, booth, cooperativeId, {
            fromWaitlist: false,
            expiresAt: new Date(now().getTime() + fair.holdMinutes * 60_000),
            actorId: user.id,
          });
          return {
            publicId: booking.publicId,
            expiresAt: booking.expiresAt!.toISOString(),
            fairSlug: fair.slug,
          };
        });
      } catch (error) {
        if (uniqueViolation(error)?.some((f) => f.includes("active_booth")))
          throw new Conflict("booth_taken");
        throw error;
      }
    },

    async booking(user: CurrentUser, publicId: string, locale: string) {
      const booking = await models.BoothBooking.findOne({ where: { publicId } });
      if (!booking) throw new NotFound("booking_not_found");
      ownBooking(user, booking);
      return bookingDetail(booking, locale);
    },

    /**
     * Turn a hold into a booking: products to show, and how to pay when the booth has a price. The fair may send
     * it to staff for approval first; a free booth without approval is booked at once.
     */
    async confirm(user: CurrentUser, publicId: string, raw: unknown) {
      const cooperativeId = cooperativeOf(user);
      const input = parseOrInvalid(confirmSchema, raw);
      return transact(async (transaction) => {
        const booking = await lockBooking(publicId, transaction);
        ownBooking(user, booking);
        if (booking.status === "held" && booking.expiresAt && booking.expiresAt.getTime() <= now().getTime())
          throw new Conflict("hold_expired");
        const fair = await loadFair(booking.fairId, transaction);
        const paid = booking.amountVnd > 0;
        if (paid && !input.paymentMethod)
          throw new Invalid({ paymentMethod: { code: "choose_payment_method" } });
        if (input.paymentMethod === "card" && !gateway)
          throw new Invalid({ paymentMethod: { code: "card_unavailable" } });
        if (input.paymentMethod === "bank_transfer" && !(fair.bankBin && fair.bankAccountNo))
          throw new Invalid({ paymentMethod: { code: "fair_bank_transfer_unavailable" } });
        const own = await models.Product.findAll({
          where: { id: input.productIds, cooperativeId, status: "active" },
          attributes: ["id"],
          transaction,
        });
        if (own.length !== new Set(input.productIds).size)
          throw new Invalid({ productIds: { code: "not_your_product" } });
        await models.BookingProduct.destroy({ where: { bookingId: booking.id }, transaction });
        await models.BookingProduct.bulkCreate(
          own.map((p) => ({ bookingId: booking.id, productId: p.id })),
          { transaction },
        );
        const to: BookingStatus = fair.requiresApproval
          ? "pending_approval"
          : paid
            ? "pending_payment"
            : "booked";
        await move(transaction, booking, "confirm", to, "cooperative", user.id, {
          paymentMethod: paid ? input.paymentMethod! : null,
          expiresAt:
            to === "pending_payment" ? new Date(now().getTime() + fair.transferDays * 86_400_000) : null,
        });
        if (to === "pending_payment")
          await enqueueJob(
            models,
            transaction,
            EXPIRE_BOOKING,
            { bookingId: booking.id },
            { runAt: booking.expiresAt! },
          );
        // Accepting an offer ends the cooperative's wait, whether approval or payment still follow.
        await settleWaitlist(transaction, booking, "done");
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "booking.confirmed",
          entityType: "booth_booking",
          entityId: booking.publicId,
          data: { status: to },
        });
        return { status: to };
      });
    },

    /** Pay a pending booth fee by card: a Stripe Checkout session, reused while it is open. */
    async payByCard(user: CurrentUser, publicId: string, options: { origin: string; locale: "vi" | "en" }) {
      if (!gateway) throw new Conflict("card_payments_unavailable");
      const booking = await models.BoothBooking.findOne({ where: { publicId } });
      if (!booking) throw new NotFound("booking_not_found");
      ownBooking(user, booking);
      if (booking.status !== "pending_payment")
        throw new TransitionRefused(booking.status, "pay");
      const fair = await loadFair(booking.fairId);
      const booth = await models.Booth.findByPk(booking.boothId);
      const base = publicUrl ?? options.origin;
      // Stripe unreachable or refusing leaves the booking untouched: the cooperative hears `card_unavailable`
      // (like a buyer at checkout) and can retry or pay by transfer before the deadline.
      const session = await (async () => {
        if (booking.stripeSessionId) {
          const current = await gateway.retrieveCheckoutSession(booking.stripeSessionId);
          if (current.status === "open" && current.url) return current;
        }
        return gateway.createCheckoutSession({
          reference: booking.publicId,
          purpose: "booth",
          lineItems: [
            { name: `${fair.nameVi} — ${booth?.code ?? ""}`, unitAmountVnd: booking.amountVnd, quantity: 1 },
          ],
          customerEmail: user.email,
          successUrl: `${base}/cooperative/bookings/${booking.publicId}?paid=1`,
          cancelUrl: `${base}/cooperative/bookings/${booking.publicId}`,
          expiresAt: new Date(now().getTime() + CARD_SESSION_MINUTES * 60_000),
          locale: options.locale,
          metadata: { booking_public_id: booking.publicId, attempt: booking.stripeSessionId ?? "first" },
          idempotencyKey: `booth-session-${booking.publicId}-${booking.stripeSessionId ?? "first"}`,
        });
      })().catch((error: unknown) => {
        logger.error({ err: error, booking: booking.publicId }, "Stripe refused the booth checkout session");
        throw new Conflict("card_unavailable");
      });
      if (session.id === booking.stripeSessionId) return { url: session.url };
      await booking.update({
        stripeSessionId: session.id,
        stripeSessionUrl: session.url,
        paymentMethod: "card",
      });
      return { url: session.url };
    },

    async setProducts(user: CurrentUser, publicId: string, raw: unknown) {
      const cooperativeId = cooperativeOf(user);
      const input = parseOrInvalid(confirmSchema, raw);
      await transact(async (transaction) => {
        const booking = await lockBooking(publicId, transaction);
        ownBooking(user, booking);
        if (!booking.activeBoothId)
          throw new TransitionRefused(booking.status, "products");
        const own = await models.Product.findAll({
          where: { id: input.productIds, cooperativeId, status: "active" },
          attributes: ["id"],
          transaction,
        });
        if (own.length !== new Set(input.productIds).size)
          throw new Invalid({ productIds: { code: "not_your_product" } });
        await models.BookingProduct.destroy({ where: { bookingId: booking.id }, transaction });
        await models.BookingProduct.bulkCreate(
          own.map((p) => ({ bookingId: booking.id, productId: p.id })),
          { transaction },
        );
      });
    },

    /** A cooperative gives its booth back before the booking deadline; the booth becomes available again. */
    async cancel(user: CurrentUser, publicId: string) {
      cooperativeOf(user);
      await transact(async (transaction) => {
        const booking = await lockBooking(publicId, transaction);
        ownBooking(user, booking);
        const fair = await loadFair(booking.fairId, transaction);
        if (booking.status !== "held" && now().getTime() >= fair.bookingClosesAt.getTime())
          throw new Conflict("cancel_deadline_passed");
        await move(transaction, booking, "cancel", "cancelled", "cooperative", user.id);
        await settleWaitlist(transaction, booking, "missed");
      });
    },

    async joinWaitlist(user: CurrentUser, fairId: number) {
      const cooperativeId = cooperativeOf(user);
      const fair = await loadFair(fairId);
      if (!bookingOpen(fair)) throw new Conflict("booking_closed");
      // The list is for a full fair: while a booth is free, the cooperative books it instead.
      if ((await counts([fair.id])).get(fair.id)?.available) throw new Conflict("booths_available");
      await transact(async (transaction) => {
        const existing = await models.FairWaitlist.findOne({
          where: { fairId, cooperativeId },
          transaction,
        });
        if (existing && existing.status !== "left") throw new Conflict("already_waitlisted");
        // One who left and comes back joins at the end of the list: a new row, a new place.
        if (existing) await existing.destroy({ transaction });
        await models.FairWaitlist.create(
          { fairId, cooperativeId, status: "waiting", bookingId: null },
          { transaction },
        );
      }).catch((error: unknown) => {
        if (uniqueViolation(error)) throw new Conflict("already_waitlisted");
        throw error;
      });
    },

    async leaveWaitlist(user: CurrentUser, fairId: number) {
      const cooperativeId = cooperativeOf(user);
      await models.FairWaitlist.update(
        { status: "left" },
        { where: { fairId, cooperativeId, status: "waiting" } },
      );
    },

    // ---- Staff ---------------------------------------------------------------------------------------------

    async listForStaff(user: CurrentUser, locale: string) {
      assertStaff(user);
      const fairs = await models.Fair.findAll({ order: [["startsOn", "DESC"]] });
      const c = await counts(fairs.map((f) => f.id));
      const pending = await models.BoothBooking.count({
        where: { fairId: fairs.map((f) => f.id), status: "pending_approval" },
        group: ["fairId"],
      });
      const pendingBy = new Map(
        (pending as unknown as Array<{ fairId: number; count: number }>).map((p) => [
          Number(p.fairId),
          Number(p.count),
        ]),
      );
      return fairs.map((f) => ({
        ...summaryOf(f, locale, c.get(f.id)),
        pendingApproval: pendingBy.get(f.id) ?? 0,
      }));
    },

    async createFair(user: CurrentUser, raw: unknown) {
      assertStaff(user);
      const input = parseOrInvalid(fairSchema, raw);
      return transact(
        async (transaction) => {
          const slug = await freeSlug(models.Fair, transaction, input.nameVi, "hoi-cho");
          const fair = await models.Fair.create(
            { ...fairColumns(input), slug, createdById: user.id },
            { transaction },
          );
          await recordAudit(models, transaction, {
            actorId: user.id,
            action: "fair.created",
            entityType: "fair",
            entityId: fair.id,
          });
          return { id: fair.id, slug: fair.slug };
        },
        { retryIf: isSlugRace },
      );
    },

    async updateFair(user: CurrentUser, fairId: number, raw: unknown) {
      assertStaff(user);
      const input = parseOrInvalid(fairSchema, raw);
      await transact(async (transaction) => {
        const fair = await loadFair(fairId, transaction);
        await fair.update(fairColumns(input), { transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "fair.updated",
          entityType: "fair",
          entityId: fair.id,
        });
      });
    },

    /** Draft → open → closed → finished (and back from closed to open). Opening needs at least one booth. */
    async setStatus(user: CurrentUser, fairId: number, status: FairStatus) {
      assertStaff(user);
      await transact(async (transaction) => {
        const fair = await loadFair(fairId, transaction);
        if (!FAIR_STATUS_MOVES[fair.status as FairStatus].includes(status))
          throw new TransitionRefused(fair.status, status);
        if (status === "open" && (await models.Booth.count({ where: { fairId }, transaction })) === 0)
          throw new Conflict("fair_has_no_booths");
        if (status === "draft" && (await models.BoothBooking.count({ where: { fairId }, transaction })) > 0)
          throw new Conflict("fair_has_bookings");
        await fair.update({ status }, { transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: `fair.${status}`,
          entityType: "fair",
          entityId: fair.id,
        });
      });
    },

    async setCover(user: CurrentUser, fairId: number, file: Buffer | undefined) {
      assertStaff(user);
      if (!file) throw new Invalid({ cover: { code: "choose_image" } });
      let picture: Picture;
      try {
        const image = await processImage(file, storage, { widths: [640, 1280], folder: "fairs" });
        picture = {
          id: 0,
          width: image.width,
          height: image.height,
          placeholder: image.placeholder,
          variants: image.variants,
        };
      } catch (error) {
        const e = error as { status?: number; code?: string; params?: Record<string, string | number> };
        if (e.status === 400 && e.code) throw new Invalid({ cover: { code: e.code, params: e.params } });
        throw error;
      }
      await transact(async (transaction) => {
        const fair = await loadFair(fairId, transaction);
        await fair.update({ cover: JSON.stringify(picture) }, { transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "fair.cover_updated",
          entityType: "fair",
          entityId: fair.id,
        });
      });
    },

    /** The staff editor: the fair, its halls and booths with every booking, and occupancy figures. */
    async forStaff(user: CurrentUser, fairId: number, locale: string) {
      assertStaff(user);
      const fair = await loadFair(fairId);
      const halls = await plan(fair, { staff: true });
      const bookings = await models.BoothBooking.findAll({
        where: { fairId },
        include: [
          {
            model: models.Cooperative,
            as: "cooperative",
            attributes: ["id", "name", "slug", "provinceCode"],
          },
          { model: models.Booth, as: "booth", attributes: ["code"] },
        ],
        order: [["id", "DESC"]],
      });
      const waitlist = await models.FairWaitlist.findAll({
        where: { fairId, status: ["waiting", "offered"] },
        include: [],
        order: [["id", "ASC"]],
      });
      const coopNames = new Map(
        (
          await models.Cooperative.findAll({
            where: { id: waitlist.map((w) => w.cooperativeId) },
            attributes: ["id", "name"],
          })
        ).map((c) => [c.id, c.name]),
      );
      const occupancy: Record<BoothState, number> = {
        available: 0,
        held: 0,
        pending: 0,
        booked: 0,
        blocked: 0,
      };
      for (const h of halls) for (const b of h.booths) occupancy[b.state]++;
      return {
        fair: {
          ...summaryOf(fair, locale),
          // What the edit form starts from: the stored values, not the display summary.
          input: {
            nameVi: fair.nameVi,
            nameEn: fair.nameEn,
            descriptionVi: fair.descriptionVi,
            descriptionEn: fair.descriptionEn,
            organiser: fair.organiser,
            venue: fair.venue,
            provinceCode: fair.provinceCode,
            startsOn: fair.startsOn,
            endsOn: fair.endsOn,
            bookingOpensAt: fair.bookingOpensAt.toISOString(),
            bookingClosesAt: fair.bookingClosesAt.toISOString(),
            maxBoothsPerCooperative: fair.maxBoothsPerCooperative,
            requiresApproval: fair.requiresApproval,
            holdMinutes: fair.holdMinutes,
            transferDays: fair.transferDays,
            offerHours: fair.offerHours,
            bankBin: fair.bankBin,
            bankAccountNo: fair.bankAccountNo,
            bankAccountName: fair.bankAccountName,
          },
        },
        halls,
        occupancy,
        bookings: bookings.map((b) => {
          const x = b as typeof b & {
            cooperative?: { id: number; name: string; slug: string };
            booth?: { code: string };
          };
          return {
            publicId: b.publicId,
            status: b.status,
            boothId: b.boothId,
            boothCode: x.booth?.code ?? "",
            cooperative: x.cooperative
              ? { id: x.cooperative.id, name: x.cooperative.name, slug: x.cooperative.slug }
              : null,
            amountVnd: b.amountVnd,
            paymentMethod: b.paymentMethod,
            transferReference: b.transferReference,
            expiresAt: b.expiresAt?.toISOString() ?? null,
            paidAt: b.paidAt?.toISOString() ?? null,
            reason: b.reason,
            createdAt: b.createdAt.toISOString(),
            active: b.activeBoothId !== null,
          };
        }),
        waitlist: waitlist.map((w) => ({
          cooperativeId: w.cooperativeId,
          name: coopNames.get(w.cooperativeId) ?? "",
          status: w.status,
          since: w.createdAt.toISOString(),
        })),
      };
    },

    async addHall(user: CurrentUser, fairId: number, raw: unknown) {
      assertStaff(user);
      const input = parseOrInvalid(hallSchema, raw);
      return transact(async (transaction) => {
        await loadFair(fairId, transaction);
        const position = await models.FairHall.count({ where: { fairId }, transaction });
        const hall = await models.FairHall.create({ fairId, position, ...input }, { transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "fair.hall_added",
          entityType: "fair",
          entityId: fairId,
          data: { hall: hall.id, name: input.name },
        });
        return { id: hall.id };
      });
    },

    /** Generate rows × columns of booths in a hall; refused if a code is taken, a booth overlaps or leaves the hall. */
    async generateGrid(user: CurrentUser, fairId: number, raw: unknown) {
      assertStaff(user);
      const input = parseOrInvalid(gridSchema, raw);
      return transact(async (transaction) => {
        const hall = await models.FairHall.findOne({ where: { id: input.hallId, fairId }, transaction });
        if (!hall) throw new Invalid({ hallId: { code: "choose_one" } });
        const planned = planGrid({ ...input, cornerPriceVnd: input.cornerPriceVnd ?? input.priceVnd });
        const outside = planned.find((b) => !fitsIn(b, hall));
        if (outside)
          throw new Invalid({ columns: { code: "grid_too_large", params: { code: outside.code } } });
        const existing = await models.Booth.findAll({ where: { fairId }, transaction });
        const codes = new Set(existing.map((b) => b.code));
        const clash = planned.find((b) => codes.has(b.code));
        if (clash)
          throw new Invalid({ firstRow: { code: "booth_code_taken", params: { code: clash.code } } });
        const overlap = planned.find((p) => existing.some((e) => e.hallId === hall.id && overlaps(p, e)));
        if (overlap)
          throw new Invalid({ originYM: { code: "booth_overlaps", params: { code: overlap.code } } });
        await models.Booth.bulkCreate(
          planned.map((p) => ({ ...p, fairId, hallId: hall.id })),
          { transaction },
        );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "fair.grid_generated",
          entityType: "fair",
          entityId: fairId,
          data: { hall: hall.id, booths: planned.length },
        });
        return { created: planned.length };
      });
    },

    /**
     * Adjust one booth. Its size and type cannot change, nor can it be removed, while a booking holds it:
     * move the booking first. Position and price can (the booking keeps the price it was made at).
     */
    async updateBooth(user: CurrentUser, boothId: number, raw: unknown) {
      assertStaff(user);
      const input = parseOrInvalid(boothSchema, raw);
      await transact(async (transaction) => {
        const booth = await models.Booth.findByPk(boothId, { transaction, lock: transaction.LOCK.UPDATE });
        if (!booth) throw new NotFound("booth_not_found");
        const hall = await models.FairHall.findByPk(booth.hallId, { transaction });
        const active = await models.BoothBooking.findOne({ where: { activeBoothId: booth.id }, transaction });
        const resized =
          input.widthM !== booth.widthM || input.depthM !== booth.depthM || input.type !== booth.type;
        if (active && resized) throw new Conflict("booth_has_booking", { code: booth.code });
        if (active && input.blockedReason) throw new Conflict("booth_has_booking", { code: booth.code });
        if (hall && !fitsIn(input, hall)) throw new Invalid({ xM: { code: "booth_outside_hall" } });
        const others = await models.Booth.findAll({
          where: { hallId: booth.hallId, id: { [Op.ne]: booth.id } },
          transaction,
        });
        const overlap = others.find((o) => overlaps(input, o));
        if (overlap) throw new Invalid({ xM: { code: "booth_overlaps", params: { code: overlap.code } } });
        // Codes are unique in the whole fair (booths_fair_code), not just in this hall.
        const codeTaken =
          input.code !== booth.code &&
          (await models.Booth.count({
            where: { fairId: booth.fairId, code: input.code, id: { [Op.ne]: booth.id } },
            transaction,
          })) > 0;
        if (codeTaken)
          throw new Invalid({ code: { code: "booth_code_taken", params: { code: input.code } } });
        await booth.update({ ...input, blockedReason: input.blockedReason ?? null }, { transaction });
      });
    },

    async deleteBooth(user: CurrentUser, boothId: number) {
      assertStaff(user);
      await transact(async (transaction) => {
        const booth = await models.Booth.findByPk(boothId, { transaction, lock: transaction.LOCK.UPDATE });
        if (!booth) throw new NotFound("booth_not_found");
        if (await models.BoothBooking.count({ where: { activeBoothId: booth.id }, transaction }))
          throw new Conflict("booth_has_booking", { code: booth.code });
        if (await models.BoothBooking.count({ where: { boothId: booth.id }, transaction }))
          throw new Conflict("booth_has_history", { code: booth.code });
        await booth.destroy({ transaction });
      });
    },

    /** Staff decisions on a booking: approve, decline (reason), mark a transfer paid, vacate (reason), move. */
    async decide(
      user: CurrentUser,
      publicId: string,
      action: "approve" | "decline" | "mark_paid" | "vacate",
      raw: Record<string, unknown> = {},
    ) {
      assertStaff(user);
      const reason =
        action === "decline" || action === "vacate" ? parseOrInvalid(reasonSchema, raw).reason : null;
      await transact(async (transaction) => {
        const booking = await lockBooking(publicId, transaction);
        const fair = await loadFair(booking.fairId, transaction);
        const booth = await models.Booth.findByPk(booking.boothId, { transaction });
        const params = { booth: booth?.code ?? "" };
        if (action === "approve") {
          const to: BookingStatus = booking.amountVnd > 0 ? "pending_payment" : "booked";
          const expiresAt =
            to === "pending_payment" ? new Date(now().getTime() + fair.transferDays * 86_400_000) : null;
          await move(transaction, booking, "approve", to, "staff", user.id, { expiresAt });
          if (expiresAt)
            await enqueueJob(
              models,
              transaction,
              EXPIRE_BOOKING,
              { bookingId: booking.id },
              { runAt: expiresAt },
            );
          if (to === "booked") await settleWaitlist(transaction, booking, "done");
          await notifyCooperative(transaction, booking.cooperativeId, "booth_approved", fair, params);
        } else if (action === "mark_paid") {
          await move(transaction, booking, "mark_paid", "booked", "staff", user.id, { paidAt: now() });
          await settleWaitlist(transaction, booking, "done");
          await notifyCooperative(transaction, booking.cooperativeId, "booth_booked", fair, params);
        } else {
          await move(
            transaction,
            booking,
            action,
            action === "decline" ? "declined" : "cancelled",
            "staff",
            user.id,
            {
              reason: reason!,
            },
            reason,
          );
          await settleWaitlist(transaction, booking, "missed");
          await notifyCooperative(
            transaction,
            booking.cooperativeId,
            action === "decline" ? "booth_declined" : "booth_vacated",
            fair,
            {
              ...params,
              reason: reason!,
            },
          );
        }
      });
    },

    /** Move a booking to another booth of the same fair; the unique index refuses a booth someone holds. */
    async moveBooking(user: CurrentUser, publicId: string, toBoothId: number) {
      assertStaff(user);
      try {
        await transact(async (transaction) => {
          const booking = await lockBooking(publicId, transaction);
          if (!booking.activeBoothId)
            throw new TransitionRefused(booking.status, "move");
          const target = await models.Booth.findByPk(toBoothId, { transaction });
          if (!target || target.fairId !== booking.fairId)
            throw new Invalid({ toBoothId: { code: "choose_one" } });
          if (target.blockedReason) throw new Conflict("booth_blocked");
          if (target.id === booking.boothId) throw new Invalid({ toBoothId: { code: "same_booth" } });
          const from = await models.Booth.findByPk(booking.boothId, { transaction });
          const [affected] = await models.BoothBooking.update(
            { boothId: target.id, activeBoothId: target.id },
            { where: { id: booking.id, status: booking.status }, transaction },
          );
          if (affected !== 1) throw new Conflict("booking_changed");
          await models.BookingEvent.create(
            {
              bookingId: booking.id,
              fromStatus: booking.status,
              toStatus: booking.status,
              boothCode: target.code,
              actorId: user.id,
              actorKind: "staff",
              note: `moved_from:${from?.code ?? ""}`,
            },
            { transaction },
          );
          const fair = await loadFair(booking.fairId, transaction);
          await notifyCooperative(transaction, booking.cooperativeId, "booth_moved", fair, {
            from: from?.code ?? "",
            booth: target.code,
          });
          await offerToWaitlist(transaction, booking.fairId, booking.boothId);
        });
      } catch (error) {
        if (uniqueViolation(error)?.some((f) => f.includes("active_booth")))
          throw new Conflict("booth_taken");
        throw error;
      }
    },

    /** Exhibitors with their booths and products, for the staff's CSV. */
    async exhibitorRows(user: CurrentUser, fairId: number) {
      assertStaff(user);
      const bookings = await models.BoothBooking.findAll({
        where: { fairId, activeBoothId: { [Op.ne]: null } },
        include: [
          { model: models.Cooperative, as: "cooperative" },
          { model: models.Booth, as: "booth" },
          {
            model: models.BookingProduct,
            as: "products",
            include: [{ model: models.Product, as: "product", attributes: ["nameVi"] }],
          },
        ],
        order: [["id", "ASC"]],
      });
      return bookings.map((b) => {
        const x = b as typeof b & {
          cooperative: {
            name: string;
            provinceCode: string;
            phone: string;
            email: string | null;
            representative: string;
          };
          booth: BoothRecord;
          products: Array<{ product: { nameVi: string } | null }>;
        };
        return {
          booth: x.booth.code,
          boothType: x.booth.type,
          size: `${x.booth.widthM}x${x.booth.depthM}`,
          status: b.status,
          cooperative: x.cooperative.name,
          province: provinceByCode(x.cooperative.provinceCode)?.name ?? x.cooperative.provinceCode,
          representative: x.cooperative.representative,
          phone: x.cooperative.phone,
          email: x.cooperative.email ?? "",
          amountVnd: b.amountVnd,
          paid: b.paidAt ? b.paidAt.toISOString() : "",
          products: x.products
            .map((p) => p.product?.nameVi ?? "")
            .filter(Boolean)
            .join("; "),
        };
      });
    },

    // ---- Payments and jobs ---------------------------------------------------------------------------------

    paymentPurpose: {
      name: "booth",
      async paid(transaction, reference) {
        const booking = await lockBookingRow({ publicId: reference }, transaction);
        if (!booking) return false;
        if (booking.status === "booked" && booking.paidAt) return true;
        if (booking.status !== "pending_payment") {
          // The money came after the booking let go of its booth: give it back.
          await booking.update({ paidAt: now() }, { transaction });
          await enqueueJob(models, transaction, REFUND_BOOKING, { bookingId: booking.id });
          return true;
        }
        await move(
          transaction,
          booking,
          "mark_paid",
          "booked",
          "system",
          null,
          { paidAt: now(), paymentMethod: "card" },
          "stripe",
        );
        await settleWaitlist(transaction, booking, "done");
        return true;
      },
      async expired() {
        // A card session ending does not end the booking: the payment deadline does (EXPIRE_BOOKING).
        return false;
      },
      async failed() {
        return false;
      },
      async refunded() {
        return false;
      },
    } satisfies PaymentPurpose,

    jobHandlers(): Record<string, JobHandler> {
      return {
        [EXPIRE_BOOKING]: async (payload) => {
          await transact(async (transaction) => {
            const booking = await lockBookingRow({ id: Number(payload.bookingId) }, transaction);
            if (!booking || !["held", "pending_payment"].includes(booking.status)) return;
            if (!booking.expiresAt || booking.expiresAt.getTime() > now().getTime()) return;
            await move(
              transaction,
              booking,
              "expire",
              "expired",
              "system",
              null,
              {},
              booking.status === "held" ? "hold_expired" : "payment_overdue",
            );
            await settleWaitlist(transaction, booking, "missed");
          });
        },
        [REFUND_BOOKING]: async (payload) => {
          const booking = await models.BoothBooking.findByPk(Number(payload.bookingId));
          if (!booking || !gateway || !booking.stripeSessionId) return;
          const session = await gateway.retrieveCheckoutSession(booking.stripeSessionId);
          if (!session.paymentIntentId) return;
          await gateway.refund({
            paymentIntentId: session.paymentIntentId,
            amountVnd: booking.amountVnd,
            idempotencyKey: `refund-booking-${booking.id}`,
            metadata: { booking_public_id: booking.publicId },
          });
          await booking.update({ reason: "late_payment_refunded" });
        },
      };
    },
  };

  return service;
}

export type FairsService = ReturnType<typeof createFairsService>;

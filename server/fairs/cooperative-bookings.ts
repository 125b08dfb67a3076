import { Op, type Transaction } from "sequelize";
import type { BookingStatus } from "../vocabulary/domain";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import type { BookingRecord, FairRecord } from "../db/models/fairs";
import { uniqueViolation } from "../db/slugs";
import { Conflict, Invalid, NotFound } from "../errors";
import { TransitionRefused } from "../lifecycle";
import { transferInstructions } from "../payments/vietqr";
import { parseOrInvalid } from "../validation";
import type { Locale } from "../vocabulary/locale";
import type { BookingLifecycle } from "./booking-lifecycle";
import type { FairsKit } from "./kit";
import { confirmSchema } from "./schemas";
import { countsOf, drawPlan, fairIsOver, summaryOf, type FairViews } from "./views";

const CARD_SESSION_MINUTES = 60;

/** What a cooperative does at a fair: choose a booth, confirm it with products and payment, pay, cancel. */
export function cooperativeBookings(kit: FairsKit, views: FairViews, bookings: BookingLifecycle) {
  const { models, logger, gateway, catalogue, now, transact } = kit;
  const { cooperativeOf, loadFair, bookingOpen, lockBooking, ownBooking } = kit;

  /** The products a booth will show: the cooperative's own, on sale, replacing what was chosen before. */
  async function chooseProducts(
    transaction: Transaction,
    booking: BookingRecord,
    cooperativeId: number,
    productIds: number[],
  ) {
    const own = await catalogue.ownActiveProductIds(cooperativeId, productIds, transaction);
    if (own.length !== new Set(productIds).size)
      throw new Invalid({ productIds: { code: "not_your_product" } });
    await models.BookingProduct.destroy({ where: { bookingId: booking.id }, transaction });
    await models.BookingProduct.bulkCreate(
      own.map((productId) => ({ bookingId: booking.id, productId })),
      { transaction },
    );
  }

  async function bookingDetail(booking: BookingRecord, locale: Locale) {
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
    return {
      publicId: booking.publicId,
      status: booking.status,
      fair: fair ? summaryOf(fair, locale, undefined, kit.now()) : null,
      rules: fair
        ? {
            requiresApproval: fair.requiresApproval,
            transferDays: fair.transferDays,
            holdMinutes: fair.holdMinutes,
            bookingClosesAt: fair.bookingClosesAt.toISOString(),
          }
        : null,
      // What the confirm form offers: the cooperative's own active products.
      products: await catalogue.activeProductsOf(booking.cooperativeId, locale),
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

  return {
    /** Every booking of the signed-in cooperative, across fairs, newest first (its fairs dashboard). */
    async listOwnBookings(user: CurrentUser, { locale }: { locale: Locale }) {
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

    /** A cooperative's view of a fair: the plan with its own bookings, its limit, and its waitlist place. */
    async getFairForCooperative(user: CurrentUser, { slug, locale }: { slug: string; locale: Locale }) {
      const cooperativeId = cooperativeOf(user);
      const fair = await loadFair(slug);
      if (fair.status === "draft") throw new NotFound("fair_not_found");
      const rows = await views.planRows(fair.id);
      const halls = drawPlan(rows, { cooperativeId }, { locale, over: fairIsOver(fair, kit.now()) });
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
      return {
        fair: {
          ...summaryOf(fair, locale, countsOf(rows), kit.now()),
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
        products: await catalogue.activeProductsOf(cooperativeId, locale),
      };
    },

    /** Choose a booth: a short hold, shown as a countdown, that confirming turns into a booking. */
    async holdBooth(user: CurrentUser, { boothId }: { boothId: number }) {
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
          const booking = await bookings.insertHold(transaction, fair, booth, cooperativeId, {
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

    async getBooking(user: CurrentUser, { publicId, locale }: { publicId: string; locale: Locale }) {
      const booking = await models.BoothBooking.findOne({ where: { publicId } });
      if (!booking) throw new NotFound("booking_not_found");
      ownBooking(user, booking);
      return bookingDetail(booking, locale);
    },

    /**
     * Turn a hold into a booking: products to show, and how to pay when the booth has a price. The fair may send
     * it to staff for approval first; a free booth without approval is booked at once.
     */
    async confirmBooking(user: CurrentUser, { publicId, form }: { publicId: string; form: unknown }) {
      const cooperativeId = cooperativeOf(user);
      const input = parseOrInvalid(confirmSchema, form);
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
        await chooseProducts(transaction, booking, cooperativeId, input.productIds);
        const to: BookingStatus = fair.requiresApproval
          ? "pending_approval"
          : paid
            ? "pending_payment"
            : "booked";
        await bookings.move(transaction, booking, "confirm", to, "cooperative", user.id, {
          paymentMethod: paid ? input.paymentMethod! : null,
          expiresAt:
            to === "pending_payment" ? new Date(now().getTime() + fair.transferDays * 86_400_000) : null,
        });
        if (to === "pending_payment") await bookings.scheduleExpiry(transaction, booking, booking.expiresAt!);
        // Accepting an offer ends the cooperative's wait, whether approval or payment still follow.
        await bookings.settleWaitlist(transaction, booking, "done");
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
    async payBookingByCard(
      user: CurrentUser,
      {
        publicId,
        origin,
        locale,
      }: {
        publicId: string;
        /** Where Stripe sends the cooperative back to. */
        origin: string;
        /** The language of Stripe's page. */
        locale: Locale;
      },
    ) {
      // The booking's own cooperative pays; staff read the page but do not pay for it (nor switch it to card).
      cooperativeOf(user);
      if (!gateway) throw new Conflict("card_payments_unavailable");
      const booking = await models.BoothBooking.findOne({ where: { publicId } });
      if (!booking) throw new NotFound("booking_not_found");
      ownBooking(user, booking);
      if (booking.status !== "pending_payment") throw new TransitionRefused(booking.status, "pay");
      const fair = await loadFair(booking.fairId);
      const booth = await models.Booth.findByPk(booking.boothId);
      const base = origin;
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
          locale,
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

    async chooseBookingProducts(user: CurrentUser, { publicId, form }: { publicId: string; form: unknown }) {
      const cooperativeId = cooperativeOf(user);
      const input = parseOrInvalid(confirmSchema, form);
      await transact(async (transaction) => {
        const booking = await lockBooking(publicId, transaction);
        ownBooking(user, booking);
        if (!booking.activeBoothId) throw new TransitionRefused(booking.status, "products");
        await chooseProducts(transaction, booking, cooperativeId, input.productIds);
      });
    },

    /** A cooperative gives its booth back before the booking deadline; the booth becomes available again. */
    async cancelBooking(user: CurrentUser, { publicId }: { publicId: string }) {
      cooperativeOf(user);
      await transact(async (transaction) => {
        const booking = await lockBooking(publicId, transaction);
        ownBooking(user, booking);
        const fair = await loadFair(booking.fairId, transaction);
        if (booking.status !== "held" && now().getTime() >= fair.bookingClosesAt.getTime())
          throw new Conflict("cancel_deadline_passed");
        await bookings.move(transaction, booking, "cancel", "cancelled", "cooperative", user.id);
        await bookings.settleWaitlist(transaction, booking, "missed");
      });
    },
  };
}

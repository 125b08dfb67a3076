import { Op } from "sequelize";
import type { BookingStatus } from "../vocabulary/domain";
import { provinceByCode } from "../vocabulary/geo";
import type { CurrentUser } from "../accounts/current-user";
import type { BoothRecord } from "../db/models/fairs";
import { uniqueViolation } from "../db/slugs";
import { Conflict, Invalid } from "../errors";
import { TransitionRefused } from "../lifecycle";
import { parseOrInvalid } from "../validation";
import type { BookingLifecycle } from "./booking-lifecycle";
import type { FairsKit } from "./kit";
import { reasonSchema } from "./schemas";

/** What staff decide about bookings: approve, decline, mark paid, vacate, move; and the exhibitor list. */
export function staffBookings(kit: FairsKit, bookings: BookingLifecycle) {
  const { models, catalogue, now, transact, assertStaff, loadFair, lockBooking, notifyCooperative } = kit;
  return {
    /** Staff decisions on a booking: approve, decline (reason), mark a transfer paid, vacate (reason), move. */
    async decideBooking(
      user: CurrentUser,
      {
        publicId,
        action,
        form = {},
      }: {
        publicId: string;
        action: "approve" | "decline" | "mark_paid" | "vacate";
        /** The reason, to decline or vacate. */
        form?: Record<string, unknown>;
      },
    ) {
      assertStaff(user);
      const reason =
        action === "decline" || action === "vacate" ? parseOrInvalid(reasonSchema, form).reason : null;
      await transact(async (transaction) => {
        const booking = await lockBooking(publicId, transaction);
        const fair = await loadFair(booking.fairId, transaction);
        const booth = await models.Booth.findByPk(booking.boothId, { transaction });
        const params = { booth: booth?.code ?? "" };
        if (action === "approve") {
          const to: BookingStatus = booking.amountVnd > 0 ? "pending_payment" : "booked";
          const expiresAt =
            to === "pending_payment" ? new Date(now().getTime() + fair.transferDays * 86_400_000) : null;
          await bookings.move(transaction, booking, "approve", to, "staff", user.id, { expiresAt });
          if (expiresAt) await bookings.scheduleExpiry(transaction, booking, expiresAt);
          if (to === "booked") await bookings.settleWaitlist(transaction, booking, "done");
          await notifyCooperative(transaction, booking.cooperativeId, "booth_approved", fair, params);
        } else if (action === "mark_paid") {
          await bookings.move(transaction, booking, "mark_paid", "booked", "staff", user.id, {
            paidAt: now(),
          });
          await bookings.settleWaitlist(transaction, booking, "done");
          await notifyCooperative(transaction, booking.cooperativeId, "booth_booked", fair, params);
        } else {
          await bookings.move(
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
          await bookings.settleWaitlist(transaction, booking, "missed");
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
    async moveBooking(user: CurrentUser, { publicId, toBoothId }: { publicId: string; toBoothId: number }) {
      assertStaff(user);
      try {
        await transact(async (transaction) => {
          const booking = await lockBooking(publicId, transaction);
          if (!booking.activeBoothId) throw new TransitionRefused(booking.status, "move");
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
          await bookings.offerToWaitlist(transaction, booking.fairId, booking.boothId);
        });
      } catch (error) {
        if (uniqueViolation(error)?.some((f) => f.includes("active_booth")))
          throw new Conflict("booth_taken");
        throw error;
      }
    },

    /** Exhibitors with their booths and products, for the staff's CSV. */
    async listExhibitors(user: CurrentUser, { fairId }: { fairId: number }) {
      assertStaff(user);
      const rows = await models.BoothBooking.findAll({
        where: { fairId, activeBoothId: { [Op.ne]: null } },
        include: [
          { model: models.Cooperative, as: "cooperative" },
          { model: models.Booth, as: "booth" },
          { model: models.BookingProduct, as: "products", attributes: ["productId"] },
        ],
        order: [["id", "ASC"]],
      });
      type Row = (typeof rows)[number] & {
        cooperative: {
          name: string;
          provinceCode: string;
          phone: string;
          email: string | null;
          representative: string;
        };
        booth: BoothRecord;
        products: Array<{ productId: number }>;
      };
      const products = await catalogue.productsByIds(
        [...new Set((rows as Row[]).flatMap((b) => b.products.map((p) => p.productId)))],
        "vi",
      );
      return (rows as Row[]).map((x) => ({
        booth: x.booth.code,
        boothType: x.booth.type,
        size: `${x.booth.widthM}x${x.booth.depthM}`,
        status: x.status,
        cooperative: x.cooperative.name,
        province: provinceByCode(x.cooperative.provinceCode)?.name ?? x.cooperative.provinceCode,
        representative: x.cooperative.representative,
        phone: x.cooperative.phone,
        email: x.cooperative.email ?? "",
        amountVnd: x.amountVnd,
        paid: x.paidAt ? x.paidAt.toISOString() : "",
        products: x.products
          .map((p) => products.get(p.productId)?.nameVi ?? "")
          .filter(Boolean)
          .join("; "),
      }));
    },
  };
}

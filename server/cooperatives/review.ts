import type { CurrentUser } from "../accounts";
import { recordAudit } from "../audit";
import type { CooperativeStatus } from "../db/models/cooperatives";
import { Conflict, Forbidden, NotFound } from "../errors";
import { enqueueNotification } from "../notifications";
import { parseOrInvalid } from "../validation";
import type { Locale } from "../vocabulary/locale";
import { reviewSchema } from "./schemas";
import type { CooperativesKit } from "./kit";
import { toProfile } from "./views";

/** How staff review new cooperatives: the queues, their counts, approve or reject with a reason. */
export function staffReview(kit: CooperativesKit) {
  const { db, models, events, withSectors, membersOf } = kit;
  return {
    /** Staff review queue and the other lists of the console. */
    async listForReview({ status, locale }: { status: CooperativeStatus; locale: Locale }) {
      const rows = await models.Cooperative.findAll({
        where: { status },
        include: withSectors,
        order: [["createdAt", status === "pending" ? "ASC" : "DESC"]],
        limit: 200,
      });
      return rows.map((r) => toProfile(r, locale));
    },

    async countByStatus(): Promise<Record<CooperativeStatus, number>> {
      const rows = (await models.Cooperative.count({ group: ["status"] })) as unknown as Array<{
        status: CooperativeStatus;
        count: number;
      }>;
      const out: Record<CooperativeStatus, number> = { pending: 0, approved: 0, rejected: 0 };
      for (const r of rows) out[r.status] = Number(r.count);
      return out;
    },

    /**
     * Staff approve or reject a pending cooperative. The status changes only from pending (a conditional
     * update), so two staff members deciding at once cannot both win.
     */
    async reviewCooperative(
      staff: CurrentUser,
      { cooperativeId, form }: { cooperativeId: number; form: unknown },
    ) {
      if (staff.role !== "staff") throw new Forbidden();
      const decision = parseOrInvalid(reviewSchema, form);
      return db.transaction(async (transaction) => {
        const status = decision.decision === "approve" ? "approved" : "rejected";
        const [changed] = await models.Cooperative.update(
          {
            status,
            rejectionReason: decision.decision === "reject" ? decision.reason : null,
            reviewedById: staff.id,
            reviewedAt: new Date(),
          },
          { where: { id: cooperativeId, status: "pending" }, transaction },
        );
        if (changed === 0) {
          const exists = await models.Cooperative.findByPk(cooperativeId, {
            transaction,
            attributes: ["id"],
          });
          if (!exists) throw new NotFound("cooperative_not_found");
          throw new Conflict("already_reviewed");
        }
        const c = (await models.Cooperative.findByPk(cooperativeId, { transaction }))!;
        await events.publish(transaction, "cooperative.changed", { cooperativeId });
        await recordAudit(models, transaction, {
          actorId: staff.id,
          action: `cooperative.${status}`,
          entityType: "cooperative",
          entityId: cooperativeId,
          data: decision.decision === "reject" ? { reason: decision.reason } : {},
        });
        for (const member of await membersOf(cooperativeId, transaction)) {
          const user = (
            member as unknown as { user: { id: number; email: string; locale: Locale; fullName: string } }
          ).user;
          await enqueueNotification(models, transaction, {
            userId: user.id,
            channel: "email",
            recipient: user.email,
            template: `cooperative_${status}`,
            params: { name: user.fullName, cooperative: c.name, reason: c.rejectionReason ?? "" },
            locale: user.locale,
          });
        }
        return { status, slug: c.slug };
      });
    },
  };
}

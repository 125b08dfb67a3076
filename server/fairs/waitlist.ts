import type { CurrentUser } from "../accounts/current-user";
import { uniqueViolation } from "../db/slugs";
import { Conflict } from "../errors";
import type { FairsKit } from "./kit";
import type { FairViews } from "./views";

/**
 * A full fair's waiting list. Joining and leaving are here; a freed booth is offered to the first cooperative
 * waiting by the booking lifecycle, in the transaction that freed it.
 */
export function fairWaitlist(kit: FairsKit, views: FairViews) {
  const { models, transact, cooperativeOf, loadFair, bookingOpen } = kit;
  return {
    async joinWaitlist(user: CurrentUser, { fairId }: { fairId: number }) {
      const cooperativeId = cooperativeOf(user);
      const fair = await loadFair(fairId);
      if (!bookingOpen(fair)) throw new Conflict("booking_closed");
      // The list is for a full fair: while a booth is free, the cooperative books it instead.
      if ((await views.counts([fair.id])).get(fair.id)?.available) throw new Conflict("booths_available");
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

    async leaveWaitlist(user: CurrentUser, { fairId }: { fairId: number }) {
      const cooperativeId = cooperativeOf(user);
      await models.FairWaitlist.update(
        { status: "left" },
        { where: { fairId, cooperativeId, status: "waiting" } },
      );
    },
  };
}

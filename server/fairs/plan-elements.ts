import type { Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import { Invalid, NotFound } from "../errors";
import { parseOrInvalid } from "../validation";
import { fitsIn } from "./floor-plan";
import type { FairsKit } from "./kit";
import { planElementSchema, type PlanElementInput } from "./schemas";

/** Staff place what a hall has besides booths (entrances, the stage, aisles, labels): it must lie in its hall. */
export function planElements(kit: FairsKit) {
  const { models, transact, assertStaff } = kit;

  async function hallFor(fairId: number, input: PlanElementInput, transaction: Transaction) {
    const hall = await models.FairHall.findOne({ where: { id: input.hallId, fairId }, transaction });
    if (!hall) throw new Invalid({ hallId: { code: "choose_one" } });
    if (!fitsIn(input, hall)) throw new Invalid({ xM: { code: "element_outside_hall" } });
    return hall;
  }

  const columns = (input: PlanElementInput) => ({
    hallId: input.hallId,
    kind: input.kind,
    xM: input.xM,
    yM: input.yM,
    widthM: input.widthM,
    depthM: input.depthM,
    labelVi: input.labelVi ?? null,
    labelEn: input.labelEn ?? null,
  });

  return {
    async addPlanElement(user: CurrentUser, { fairId, form }: { fairId: number; form: unknown }) {
      assertStaff(user);
      const input = parseOrInvalid(planElementSchema, form);
      return transact(async (transaction) => {
        await hallFor(fairId, input, transaction);
        const element = await models.FairPlanElement.create({ fairId, ...columns(input) }, { transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "fair.element_added",
          entityType: "fair",
          entityId: fairId,
          data: { element: element.id, kind: input.kind },
        });
        return { id: element.id };
      });
    },

    async updatePlanElement(
      user: CurrentUser,
      { fairId, elementId, form }: { fairId: number; elementId: number; form: unknown },
    ) {
      assertStaff(user);
      const input = parseOrInvalid(planElementSchema, form);
      await transact(async (transaction) => {
        const element = await models.FairPlanElement.findOne({
          where: { id: elementId, fairId },
          transaction,
        });
        if (!element) throw new NotFound("element_not_found");
        await hallFor(fairId, input, transaction);
        await element.update(columns(input), { transaction });
      });
    },

    async deletePlanElement(user: CurrentUser, { fairId, elementId }: { fairId: number; elementId: number }) {
      assertStaff(user);
      await transact(async (transaction) => {
        const removed = await models.FairPlanElement.destroy({
          where: { id: elementId, fairId },
          transaction,
        });
        if (!removed) throw new NotFound("element_not_found");
      });
    },
  };
}

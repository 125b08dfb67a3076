import { QueryTypes, type InferAttributes, type Transaction } from "sequelize";
import { approvedCooperativeOf, type CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import type { Database } from "../db";
import { Invalid, NotFound, type FieldErrors } from "../errors";
import { parseOrInvalid } from "../validation";
import {
  defaultPolicy,
  SHIPPING_ZONES,
  shippingChoiceValue,
  shippingOptions,
  type ShippingOption,
  type ShippingPolicy,
  type ShippingZone,
  type ZoneRate,
} from "../vocabulary/shipping";
import { shippingPolicySchema } from "./schemas";

/** A cooperative's place and its saved delivery options, as one read gives them (null: never saved). */
type PolicyRow = Omit<
  InferAttributes<InstanceType<Database["models"]["ShippingPolicyRow"]>>,
  "cooperativeId" | "createdAt" | "updatedAt"
>;

function policyOf(coop: { provinceCode: string; address: string }, row: PolicyRow | null): ShippingPolicy {
  if (!row) return defaultPolicy(coop.provinceCode);
  const zones: Partial<Record<ShippingZone, ZoneRate>> = {};
  for (const zone of SHIPPING_ZONES) {
    const feeVnd = row[`${zone}FeeVnd`];
    if (feeVnd !== null)
      zones[zone] = {
        feeVnd: Number(feeVnd),
        daysMin: row[`${zone}DaysMin`] ?? 0,
        daysMax: row[`${zone}DaysMax`] ?? 0,
      };
  }
  return {
    originProvinceCode: coop.provinceCode,
    zones,
    freeAboveVnd: row.freeAboveVnd === null ? null : Number(row.freeAboveVnd),
    pickup: row.pickup
      ? { address: row.pickupAddress ?? coop.address, readyDays: row.pickupReadyDays ?? 0 }
      : null,
    freightQuote: Boolean(row.freightQuote),
  };
}

const POLICY_COLUMNS = [
  "province_fee_vnd AS provinceFeeVnd",
  "province_days_min AS provinceDaysMin",
  "province_days_max AS provinceDaysMax",
  "region_fee_vnd AS regionFeeVnd",
  "region_days_min AS regionDaysMin",
  "region_days_max AS regionDaysMax",
  "country_fee_vnd AS countryFeeVnd",
  "country_days_min AS countryDaysMin",
  "country_days_max AS countryDaysMax",
  "free_above_vnd AS freeAboveVnd",
  "pickup",
  "pickup_address AS pickupAddress",
  "pickup_ready_days AS pickupReadyDays",
  "freight_quote AS freightQuote",
].map((c) => `s.${c}`);

/** The delivery options of several cooperatives, by id, in one statement: what the cart and checkout price. */
export async function loadShippingPolicies(
  db: Database,
  ids: number[],
  transaction?: Transaction,
): Promise<Map<number, ShippingPolicy>> {
  if (ids.length === 0) return new Map();
  const rows = await db.sequelize.query<
    PolicyRow & { id: number; provinceCode: string; address: string; saved: number | null }
  >(
    `SELECT c.id, c.province_code AS provinceCode, c.address, s.cooperative_id AS saved, ${POLICY_COLUMNS.join(", ")}
     FROM cooperatives c LEFT JOIN shipping_policies s ON s.cooperative_id = c.id
     WHERE c.id IN (:ids)`,
    { replacements: { ids }, type: QueryTypes.SELECT, transaction },
  );
  return new Map(rows.map((r) => [r.id, policyOf(r, r.saved === null ? null : r)]));
}

/**
 * Delivery: the cooperative's own settings (read for its settings page, saved from it), and the options a cart's
 * goods have to a province.
 */
export function shippingUseCases(db: Database) {
  const { models } = db;

  async function ownCooperative(user: CurrentUser, transaction?: Transaction) {
    const coop = await models.Cooperative.findByPk(approvedCooperativeOf(user), {
      attributes: ["id", "name", "provinceCode", "address"],
      transaction,
    });
    if (!coop) throw new NotFound("cooperative");
    return coop;
  }

  return {
    /** Each cooperative's options in a cart, priced for a province (none: delivery cannot be priced yet). */
    async cartShipping(
      cart: { groups: Array<{ cooperative: { id: number }; subtotalVnd: number }> },
      provinceCode: string | null,
    ): Promise<Record<number, ShippingOption[]>> {
      const policies = await loadShippingPolicies(
        db,
        cart.groups.map((g) => g.cooperative.id),
      );
      return Object.fromEntries(
        cart.groups.map((g) => [
          g.cooperative.id,
          shippingOptions(policies.get(g.cooperative.id)!, g.subtotalVnd, provinceCode),
        ]),
      );
    },

    /** Where a buyer's goods probably go: their last checkout's province, else their business's. */
    async usualDestination(user: CurrentUser | null): Promise<string | null> {
      if (!user) return null;
      const last = await models.Checkout.findOne({
        where: { buyerId: user.id },
        attributes: ["provinceCode"],
        order: [["id", "DESC"]],
      });
      return last?.provinceCode ?? user.organisation?.provinceCode ?? null;
    },

    async getShippingPolicy(user: CurrentUser) {
      const coop = await ownCooperative(user);
      const row = await models.ShippingPolicyRow.findByPk(coop.id);
      return {
        policy: policyOf(coop, row),
        /** False until the cooperative first saves: buyers then see only "contact for freight". */
        configured: row !== null,
        cooperative: { name: coop.name, provinceCode: coop.provinceCode, address: coop.address },
      };
    },

    async saveShippingPolicy(user: CurrentUser, form: unknown) {
      approvedCooperativeOf(user); // who may, before what they sent
      const input = parseOrInvalid(shippingPolicySchema, form);
      await db.transaction(async (transaction) => {
        const coop = await ownCooperative(user, transaction);
        // A zone switched off keeps nothing: its fee, null, is what says it is not delivered to.
        const rate = (z: ShippingZone, part: "FeeVnd" | "DaysMin" | "DaysMax") =>
          input[`${z}On`] ? (input[`${z}${part}`] ?? null) : null;
        const values = {
          cooperativeId: coop.id,
          provinceFeeVnd: rate("province", "FeeVnd"),
          provinceDaysMin: rate("province", "DaysMin"),
          provinceDaysMax: rate("province", "DaysMax"),
          regionFeeVnd: rate("region", "FeeVnd"),
          regionDaysMin: rate("region", "DaysMin"),
          regionDaysMax: rate("region", "DaysMax"),
          countryFeeVnd: rate("country", "FeeVnd"),
          countryDaysMin: rate("country", "DaysMin"),
          countryDaysMax: rate("country", "DaysMax"),
          freeAboveVnd: input.freeAboveVnd ?? null,
          pickup: input.pickup,
          pickupAddress: input.pickup ? (input.pickupAddress ?? null) : null,
          pickupReadyDays: input.pickup ? (input.pickupReadyDays ?? null) : null,
          freightQuote: input.freightQuote,
        };
        await models.ShippingPolicyRow.upsert(values, { transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "cooperative.shipping_updated",
          entityType: "cooperative",
          entityId: coop.id,
          data: values,
        });
      });
    },
  };
}

/**
 * The option the buyer chose for each cooperative's goods (`shipping-<cooperative id>`), priced again for the
 * province they deliver to. Without a choice the first option stands, as the form preselects it; a method not
 * offered, or a fee other than the one shown (the province changed on a page without scripts), is refused with
 * the new price beside that cooperative's options.
 */
export function chooseShipping(
  form: unknown,
  groups: Array<{ cooperative: { id: number }; subtotalVnd: number }>,
  policies: Map<number, ShippingPolicy>,
  provinceCode: string,
): Map<number, ShippingOption> {
  const values = (form ?? {}) as Record<string, unknown>;
  const chosen = new Map<number, ShippingOption>();
  const errors: FieldErrors = {};
  for (const group of groups) {
    const id = group.cooperative.id;
    const policy = policies.get(id);
    if (!policy) continue;
    const options = shippingOptions(policy, group.subtotalVnd, provinceCode);
    const raw = values[`shipping-${id}`];
    if (typeof raw !== "string" || raw === "") {
      chosen.set(id, options[0]!);
      continue;
    }
    const method = raw.split(":")[0];
    const option = options.find((o) => o.method === method);
    if (!option) errors[`shipping-${id}`] = { code: "shipping_unavailable" };
    else if (raw.includes(":") && raw !== shippingChoiceValue(option))
      errors[`shipping-${id}`] = { code: "shipping_changed" };
    else chosen.set(id, option);
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  return chosen;
}

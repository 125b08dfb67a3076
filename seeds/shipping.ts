import type { Container } from "../server/context";

type Rate = [fee: number, daysMin: number, daysMax: number];
interface Plan {
  province: Rate;
  region: Rate;
  country: Rate | null;
  freeAboveVnd: number | null;
  /** Days to get a pick-up ready (null: no pick-up). */
  pickup: number | null;
  freightQuote: boolean;
}

/** Four ways cooperatives ship, by how far they reach; every fifth cooperative has published none. */
const PLANS: Plan[] = [
  {
    province: [20_000, 1, 2],
    region: [35_000, 2, 4],
    country: [55_000, 4, 7],
    freeAboveVnd: 500_000,
    pickup: 1,
    freightQuote: true,
  },
  {
    province: [15_000, 1, 1],
    region: [30_000, 2, 3],
    country: null,
    freeAboveVnd: null,
    pickup: 0,
    freightQuote: false,
  },
  {
    province: [25_000, 1, 3],
    region: [40_000, 3, 5],
    country: [60_000, 5, 8],
    freeAboveVnd: 1_000_000,
    pickup: null,
    freightQuote: true,
  },
  {
    province: [0, 1, 2],
    region: [45_000, 2, 5],
    country: [70_000, 4, 9],
    freeAboveVnd: null,
    pickup: 2,
    freightQuote: true,
  },
];

/** Demo delivery options for the approved cooperatives, before the demo orders are placed through checkout. */
export async function seedDemoShipping(container: Pick<Container, "db">) {
  const { models } = container.db;
  const approved = await models.Cooperative.findAll({
    where: { status: "approved" },
    attributes: ["id", "address"],
    order: [["id", "ASC"]],
  });
  const rows = approved
    .filter((_, i) => i % 5 !== 4)
    .map((c, i) => {
      const plan = PLANS[i % PLANS.length]!;
      return {
        cooperativeId: c.id,
        provinceFeeVnd: plan.province[0],
        provinceDaysMin: plan.province[1],
        provinceDaysMax: plan.province[2],
        regionFeeVnd: plan.region[0],
        regionDaysMin: plan.region[1],
        regionDaysMax: plan.region[2],
        countryFeeVnd: plan.country?.[0] ?? null,
        countryDaysMin: plan.country?.[1] ?? null,
        countryDaysMax: plan.country?.[2] ?? null,
        freeAboveVnd: plan.freeAboveVnd,
        pickup: plan.pickup !== null,
        pickupAddress: plan.pickup !== null ? c.address : null,
        pickupReadyDays: plan.pickup,
        freightQuote: plan.freightQuote,
      };
    });
  await models.ShippingPolicyRow.bulkCreate(rows);
  return { shippingPolicies: rows.length };
}

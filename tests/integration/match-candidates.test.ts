import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { candidateSearch } from "../../server/matching/candidates";
import { matchingKit } from "../../server/matching/kit";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { makeCooperative, makeUser, PASSWORD } from "../support/factories";

/**
 * The match index's candidate search (server/matching/candidates.ts): offers sharing the most whole words of a
 * demand's title come first, whatever their age or category; a word that only folds alike ("tấn", tonnes, and
 * "Tân" of Tân Cương) is no match; the database and a recompute run's memory answer alike; a paused offer or a
 * cooperative no longer approved is never a candidate, even before the change's event has been handled.
 */
describe.each(DIALECTS)("match candidates on %s", (dialect) => {
  let c: TestContainer;
  let search: ReturnType<typeof candidateSearch>;
  let tanCuong: CurrentUser;
  let other: CurrentUser;
  let buyer: CurrentUser;
  const ids: Record<string, number> = {};

  const as = async (email: string) => {
    const { token } = await c.services.accounts.login({
      form: { email, password: PASSWORD },
      meta: { ip: null, userAgent: null, locale: "vi" },
    });
    return (await c.services.accounts.getUserForSession({ token }))!;
  };
  const post = async (who: CurrentUser, title: string, category = "tea") =>
    (
      await c.services.matching.postOffer(who, {
        form: {
          category,
          title,
          description: "Hàng làm theo đơn, giao toàn quốc.",
          quantity: "100",
          unit: "kg",
          period: "monthly",
          priceMinVnd: "200.000",
          priceMaxVnd: "300.000",
        },
      })
    ).id;
  const demandTitled = async (title: string, category = "tea") => {
    const { publicId } = await c.services.matching.postDemand(buyer, {
      form: {
        category,
        title,
        description: "Giao Hà Nội.",
        quantity: "50",
        unit: "kg",
        frequency: "monthly",
        deliveryProvinceCode: "01",
      },
    });
    return (await c.db.models.Demand.findOne({ where: { publicId } }))!;
  };
  const titleTerms = ["che", "tan", "cuong"];

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    search = candidateSearch(
      matchingKit({ db: c.db, events: c.events, catalogue: c.services.catalogue.lookup }),
    );
    for (const email of ["tancuong@example.com", "khac@example.com"])
      await makeCooperative(c, { ownerId: (await makeUser(c, { role: "cooperative", email })).id });
    await makeUser(c, { role: "buyer", email: "mua@example.com" });
    tanCuong = await as("tancuong@example.com");
    other = await as("khac@example.com");
    buyer = await as("mua@example.com");
    // Oldest first: the whole match is posted before the offers that share one word with the demand.
    ids.whole = await post(tanCuong, "Chè búp Tân Cương hái tay");
    ids.gift = await post(other, "Hộp quà chè Tân Cương", "other");
    ids.green1 = await post(other, "Chè xanh Đại Từ");
    ids.green2 = await post(tanCuong, "Chè xanh sao suốt");
    ids.tonnes = await post(other, "Cung ứng 5 tấn nấm hương", "mushrooms");
    ids.noodles = await post(other, "Miến dong Bình Liêu", "vermicelli_noodles");
    await c.worker.drain();
  }, 60_000);
  afterAll(async () => c?.destroy());

  it("puts the offers sharing most of the title's words first, and nothing that only folds alike", async () => {
    const fromDatabase = await search.databaseSource().byTerms(titleTerms);
    expect(fromDatabase).toEqual([ids.gift, ids.whole, ids.green2, ids.green1]);
    expect(fromDatabase).not.toContain(ids.tonnes);
    // A recompute run counts in memory what the database counts with GROUP BY: the same answer, in order.
    expect(await search.runSource().byTerms(titleTerms)).toEqual(fromDatabase);
  });

  it("adds the demand's category beside the words, from either source alike", async () => {
    const demand = await demandTitled("Cần mua chè Tân Cương");
    const fromDatabase = (await search.candidatesFor([demand], search.databaseSource())).get(demand.id)!;
    expect(fromDatabase.map((r) => r.id)).toEqual([ids.gift, ids.whole, ids.green2, ids.green1]);
    const run = (await search.candidatesFor([demand], search.runSource())).get(demand.id)!;
    expect(run).toEqual(fromDatabase);
    // No word in common: the category's newest offers alone.
    const noodles = await demandTitled("Cần mua hàng Tết", "vermicelli_noodles");
    const byCategory = (await search.candidatesFor([noodles], search.databaseSource())).get(noodles.id)!;
    expect(byCategory.map((r) => r.id)).toEqual([ids.noodles]);
    expect(byCategory[0]!.provinceCode).toBe("19");
  });

  it("never offers a paused offer, before or after its event, nor one of a cooperative not approved", async () => {
    const demand = await demandTitled("Chè Tân Cương loại 1");
    const candidates = async () => {
      const [database, run] = await Promise.all([
        search.candidatesFor([demand], search.databaseSource()),
        search.candidatesFor([demand], search.runSource()),
      ]);
      expect(run.get(demand.id)).toEqual(database.get(demand.id));
      return database.get(demand.id)!.map((r) => r.id);
    };
    await c.services.matching.actOnOffer(tanCuong, { id: ids.whole!, form: { action: "pause" } });
    // Its terms are still there (the event is not handled yet), but it is no longer active.
    expect(await c.db.models.OfferTerm.count({ where: { offerId: ids.whole! } })).toBeGreaterThan(0);
    expect(await candidates()).not.toContain(ids.whole);
    await c.worker.drain();
    expect(await c.db.models.OfferTerm.count({ where: { offerId: ids.whole! } })).toBe(0);
    await c.services.matching.actOnOffer(tanCuong, { id: ids.whole!, form: { action: "resume" } });
    await c.worker.drain();
    expect(await candidates()).toContain(ids.whole);

    await c.db.models.Cooperative.update({ status: "rejected" }, { where: { id: other.cooperative!.id } });
    expect(await candidates()).toEqual([ids.whole, ids.green2]);
  });
});

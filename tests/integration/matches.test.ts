import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { makeCooperative, makeUser, PASSWORD } from "../support/factories";

/**
 * Matches follow changes through domain events: a buyer's demand is ranked against the offers of approved
 * cooperatives (never a pending one's), with the score broken down per criterion; closing an offer or pausing the
 * demand takes its suggestions away; each side sees only its own matches.
 */
describe.each(DIALECTS)("matches on %s", (dialect) => {
  let c: TestContainer;
  let buyer: CurrentUser;
  let otherBuyer: CurrentUser;
  let naRi: CurrentUser;
  let caMau: CurrentUser;
  let tea: CurrentUser;
  let pending: CurrentUser;
  let demandId: string;
  const offerIds: Record<string, number> = {};

  const as = async (email: string) => {
    const { token } = await c.services.accounts.login({
      form: { email, password: PASSWORD },
      meta: { ip: null, userAgent: null, locale: "vi" },
    });
    return (await c.services.accounts.getUserForSession({ token }))!;
  };
  const cooperative = async (
    email: string,
    name: string,
    place: { provinceCode: string; wardCode: string },
    status: "approved" | "pending" = "approved",
  ) => {
    const owner = await makeUser(c, { role: "cooperative", email });
    await makeCooperative(c, { name, ownerId: owner.id, status, ...place });
    return as(email);
  };
  const offer = (title: string, extra: Record<string, string | string[]> = {}) => ({
    category: "vermicelli_noodles",
    title,
    description: "Miến dong làm thủ công từ tinh bột dong riềng, sợi dai.",
    quantity: "600",
    unit: "kg",
    period: "monthly",
    priceMinVnd: "75.000",
    priceMaxVnd: "85.000",
    certifications: ["vietgap"],
    ...extra,
  });

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    await makeUser(c, { role: "buyer", email: "sieuthi@example.com" });
    await makeUser(c, { role: "buyer", email: "khac@example.com" });
    buyer = await as("sieuthi@example.com");
    otherBuyer = await as("khac@example.com");
    naRi = await cooperative("nari@example.com", "HTX Miến dong Côn Minh", {
      provinceCode: "19",
      wardCode: "02185",
    });
    caMau = await cooperative("camau@example.com", "HTX Miến Đất Mũi", {
      provinceCode: "96",
      wardCode: "32002",
    });
    tea = await cooperative("che@example.com", "HTX Chè Đồi Mây", { provinceCode: "19", wardCode: "05692" });
    pending = await cooperative(
      "moi@example.com",
      "HTX Miến Mới",
      { provinceCode: "19", wardCode: "02185" },
      "pending",
    );

    offerIds.naRi = (
      await c.services.matching.postOffer(naRi, { form: offer("Miến dong Bắc Kạn sợi nhỏ") })
    ).id;
    offerIds.caMau = (
      await c.services.matching.postOffer(caMau, { form: offer("Miến dong Đất Mũi sợi nhỏ") })
    ).id;
    offerIds.tea = (
      await c.services.matching.postOffer(tea, {
        form: offer("Chè búp Tân Cương loại 1", {
          category: "tea",
          description: "Chè búp hái tay, sao chảo gang.",
          unit: "kg",
          priceMinVnd: "300.000",
          priceMaxVnd: "400.000",
        }),
      })
    ).id;
    // A pending cooperative cannot post: its offer never exists, so it can never be matched.
    await expect(
      c.services.matching.postOffer(pending, { form: offer("Miến dong Mới") }),
    ).rejects.toMatchObject({
      code: "cooperative_not_approved",
    });

    demandId = (
      await c.services.matching.postDemand(buyer, {
        form: {
          category: "vermicelli_noodles",
          title: "Cần mua miến dong Bắc Kạn cho chuỗi siêu thị",
          description: "Miến dong sợi nhỏ, đóng gói 500 g, giao Hà Nội hằng tháng.",
          quantity: "500",
          unit: "kg",
          frequency: "monthly",
          priceMinVnd: "70.000",
          priceMaxVnd: "90.000",
          deliveryProvinceCode: "01",
          certifications: ["vietgap"],
        },
      })
    ).publicId;
    await c.worker.drain();
  }, 60_000);
  afterAll(async () => c?.destroy());

  const matchesOf = () => c.services.matching.listDemandMatches(buyer, { publicId: demandId, locale: "vi" });

  it("ranks the nearer answer first, with every criterion's reason, and leaves the tea out", async () => {
    const matches = await matchesOf();
    expect(matches.map((m) => m.offer.id)).toEqual([offerIds.naRi, offerIds.caMau]);
    const [first, second] = matches;
    expect(first!.score).toBeGreaterThan(second!.score);
    expect(first!.criteria.map((x) => x.criterion)).toEqual([
      "product",
      "quantity",
      "price",
      "certification",
      "distance",
      "season",
    ]);
    expect(first!.criteria.find((x) => x.criterion === "price")!.reason.code).toBe("price_within");
    const far = second!.criteria.find((x) => x.criterion === "distance")!;
    expect(far.reason.code).toBe("distance_km");
    expect(Number(far.reason.params!.km)).toBeGreaterThan(1500 - 500);
    expect(first!.offer.cooperative.name).toBe("HTX Miến dong Côn Minh");
  });

  it("shows each side only its own matches", async () => {
    const mine = await c.services.matching.listCooperativeMatches(naRi, { locale: "vi" });
    expect(mine.map((m) => m.demand.publicId)).toEqual([demandId]);
    expect(JSON.stringify(mine)).not.toContain("sieuthi@example.com");
    expect(await c.services.matching.listCooperativeMatches(tea, { locale: "vi" })).toEqual([]);
    await expect(
      c.services.matching.listDemandMatches(otherBuyer, { publicId: demandId, locale: "vi" }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("lets staff, and only staff, recompute every open demand's matches at once", async () => {
    await makeUser(c, { role: "staff", email: "canbo.matching@example.com" });
    const staff = await as("canbo.matching@example.com");
    await c.db.models.Match.destroy({ where: {} });
    expect(await c.services.matching.recomputeAllMatches(staff)).toEqual({ demands: 1 });
    // Queued, not done in the request.
    expect(await matchesOf()).toEqual([]);
    await c.worker.drain();
    expect((await matchesOf()).map((m) => m.offer.id)).toEqual([offerIds.naRi, offerIds.caMau]);
    await expect(c.services.matching.recomputeAllMatches(buyer)).rejects.toMatchObject({ status: 403 });
  });

  it("follows a closed offer and a paused demand, through the outbox", async () => {
    await c.services.matching.actOnOffer(caMau, { id: offerIds.caMau!, form: { action: "close" } });
    // Not in the request: the match stays until the subscriber has run.
    expect(await matchesOf()).toHaveLength(2);
    await c.worker.drain();
    expect((await matchesOf()).map((m) => m.offer.id)).toEqual([offerIds.naRi]);

    await c.services.matching.actOnDemand(buyer, { publicId: demandId, form: { action: "pause" } });
    await c.worker.drain();
    expect(await matchesOf()).toEqual([]);
    await c.services.matching.actOnDemand(buyer, { publicId: demandId, form: { action: "resume" } });
    await c.worker.drain();
    expect((await matchesOf()).map((m) => m.offer.id)).toEqual([offerIds.naRi]);
  });
});

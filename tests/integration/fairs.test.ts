import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { openFair } from "../support/fairs";
import { domainError, sellingCooperative, signedInStaff } from "../support/orders";

describe.each(DIALECTS)("trade fairs on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  it("gives one booth to exactly one of 50 cooperatives trying at once; the rest hear it was just taken", async () => {
    const staff = await signedInStaff(c);
    const fair = await openFair(c, staff);
    const target = fair.boothByCode("A03");
    const cooperatives = await Promise.all(Array.from({ length: 50 }, () => sellingCooperative(c)));
    const results = await Promise.allSettled(
      cooperatives.map(({ owner }) => c.services.fairs.hold(owner, target.id)),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect((r.reason as { code: string }).code).toBe("booth_taken");
    expect(await c.db.models.BoothBooking.count({ where: { boothId: target.id } })).toBe(1);
    const plan = await c.services.fairs.publicFair(fair.slug, {}, "vi", null);
    const shown = plan.halls.flatMap((h) => h.booths).find((b) => b.code === "A03")!;
    expect(shown.state).toBe("held");
    expect(plan.halls.flatMap((h) => h.booths).filter((b) => b.state === "available")).toHaveLength(9);
  }, 60_000);

  it("books a free booth at once, frees it on cancel, and refuses a second booking beyond the limit", async () => {
    const staff = await signedInStaff(c);
    const fair = await openFair(c, staff, { form: { maxBoothsPerCooperative: "1" } });
    const { owner } = await sellingCooperative(c);
    const held = await c.services.fairs.hold(owner, fair.boothByCode("A01").id);
    expect((await domainError(c.services.fairs.hold(owner, fair.boothByCode("A02").id))).code).toBe(
      "booth_limit_reached",
    );
    expect(await c.services.fairs.confirm(owner, held.publicId, {})).toEqual({ status: "booked" });
    await c.services.fairs.cancel(owner, held.publicId);
    const again = await c.services.fairs.hold(owner, fair.boothByCode("A01").id);
    expect(again.publicId).not.toBe(held.publicId);
  });
});

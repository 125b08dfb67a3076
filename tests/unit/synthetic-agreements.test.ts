import { describe, expect, it } from "vitest";
import { contentHash } from "../../server/agreements/content";
import { fulfilmentOf } from "../../server/agreements/fulfilment";
import { shiftDay } from "../../server/vocabulary/dates";
import { PIPELINE_STATUSES, SECTORS } from "../../server/vocabulary/domain";
import { isProvinceCode } from "../../server/vocabulary/geo";
import { SPAN_DAYS, syntheticCooperative } from "../../seeds/synthetic";
import {
  syntheticAgreement,
  syntheticBuyer,
  type AgreementBuyer,
  type AgreementCooperative,
} from "../../seeds/synthetic-agreements";

const TODAY = "2026-12-03";

/** Pools as the seeding function builds them from the rows it inserted (ids made up here). */
function pools(seed: number) {
  const cooperatives: AgreementCooperative[] = Array.from({ length: 60 }, (_, i) => {
    const c = syntheticCooperative(seed, i);
    return { ...c, id: 1000 + i };
  });
  const buyers: AgreementBuyer[] = Array.from({ length: 25 }, (_, i) => {
    const b = syntheticBuyer(seed, i);
    return { ...b, id: 500 + i, organisationId: b.organisation ? 900 + i : null };
  });
  return { cooperatives, buyers, today: TODAY };
}

const N = 2000;
const agreements = Array.from({ length: N }, (_, i) => syntheticAgreement(42, i, pools(42)));
const isWholeVnd = (n: number) => Number.isSafeInteger(n) && n > 0;

describe("synthetic agreements", () => {
  it("gives the same rows for the same seed and index, and other rows for another seed", () => {
    const again = syntheticAgreement(42, 17, pools(42));
    expect(again).toEqual(agreements[17]);
    expect(syntheticBuyer(42, 3)).toEqual(syntheticBuyer(42, 3));
    const other = syntheticAgreement(43, 17, pools(43));
    expect(other.agreement.publicId).not.toBe(agreements[17]!.agreement.publicId);
    expect(other.content).not.toEqual(agreements[17]!.content);
    expect(new Set(agreements.map((a) => a.agreement.publicId)).size).toBe(N);
  });

  it("puts every pipeline state and both signing methods in the data, every type and most categories", () => {
    const count = (key: (a: (typeof agreements)[number]) => string) => {
      const counts = new Map<string, number>();
      for (const a of agreements) counts.set(key(a), (counts.get(key(a)) ?? 0) + 1);
      return counts;
    };
    const byStatus = count((a) => a.agreement.status);
    expect([...byStatus.keys()].sort()).toEqual([...PIPELINE_STATUSES].sort());
    // Each state holds a fair share, not a token row: at least 2% of the agreements.
    for (const status of PIPELINE_STATUSES) expect(byStatus.get(status)!).toBeGreaterThan(N * 0.02);
    expect([...count((a) => a.agreement.method).keys()].sort()).toEqual(["paper", "platform"]);
    expect(count((a) => a.agreement.type).size).toBe(3);
    expect(count((a) => a.agreement.category).size).toBeGreaterThan(SECTORS.length / 2);
    expect(count((a) => a.agreement.provinceCode).size).toBeGreaterThan(10);
  });

  it("seals them over the last three years, more of them lately", () => {
    const daysAgo = agreements.map(
      (a) => (Date.parse(`${TODAY}T00:00:00Z`) - a.agreement.sealedAt.getTime()) / 86_400_000,
    );
    expect(Math.min(...daysAgo)).toBeGreaterThan(-1);
    expect(Math.max(...daysAgo)).toBeLessThan(SPAN_DAYS);
    const lastYear = daysAgo.filter((d) => d < 365).length;
    const firstYear = daysAgo.filter((d) => d >= 730).length;
    expect(firstYear).toBeGreaterThan(0);
    expect(lastYear).toBeGreaterThan(firstYear * 1.5);
  });

  it("has positive whole-number quantities and values, and figures that agree with the deliveries", () => {
    for (const { agreement: a, content, deliveries } of agreements) {
      expect(isWholeVnd(a.totalVnd), a.publicId).toBe(true);
      expect(a.totalVnd).toBe(content.totalVnd);
      expect(content.totalVnd).toBe(content.quantity * content.unitPriceVnd);
      expect(isWholeVnd(a.quantity)).toBe(true);
      expect(content.deliveries.reduce((n, d) => n + d.quantity, 0)).toBe(content.quantity);
      expect(contentHash(content)).toMatch(/^[0-9a-f]{64}$/);
      expect(isProvinceCode(a.provinceCode)).toBe(true);
      for (const d of deliveries) {
        expect(isWholeVnd(d.quantity) && isWholeVnd(d.valueVnd), a.publicId).toBe(true);
        expect(d.deliveredOn <= TODAY).toBe(true);
        expect(content.deliveries.some((s) => s.date === d.scheduledOn)).toBe(true);
      }
      // What the agreements service would keep on the row after these deliveries.
      const f = fulfilmentOf(content, deliveries, TODAY);
      expect(a.deliveredQuantity).toBe(f.delivered.quantity);
      expect(a.deliveredVnd).toBe(f.delivered.valueVnd);
      expect(a.nextDueOn).toBe(f.overdue[0] ?? f.nextDue);
      expect(Number.isSafeInteger(a.deliveredVnd) && a.deliveredVnd >= 0).toBe(true);
    }
  });

  it("follows each state's story: nothing delivered while sealed, all of it once completed, a reason when stopped", () => {
    for (const { agreement: a, content, deliveries } of agreements) {
      const due = content.deliveries.filter((s) => s.date < TODAY);
      switch (a.status) {
        case "sealed":
          expect(deliveries).toEqual([]);
          break;
        case "completed":
          expect(due.length).toBe(content.deliveries.length);
          expect(a.deliveredQuantity).toBe(a.quantity);
          expect(a.nextDueOn).toBeNull();
          break;
        case "in_implementation":
          expect(deliveries.length).toBeGreaterThan(0);
          break;
        case "stalled":
        case "cancelled":
          expect(a.statusReason).toBeTruthy();
      }
      if (a.status !== "stalled" && a.status !== "cancelled") expect(a.statusReason).toBeNull();
    }
    // Some open agreements are overdue (a scheduled date passed with nothing delivered against it), most are not.
    const open = agreements.filter((a) =>
      ["sealed", "in_implementation", "stalled"].includes(a.agreement.status),
    );
    const overdue = open.filter((a) => a.agreement.nextDueOn !== null && a.agreement.nextDueOn < TODAY);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(open.length);
    // And some deliveries still await the other side's answer.
    expect(agreements.some((a) => a.deliveries.some((d) => d.status === "recorded"))).toBe(true);
  });

  it("names its parties from the pools: the buyer's organisation when it has one, the cooperative's province", () => {
    const { cooperatives, buyers } = pools(42);
    for (const { agreement: a, content } of agreements.slice(0, 300)) {
      const coop = cooperatives.find((c) => c.id === a.cooperativeId)!;
      const buyer = buyers.find((b) => b.id === a.buyerId)!;
      expect(a.provinceCode).toBe(coop.provinceCode);
      expect(content.parties.supplier.legalName).toBe(coop.name);
      expect(a.buyerOrganisationId).toBe(buyer.organisationId);
      expect(content.parties.buyer.legalName).toBe(buyer.organisation?.name ?? buyer.fullName);
      expect(coop.sectors).toContain(a.category);
      expect(content.validUntil > content.validFrom).toBe(true);
      expect(shiftDay(content.validFrom, { days: -10 }) <= a.sealedAt.toISOString().slice(0, 10)).toBe(true);
    }
  });
});

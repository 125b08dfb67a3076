import { describe, expect, it } from "vitest";
import { agreementMachine } from "../../server/agreements/drafting";
import { fulfilmentOf, type DeliveryLine } from "../../server/agreements/fulfilment";
import type { AgreementStatus } from "../../server/db/models/agreements";

/**
 * Planned against delivered, as the issue states it: only what the other party confirmed counts towards the
 * per cent (whole, at most 100); what is recorded and not yet answered is "awaiting"; a scheduled date in the past
 * is overdue until a delivery that is not disputed is recorded against it; the next due date is the earliest open
 * one from today on.
 */
const TODAY = "2027-03-15";
const content = {
  quantity: 300,
  totalVnd: 96_000_000,
  deliveries: [
    { date: "2027-01-10", quantity: 100 },
    { date: "2027-02-10", quantity: 100 },
    { date: "2027-03-15", quantity: 50 },
    { date: "2027-04-10", quantity: 50 },
  ],
};
const line = (over: Partial<DeliveryLine> = {}): DeliveryLine => ({
  scheduledOn: null,
  deliveredOn: "2027-01-10",
  quantity: 100,
  valueVnd: 32_000_000,
  status: "recorded",
  ...over,
});

describe("fulfilmentOf", () => {
  it("plans from the content and, with nothing delivered, counts nothing", () => {
    expect(fulfilmentOf(content, [], TODAY)).toEqual({
      planned: { quantity: 300, valueVnd: 96_000_000 },
      delivered: { quantity: 0, valueVnd: 0 },
      awaiting: { quantity: 0, valueVnd: 0 },
      percent: 0,
      overdue: ["2027-01-10", "2027-02-10"],
      nextDue: "2027-03-15",
    });
  });

  it("counts only confirmed deliveries towards the per cent, and sums recorded ones as awaiting", () => {
    const f = fulfilmentOf(
      content,
      [
        line({ quantity: 100, valueVnd: 32_000_000, status: "confirmed" }),
        line({ quantity: 40, valueVnd: 12_800_000, status: "recorded" }),
        line({ quantity: 7, valueVnd: 2_240_000, status: "recorded" }),
        line({ quantity: 90, valueVnd: 28_800_000, status: "disputed" }),
      ],
      TODAY,
    );
    expect(f.delivered).toEqual({ quantity: 100, valueVnd: 32_000_000 });
    expect(f.awaiting).toEqual({ quantity: 47, valueVnd: 15_040_000 });
    expect(f.percent).toBe(33);
  });

  it("floors the per cent and caps it at 100", () => {
    const percent = (quantity: number) =>
      fulfilmentOf(content, [line({ quantity, status: "confirmed" })], TODAY).percent;
    expect(percent(1)).toBe(0); // 0.33 %
    expect(percent(2)).toBe(0); // 0.67 %
    expect(percent(3)).toBe(1);
    expect(percent(299)).toBe(99); // 99.67 %: not done until all of it is
    expect(percent(300)).toBe(100);
    expect(percent(450)).toBe(100);
  });

  it("gives 0 per cent for a quantity of 0, whatever was delivered", () => {
    const f = fulfilmentOf(
      { quantity: 0, totalVnd: 0, deliveries: [] },
      [line({ quantity: 5, status: "confirmed" })],
      TODAY,
    );
    expect(f.percent).toBe(0);
    expect(Number.isFinite(f.percent)).toBe(true);
    expect(f.delivered.quantity).toBe(5);
  });

  it("makes a past scheduled date overdue until a recorded or confirmed delivery meets it", () => {
    expect(fulfilmentOf(content, [line({ scheduledOn: "2027-01-10" })], TODAY).overdue).toEqual([
      "2027-02-10",
    ]);
    expect(
      fulfilmentOf(content, [line({ scheduledOn: "2027-02-10", status: "confirmed" })], TODAY).overdue,
    ).toEqual(["2027-01-10"]);
    expect(
      fulfilmentOf(
        content,
        [line({ scheduledOn: "2027-01-10" }), line({ scheduledOn: "2027-02-10", status: "confirmed" })],
        TODAY,
      ).overdue,
    ).toEqual([]);
  });

  it("keeps a date overdue when the only delivery against it is disputed", () => {
    expect(
      fulfilmentOf(content, [line({ scheduledOn: "2027-01-10", status: "disputed" })], TODAY).overdue,
    ).toEqual(["2027-01-10", "2027-02-10"]);
    // A disputed one and then an undisputed one: met.
    expect(
      fulfilmentOf(
        content,
        [
          line({ scheduledOn: "2027-01-10", status: "disputed" }),
          line({ scheduledOn: "2027-01-10", status: "recorded" }),
        ],
        TODAY,
      ).overdue,
    ).toEqual(["2027-02-10"]);
  });

  it("does not let a delivery outside the schedule, or on another date, meet a scheduled date", () => {
    const f = fulfilmentOf(
      content,
      [
        line({ scheduledOn: null, deliveredOn: "2027-01-10", status: "confirmed" }),
        line({ scheduledOn: "2027-04-10", deliveredOn: "2027-01-10", status: "confirmed" }),
      ],
      TODAY,
    );
    expect(f.overdue).toEqual(["2027-01-10", "2027-02-10"]);
    expect(f.nextDue).toBe("2027-03-15");
  });

  it("sorts overdue dates whatever order the schedule is in, and treats today as due, not overdue", () => {
    const shuffled = { ...content, deliveries: [...content.deliveries].reverse() };
    const f = fulfilmentOf(shuffled, [], TODAY);
    expect(f.overdue).toEqual(["2027-01-10", "2027-02-10"]);
    expect(f.overdue).not.toContain(TODAY);
    expect(f.nextDue).toBe(TODAY);
  });

  it("names the earliest open date from today on as next due, skipping met ones, or null", () => {
    expect(fulfilmentOf(content, [line({ scheduledOn: "2027-03-15" })], TODAY).nextDue).toBe("2027-04-10");
    expect(
      fulfilmentOf(
        content,
        [line({ scheduledOn: "2027-03-15" }), line({ scheduledOn: "2027-04-10", status: "confirmed" })],
        TODAY,
      ).nextDue,
    ).toBeNull();
    // A disputed delivery does not meet it: still due.
    expect(
      fulfilmentOf(content, [line({ scheduledOn: "2027-03-15", status: "disputed" })], TODAY).nextDue,
    ).toBe("2027-03-15");
    expect(fulfilmentOf(content, [], "2027-05-01")).toMatchObject({
      nextDue: null,
      overdue: ["2027-01-10", "2027-02-10", "2027-03-15", "2027-04-10"],
    });
    expect(fulfilmentOf({ ...content, deliveries: [] }, [], TODAY)).toMatchObject({
      nextDue: null,
      overdue: [],
    });
  });
});

/** The pipeline after the seal, written out from the issue independently of the table in drafting.ts. */
describe("agreement pipeline moves", () => {
  const STATUSES: AgreementStatus[] = [
    "draft",
    "awaiting_signature",
    "sealed",
    "in_implementation",
    "stalled",
    "completed",
    "cancelled",
  ];
  const ACTORS = ["buyer", "supplier", "staff", "system"] as const;
  const expected: Record<string, { from: AgreementStatus[]; to: AgreementStatus; by: string[] }> = {
    start: { from: ["sealed", "stalled"], to: "in_implementation", by: ["staff", "system"] },
    stall: { from: ["sealed", "in_implementation"], to: "stalled", by: ["staff"] },
    complete: { from: ["sealed", "in_implementation", "stalled"], to: "completed", by: ["staff", "system"] },
    terminate: { from: ["sealed", "in_implementation", "stalled"], to: "cancelled", by: ["staff"] },
  };

  for (const [action, rule] of Object.entries(expected))
    it(`${action}: from ${rule.from.join("/")} by ${rule.by.join("/")} only`, () => {
      for (const status of STATUSES)
        for (const actor of ACTORS)
          expect(
            agreementMachine.next(action as "start", { status }, actor),
            `${action} from ${status} by ${actor}`,
          ).toBe(rule.from.includes(status) && rule.by.includes(actor) ? rule.to : null);
    });

  it("leaves a completed or cancelled agreement where it is, and never lets a party move the pipeline", () => {
    for (const status of ["completed", "cancelled"] as const)
      for (const actor of ACTORS)
        expect(agreementMachine.available({ status }, actor).filter((a) => a in expected)).toEqual([]);
    for (const status of STATUSES)
      for (const party of ["buyer", "supplier"] as const)
        expect(agreementMachine.available({ status }, party).filter((a) => a in expected)).toEqual([]);
  });

  it("still refuses the drafting moves once sealed", () => {
    for (const status of ["sealed", "in_implementation", "stalled", "completed"] as const)
      for (const action of ["sign", "revise", "seal", "cancel"] as const)
        for (const actor of ACTORS) expect(agreementMachine.next(action, { status }, actor)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { rng } from "../../seeds/synthetic";
import {
  buildSchedule,
  type FixedMeeting,
  type ScheduleInput,
  type ScheduleResult,
  type SchedulerPair,
  type SchedulerParticipant,
  type SchedulerSlot,
} from "../../server/matching/scheduler";
import { checkSchedule } from "../support/schedule-checker";

// Buyers are 1, 2, 3…; cooperatives 101, 102, 103…, so that a failing expectation reads at a glance.
const B = (n: number) => n;
const C = (n: number) => 100 + n;
const MINUTE = 60_000;
const START = Date.UTC(2027, 2, 10, 1, 0);

/** n slots of 20 minutes; slot ids are 1..n. */
function slots(n: number): SchedulerSlot[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    startsAt: START + i * 20 * MINUTE,
    endsAt: START + (i + 1) * 20 * MINUTE,
  }));
}

function buyer(n: number, extra: Partial<SchedulerParticipant> = {}): SchedulerParticipant {
  return { id: B(n), side: "buyer", maxMeetings: 16, unavailableSlotIds: [], ...extra };
}

function cooperative(n: number, extra: Partial<SchedulerParticipant> = {}): SchedulerParticipant {
  return { id: C(n), side: "cooperative", maxMeetings: 16, unavailableSlotIds: [], ...extra };
}

function pair(b: number, c: number, tier: 0 | 1 | 2, weight = 50): SchedulerPair {
  return { buyerId: B(b), cooperativeId: C(c), tier, weight };
}

function people(buyers: number, cooperatives: number): SchedulerParticipant[] {
  return [
    ...Array.from({ length: buyers }, (_, i) => buyer(i + 1)),
    ...Array.from({ length: cooperatives }, (_, i) => cooperative(i + 1)),
  ];
}

/** Builds the schedule and insists it breaks no rule before the test looks at it. */
function schedule(input: ScheduleInput): ScheduleResult {
  const result = buildSchedule(input);
  expect(checkSchedule(input, result)).toEqual([]);
  return result;
}

/** "buyer–cooperative@slot#table", in the result's order. */
function summary(result: ScheduleResult): string[] {
  return result.meetings.map((m) => `${m.buyerId}–${m.cooperativeId}@${m.slotId}#${m.table}`);
}

describe("buildSchedule: priorities", () => {
  it("gives the only table to an accepted request (tier 0) over a heavier mutual preference", () => {
    const result = schedule({
      slots: slots(1),
      tables: 1,
      participants: people(2, 2),
      pairs: [pair(1, 1, 1, 100), pair(2, 2, 0, 0)],
      fixed: [],
    });
    expect(summary(result)).toEqual(["2–102@1#1"]);
    expect(result.meetings[0]).toMatchObject({ tier: 0, fixed: false });
    expect(result.unplaced).toEqual([{ ...pair(1, 1, 1, 100), reason: "no_table" }]);
    expect(result).toMatchObject({ requested: 2, placed: 1 });
  });

  it("gives a participant's only free slot to its tier 0 pair, not its tier 1 pair", () => {
    const result = schedule({
      slots: slots(2),
      tables: 2,
      participants: [buyer(1, { unavailableSlotIds: [2] }), cooperative(1), cooperative(2)],
      pairs: [pair(1, 1, 1, 100), pair(1, 2, 0, 0)],
      fixed: [],
    });
    expect(summary(result)).toEqual(["1–102@1#1"]);
    expect(result.unplaced).toEqual([{ ...pair(1, 1, 1, 100), reason: "no_common_slot" }]);
  });

  it("places tier 1 pairs by weight when tables run short", () => {
    const result = schedule({
      slots: slots(2),
      tables: 1,
      participants: people(3, 3),
      pairs: [pair(1, 1, 1, 10), pair(2, 2, 1, 30), pair(3, 3, 1, 20)],
      fixed: [],
    });
    expect(summary(result)).toEqual(["2–102@1#1", "3–103@2#1"]);
    expect(result.unplaced).toEqual([{ ...pair(1, 1, 1, 10), reason: "no_table" }]);
  });

  it("keeps the heaviest meeting a single table allows, not a piece of the largest matching", () => {
    // Without the table limit the best matching is 1–102 and 2–101 (50 + 50); with one table it is 1–101 (60).
    const result = schedule({
      slots: slots(1),
      tables: 1,
      participants: people(2, 2),
      pairs: [pair(1, 1, 1, 60), pair(1, 2, 1, 50), pair(2, 1, 1, 50)],
      fixed: [],
    });
    expect(summary(result)).toEqual(["1–101@1#1"]);
    // Both have a side busy in the only slot.
    expect(result.unplaced.map((u) => u.reason)).toEqual(["no_common_slot", "no_common_slot"]);
  });

  it("counts a pair given twice once, at its best tier", () => {
    const result = schedule({
      slots: slots(1),
      tables: 1,
      participants: people(1, 1),
      pairs: [pair(1, 1, 2, 90), pair(1, 1, 0, 10), pair(1, 1, 1, 80)],
      fixed: [],
    });
    expect(result.meetings).toEqual([
      { buyerId: 1, cooperativeId: 101, slotId: 1, table: 1, tier: 0, fixed: false },
    ]);
    expect(result).toMatchObject({ requested: 1, placed: 1, unplaced: [] });
  });
});

describe("buildSchedule: limits", () => {
  it("stops at a participant's cap, keeping its heaviest pairs, and says why the rest are out", () => {
    const result = schedule({
      slots: slots(4),
      tables: 4,
      participants: [
        buyer(1, { maxMeetings: 2 }),
        cooperative(1),
        cooperative(2),
        cooperative(3),
        cooperative(4),
      ],
      pairs: [pair(1, 1, 1, 90), pair(1, 2, 1, 80), pair(1, 3, 1, 70), pair(1, 4, 1, 60)],
      fixed: [],
    });
    expect(summary(result)).toEqual(["1–101@1#1", "1–102@2#1"]);
    expect(result.unplaced).toEqual([
      { ...pair(1, 3, 1, 70), reason: "participant_cap" },
      { ...pair(1, 4, 1, 60), reason: "participant_cap" },
    ]);
  });

  it("never meets anyone in a slot they are unavailable for", () => {
    const result = schedule({
      slots: slots(2),
      tables: 2,
      participants: [
        buyer(1, { unavailableSlotIds: [1] }),
        buyer(2, { unavailableSlotIds: [1] }),
        cooperative(1),
        cooperative(2, { unavailableSlotIds: [2] }),
      ],
      pairs: [pair(1, 1, 1), pair(2, 2, 0)],
      fixed: [],
    });
    expect(summary(result)).toEqual(["1–101@2#1"]);
    expect(result.unplaced).toEqual([{ ...pair(2, 2, 0), reason: "no_common_slot" }]);
  });

  it("puts no more meetings in a slot than there are tables", () => {
    const result = schedule({
      slots: slots(3),
      tables: 2,
      participants: people(4, 4),
      pairs: [1, 2, 3, 4].map((i) => pair(i, i, 1, 10 * i)),
      fixed: [],
    });
    // Four meetings, two tables: two slots, the earliest ones.
    expect(summary(result)).toEqual(["3–103@1#1", "4–104@1#2", "1–101@2#1", "2–102@2#2"]);
    expect(result).toMatchObject({ placed: 4, slotsUsed: 2, lowerBound: 2 });
  });

  it("keeps fixed meetings where they are, counts them, and schedules around them", () => {
    const fixed: FixedMeeting[] = [{ buyerId: B(1), cooperativeId: C(1), slotId: 1, table: 2 }];
    const result = schedule({
      slots: slots(2),
      tables: 2,
      participants: [buyer(1, { maxMeetings: 2 }), buyer(2), cooperative(1), cooperative(2)],
      // 1–101 duplicates the fixed meeting: already placed, not requested again.
      pairs: [pair(1, 1, 1, 90), pair(1, 2, 0), pair(2, 1, 0)],
      fixed,
    });
    expect(result.meetings).toEqual([
      { buyerId: 1, cooperativeId: 101, slotId: 1, table: 2, tier: null, fixed: true },
      { buyerId: 1, cooperativeId: 102, slotId: 2, table: 1, tier: 0, fixed: false },
      // The cooperative keeps its table from the slot before.
      { buyerId: 2, cooperativeId: 101, slotId: 2, table: 2, tier: 0, fixed: false },
    ]);
    expect(result).toMatchObject({ requested: 2, placed: 2, unplaced: [], lowerBound: 2, slotsUsed: 2 });
  });

  it("counts fixed meetings against the cap", () => {
    const result = schedule({
      slots: slots(2),
      tables: 2,
      participants: [buyer(1, { maxMeetings: 1 }), cooperative(1), cooperative(2)],
      pairs: [pair(1, 2, 0)],
      fixed: [{ buyerId: B(1), cooperativeId: C(1), slotId: 2, table: 1 }],
    });
    expect(summary(result)).toEqual(["1–101@2#1"]);
    expect(result.unplaced).toEqual([{ ...pair(1, 2, 0), reason: "participant_cap" }]);
  });

  it("refuses fixed meetings that clash, and pairs naming unknown or wrong-sided participants", () => {
    const base = { slots: slots(1), tables: 2, participants: people(2, 2), pairs: [] };
    expect(() =>
      buildSchedule({
        ...base,
        fixed: [
          { buyerId: B(1), cooperativeId: C(1), slotId: 1, table: 1 },
          { buyerId: B(2), cooperativeId: C(2), slotId: 1, table: 1 },
        ],
      }),
    ).toThrow(/table 1 is already taken/);
    expect(() =>
      buildSchedule({
        ...base,
        fixed: [
          { buyerId: B(1), cooperativeId: C(1), slotId: 1, table: 1 },
          { buyerId: B(1), cooperativeId: C(2), slotId: 1, table: 2 },
        ],
      }),
    ).toThrow(/already meets in slot 1/);
    expect(() => buildSchedule({ ...base, fixed: [], pairs: [pair(9, 1, 0)] })).toThrow(/9 is not a buyer/);
    expect(() =>
      buildSchedule({
        ...base,
        fixed: [],
        pairs: [{ buyerId: C(1), cooperativeId: C(2), tier: 0, weight: 1 }],
      }),
    ).toThrow(/101 is not a buyer/);
  });
});

describe("buildSchedule: recommendations", () => {
  it("places a recommendation only when a side has fewer than fewMeetings meetings", () => {
    const result = schedule({
      slots: slots(4),
      tables: 8,
      participants: people(4, 5),
      pairs: [
        // Buyer 1 and cooperative 103 each have two requested meetings.
        pair(1, 1, 1),
        pair(1, 2, 1),
        pair(2, 3, 1),
        pair(3, 3, 1),
        pair(1, 3, 2, 100), // both sides already have two: not placed
        pair(4, 4, 2, 10), // both have none
        pair(1, 5, 2, 10), // cooperative 105 has none
      ],
      fixed: [],
      fewMeetings: 2,
    });
    const recommendations = result.meetings
      .filter((m) => m.tier === 2)
      .map((m) => `${m.buyerId}–${m.cooperativeId}`);
    expect(recommendations.sort()).toEqual(["1–105", "4–104"]);
    expect(result).toMatchObject({ requested: 4, placed: 4, unplaced: [] });
  });
});

describe("buildSchedule: compactness", () => {
  const complete = (n: number) =>
    Array.from({ length: n * n }, (_, i) => pair(Math.floor(i / n) + 1, (i % n) + 1, 1, (i * 37) % 100));

  it("schedules a complete 4 × 4 in 4 slots, the lower bound", () => {
    const result = schedule({
      slots: slots(4),
      tables: 16,
      participants: people(4, 4),
      pairs: complete(4),
      fixed: [],
    });
    expect(result).toMatchObject({ requested: 16, placed: 16, lowerBound: 4, slotsUsed: 4 });
  });

  it("uses the earliest slots when there are more than needed", () => {
    const result = schedule({
      slots: slots(10),
      tables: 16,
      participants: people(5, 5),
      pairs: complete(5),
      fixed: [],
    });
    expect(result).toMatchObject({ placed: 25, lowerBound: 5, slotsUsed: 5 });
    expect(new Set(result.meetings.map((m) => m.slotId))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it("computes the lower bound from the busiest participant and from the tables", () => {
    const star = [pair(1, 1, 1), pair(1, 2, 1), pair(1, 3, 1)];
    const byDegree = schedule({
      slots: slots(4),
      tables: 3,
      participants: people(1, 3),
      pairs: star,
      fixed: [],
    });
    expect(byDegree).toMatchObject({ placed: 3, lowerBound: 3, slotsUsed: 3 });

    // Seven meetings at two tables need four slots, though nobody has more than three meetings.
    const pairs = [...star, pair(2, 4, 1), pair(3, 5, 1), pair(4, 6, 1), pair(5, 7, 1)];
    const byTables = schedule({ slots: slots(4), tables: 2, participants: people(5, 7), pairs, fixed: [] });
    expect(byTables).toMatchObject({ placed: 7, lowerBound: 4, slotsUsed: 4 });
  });

  it("gives the same schedule whatever the order of its input", () => {
    const input: ScheduleInput = {
      slots: slots(6),
      tables: 3,
      participants: people(5, 6),
      pairs: [...complete(4), pair(5, 6, 0, 20), pair(5, 5, 2, 70)],
      fixed: [{ buyerId: B(2), cooperativeId: C(3), slotId: 2, table: 3 }],
    };
    const reversed: ScheduleInput = {
      ...input,
      slots: [...input.slots].reverse(),
      participants: [...input.participants].reverse(),
      pairs: [...input.pairs].reverse(),
    };
    expect(schedule(reversed)).toEqual(schedule(input));
  });
});

/** A random small conference: gaps between slots, unavailability, caps, every tier, duplicates, fixed meetings. */
function randomConference(seed: number): ScheduleInput {
  const r = rng(seed);
  const slotCount = r.int(1, 8);
  const slotList: SchedulerSlot[] = [];
  let at = START;
  for (let i = 0; i < slotCount; i++) {
    at += r.next() < 0.2 ? 30 * MINUTE : 0; // a break
    slotList.push({ id: 10 + i * 3, startsAt: at, endsAt: at + 20 * MINUTE });
    at += 20 * MINUTE;
  }
  const tables = r.int(1, 6);
  const participants: SchedulerParticipant[] = [];
  const unavailable = () => slotList.filter(() => r.next() < 0.15).map((s) => s.id);
  const buyers = r.int(1, 8);
  const coops = r.int(1, 10);
  for (let i = 1; i <= buyers; i++)
    participants.push(buyer(i, { maxMeetings: r.int(0, 5), unavailableSlotIds: unavailable() }));
  for (let i = 1; i <= coops; i++) {
    participants.push(cooperative(i, { maxMeetings: r.int(0, 5), unavailableSlotIds: unavailable() }));
  }
  const pairs: SchedulerPair[] = [];
  const pairCount = r.int(0, buyers * coops + 3); // some drawn twice
  for (let i = 0; i < pairCount; i++) {
    pairs.push(pair(r.int(1, buyers), r.int(1, coops), r.pick([0, 1, 1, 2] as const), r.int(0, 100)));
  }
  // Fixed meetings that do not clash with each other (they may ignore unavailability and caps, as staff can).
  const fixed: FixedMeeting[] = [];
  const taken = new Set<string>();
  for (let i = r.int(0, 4); i > 0; i--) {
    const f = {
      buyerId: B(r.int(1, buyers)),
      cooperativeId: C(r.int(1, coops)),
      slotId: r.pick(slotList).id,
      table: r.int(1, tables),
    };
    const keys = [`p${f.buyerId}-${f.cooperativeId}`, `b${f.buyerId}@${f.slotId}`];
    keys.push(`c${f.cooperativeId}@${f.slotId}`, `t${f.table}@${f.slotId}`);
    if (keys.some((k) => taken.has(k))) continue;
    keys.forEach((k) => taken.add(k));
    fixed.push(f);
  }
  return { slots: slotList, tables, participants, pairs, fixed, fewMeetings: r.int(0, 4) };
}

describe("buildSchedule: random conferences", () => {
  it("breaks no rule on 50 random conferences", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const input = randomConference(seed);
      const result = buildSchedule(input);
      expect(checkSchedule(input, result), `seed ${seed}`).toEqual([]);
    }
  });
});

describe("checkSchedule", () => {
  // A complete 2 × 2: two slots of two meetings.
  const input: ScheduleInput = {
    slots: slots(2),
    tables: 2,
    participants: people(2, 2),
    pairs: [pair(1, 1, 1), pair(1, 2, 1), pair(2, 1, 1), pair(2, 2, 1)],
    fixed: [],
  };

  it("accepts the scheduler's schedule", () => {
    expect(checkSchedule(input, buildSchedule(input))).toEqual([]);
  });

  it("catches a participant booked twice in one slot", () => {
    const result = buildSchedule(input);
    // Move buyer 1's second meeting into the slot of its first one, at a table of its own.
    const [first, second] = result.meetings.filter((m) => m.buyerId === B(1));
    const planted = {
      ...result,
      meetings: result.meetings.map((m) => (m === second ? { ...m, slotId: first!.slotId, table: 3 } : m)),
    };
    expect(checkSchedule({ ...input, tables: 3 }, planted)).toContain(
      `participant 1 is double-booked in slot ${first!.slotId}`,
    );
  });

  it("catches two meetings at one table in one slot", () => {
    const result = buildSchedule(input);
    const inSlot1 = result.meetings.filter((m) => m.slotId === 1);
    expect(inSlot1).toHaveLength(2);
    const planted = {
      ...result,
      meetings: result.meetings.map((m) => (m === inSlot1[1] ? { ...m, table: inSlot1[0]!.table } : m)),
    };
    expect(checkSchedule(input, planted)).toContain(`table ${inSlot1[0]!.table} is double-booked in slot 1`);
  });

  it("catches a moved fixed meeting, a wrong count and a requested pair dropped silently", () => {
    const withFixed = { ...input, fixed: [{ buyerId: B(1), cooperativeId: C(1), slotId: 1, table: 1 }] };
    const result = buildSchedule(withFixed);
    const moved = {
      ...result,
      placed: result.placed + 1,
      meetings: result.meetings
        .map((m) => (m.fixed ? { ...m, table: 2 } : m))
        .filter((m) => m.cooperativeId !== C(2)),
    };
    const problems = checkSchedule(withFixed, moved);
    expect(problems).toContain("fixed meeting 1–101@1#1 was moved or is missing");
    expect(problems.some((p) => p.startsWith("placed is"))).toBe(true);
    expect(problems.some((p) => p.includes("neither meets nor is listed as unplaced"))).toBe(true);
  });

  it("catches a pair left out with a reason that does not hold", () => {
    const result = buildSchedule(input);
    // Drop one meeting and call it unplaced for want of a table, though its slot now has a free one.
    const [dropped, ...kept] = result.meetings;
    const planted: ScheduleResult = {
      ...result,
      meetings: kept,
      placed: result.placed - 1,
      unplaced: [{ ...pair(dropped!.buyerId, dropped!.cooperativeId - 100, 1), reason: "no_table" }],
      lowerBound: 2,
    };
    expect(checkSchedule(input, planted)).toEqual([
      `unplaced pair ${dropped!.buyerId}–${dropped!.cooperativeId} (no_table): it fits in slot ${dropped!.slotId}, where a table is free`,
    ]);
  });
});

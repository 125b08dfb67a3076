import munkres from "munkres";

/**
 * The meeting schedule of a matchmaking conference: buyers meet cooperatives at numbered tables in fixed time
 * slots. Pure and deterministic: the same input in any order gives the same schedule (participants and pairs are
 * put in id order first), so staff can rebuild it and only what changed moves.
 *
 * How it fills the schedule, and why:
 *
 * 1. Requested pairs go slot by slot, earliest first, so the schedule stays compact and later slots stay free for
 *    late additions: first the tier 0 pairs alone (accepted requests), then tier 1 around them. Placing tier 0
 *    alone first keeps tier 1 meetings from taking, in an earlier slot, the participant or the cap a tier 0
 *    pair needed later (one pass over both tiers, tier 0 ranked first, lost up to 4 of 630 accepted requests on
 *    the benchmark). It costs little compactness: on 1,000 random graphs with ample slots and tables, 3 took
 *    Δ + 1 slots instead of Δ (with one tier, all 1,000 took Δ). Each slot is one maximum-weight bipartite
 *    matching (munkres) over the pairs whose two sides are free then, with at most as many edges as the slot has
 *    free tables. The weight ranks, strictly and in this order:
 *      a. "cover": each side that is critical (its remaining demand fills every slot it has left, or is the
 *         largest demand of anyone: matching every maximum-degree vertex each round is how Kőnig's theorem
 *         colours a bipartite graph in Δ colours, i.e. finishes in Δ slots), and the pair's last chance (no
 *         common free slot later);
 *      b. the number of meetings in the slot;
 *      c. the pair's weight, then a little pressure (demand / slots left) for each side.
 *    Every edge weighs more than nothing, so a slot's matching leaves no pair out whose two sides are free in it
 *    while a table is: nothing frees up later, so an unplaced pair has a real reason at the end: a side is at
 *    its cap, no slot is free for both, or every slot free for both has all its tables taken.
 * 2. Recommendations (tier 2) fill the remaining gaps the same way, slot by slot, but only for pairs where a side
 *    still has fewer than `fewMeetings` meetings: they are for people the requests left with an empty day.
 * 3. Tables are numbered last: a cooperative keeps its table from one meeting to the next when it is free, since
 *    it brings samples to display and buyers move between tables more easily than sample boxes do.
 *
 * Why munkres on a dense matrix is fast enough: the matrix is restricted to the participants with a candidate in
 * the slot. With 250 buyers × 350 cooperatives and 40 tables it is up to 560 × 600 with the cardinality rows
 * (see heaviestMatching), and munkres solves such sparse-weighted matrices far faster than its O(n³) bound:
 * 0.25–0.4 s in all, 48 matchings, for the 600-participant benchmark on the 2-core machine
 * (tests/bench/matching-schedule.ts). Splitting a slot into connected components would not help: the table
 * limit ties them all together.
 */

export interface SchedulerSlot {
  id: number;
  /** Epoch ms; breaks are simply gaps with no slot. */
  startsAt: number;
  endsAt: number;
}

export interface SchedulerParticipant {
  id: number;
  side: "buyer" | "cooperative";
  /** At most this many meetings, fixed ones included. */
  maxMeetings: number;
  unavailableSlotIds: readonly number[];
}

/**
 * A pair that should meet. tier 0 = accepted direct meeting request, 1 = mutual preference (both sides would or
 * must meet), 2 = recommendation (from the match scores).
 */
export interface SchedulerPair {
  buyerId: number;
  cooperativeId: number;
  tier: 0 | 1 | 2;
  /** 0..100, higher is better within the tier. */
  weight: number;
}

/**
 * A meeting already published (or pinned by staff): it stays exactly where it is and counts against caps,
 * participants' slots and tables. Pins may overrule a participant's unavailability or cap; they may not clash.
 */
export interface FixedMeeting {
  buyerId: number;
  cooperativeId: number;
  slotId: number;
  table: number;
}

export interface ScheduleInput {
  /** Must not overlap. */
  slots: readonly SchedulerSlot[];
  /** Tables are numbered 1..tables. */
  tables: number;
  participants: readonly SchedulerParticipant[];
  /**
   * Vetoed pairs are already removed by the caller. A pair given twice counts once, at its best tier; a pair that
   * duplicates a fixed meeting's is already placed.
   */
  pairs: readonly SchedulerPair[];
  fixed: readonly FixedMeeting[];
  /** Recommendations (tier 2) are only placed when a side has fewer meetings than this (default 3). */
  fewMeetings?: number;
}

export interface ScheduledMeeting {
  buyerId: number;
  cooperativeId: number;
  slotId: number;
  table: number;
  /** null for fixed meetings. */
  tier: 0 | 1 | 2 | null;
  fixed: boolean;
}

export type UnplacedReason = "participant_cap" | "no_common_slot" | "no_table";

export interface ScheduleResult {
  /** Fixed ones included, sorted by slot start then table. */
  meetings: ScheduledMeeting[];
  /** Tier 0/1 pairs that could not be placed, most important first (recommendations left out are not listed). */
  unplaced: Array<SchedulerPair & { reason: UnplacedReason }>;
  /** Tier 0+1 pairs asked for, not counting the ones already fixed. */
  requested: number;
  /** Of those, placed. */
  placed: number;
  /**
   * Slots these meetings need at least: the most meetings any participant has (a bipartite graph's edges can be
   * coloured with Δ colours), and at least ceil(meetings / tables).
   */
  lowerBound: number;
  /** Distinct slots holding at least one meeting. */
  slotsUsed: number;
}

const DEFAULT_FEW_MEETINGS = 3;
/** A pair's weight in tenths, so that 72.4 still beats 72.3 in integer arithmetic. */
const WEIGHT_UNITS = 10;
/** Weight (≤ 1000) plus pressure (≤ 50 a side) or emptiness (≤ 100): the least significant part of a rank. */
const MINOR_MAX = 100 * WEIGHT_UNITS + 100;
/**
 * The strict ranking multiplies by the matching size; capping it keeps every cost an exact double (< 2^53) for
 * any slot munkres could solve in time, at the price of ranking almost, not strictly, past 2,000 meetings a slot.
 */
const STRICT_UP_TO = 2_000;

interface PairState {
  /** The pair as given (after merging duplicates), for the unplaced list. */
  readonly input: SchedulerPair;
  readonly buyer: number;
  readonly cooperative: number;
  readonly minor: number;
  /** Slot indexes free for both sides once fixed meetings and unavailability are taken out, in order. */
  readonly common: readonly number[];
  /** Slot index, or -1. */
  slot: number;
  reason: UnplacedReason | null;
}

/** The working state: participants and slots by index (id order, start order). */
interface Plan {
  readonly slots: readonly SchedulerSlot[];
  readonly participants: readonly SchedulerParticipant[];
  readonly tables: number;
  readonly fixed: readonly FixedMeeting[];
  readonly slotIndex: ReadonlyMap<number, number>;
  /** participant × slot: available and not yet in a meeting. */
  readonly open: Uint8Array;
  readonly meetings: Int32Array;
  readonly capLeft: Int32Array;
  readonly tablesLeft: Int32Array;
  readonly requested: readonly PairState[];
  readonly recommended: readonly PairState[];
}

/** One edge of a slot's matching, its rank in parts (see the file comment). */
interface Candidate {
  readonly pair: PairState;
  /** 0..3 */
  readonly cover: number;
  /** 0..MINOR_MAX */
  readonly minor: number;
}

export function buildSchedule(input: ScheduleInput): ScheduleResult {
  const plan = preparePlan(input);
  placeRequested(plan, 0);
  placeRequested(plan, 1);
  for (const pair of plan.requested) if (pair.slot < 0) pair.reason = reasonUnplaced(plan, pair);
  placeRecommended(plan, input.fewMeetings ?? DEFAULT_FEW_MEETINGS);
  return summarise(plan);
}

/** Indexes everything, applies the fixed meetings, and refuses input that cannot describe a real conference. */
function preparePlan(input: ScheduleInput): Plan {
  if (!Number.isInteger(input.tables) || input.tables < 0) {
    throw new RangeError(`tables must be a whole number ≥ 0, got ${input.tables}`);
  }
  const slots = [...input.slots].sort((a, b) => a.startsAt - b.startsAt || a.id - b.id);
  const slotIndex = new Map<number, number>();
  slots.forEach((slot, i) => {
    if (slotIndex.has(slot.id)) throw new RangeError(`slot ${slot.id} is given twice`);
    const previous = slots[i - 1];
    // Overlapping slots would let someone sit at two tables at once without sharing a slot.
    if (previous && slot.startsAt < previous.endsAt) {
      throw new RangeError(`slots ${previous.id} and ${slot.id} overlap`);
    }
    slotIndex.set(slot.id, i);
  });
  const participants = [...input.participants].sort((a, b) => a.id - b.id);
  const participantIndex = new Map<number, number>();
  participants.forEach((p, i) => {
    if (participantIndex.has(p.id)) throw new RangeError(`participant ${p.id} is given twice`);
    participantIndex.set(p.id, i);
  });

  const S = slots.length;
  const open = new Uint8Array(participants.length * S).fill(1);
  const meetings = new Int32Array(participants.length);
  const capLeft = new Int32Array(participants.length);
  participants.forEach((p, i) => {
    capLeft[i] = Math.max(0, Math.floor(p.maxMeetings));
    for (const slotId of p.unavailableSlotIds) {
      const s = slotIndex.get(slotId);
      // An unknown slot (deleted since the participant answered) cannot be scheduled anyway.
      if (s !== undefined) open[i * S + s] = 0;
    }
  });
  const tablesLeft = new Int32Array(S).fill(input.tables);

  const sideIndex = (id: number, side: SchedulerParticipant["side"], what: string) => {
    const i = participantIndex.get(id);
    if (i === undefined || participants[i]!.side !== side)
      throw new RangeError(`${what}: ${id} is not a ${side}`);
    return i;
  };
  const pairKey = (buyer: number, cooperative: number) => buyer * participants.length + cooperative;

  const fixedPairs = new Set<number>();
  const tableTaken = new Set<number>();
  const seatTaken = new Set<number>();
  for (const f of input.fixed) {
    const what = `fixed meeting ${f.buyerId}–${f.cooperativeId}`;
    const b = sideIndex(f.buyerId, "buyer", what);
    const c = sideIndex(f.cooperativeId, "cooperative", what);
    const s = slotIndex.get(f.slotId);
    if (s === undefined) throw new RangeError(`${what}: unknown slot ${f.slotId}`);
    if (!Number.isInteger(f.table) || f.table < 1 || f.table > input.tables) {
      throw new RangeError(`${what}: table ${f.table} is not between 1 and ${input.tables}`);
    }
    // Published meetings that clash cannot all stay where they are: the caller must resolve that first.
    if (fixedPairs.has(pairKey(b, c))) throw new RangeError(`${what} is fixed twice`);
    if (tableTaken.has(s * (input.tables + 1) + f.table)) {
      throw new RangeError(`${what}: table ${f.table} is already taken in slot ${f.slotId}`);
    }
    for (const p of [b, c]) {
      if (seatTaken.has(p * S + s)) {
        throw new RangeError(`${what}: ${participants[p]!.id} already meets in slot ${f.slotId}`);
      }
      seatTaken.add(p * S + s);
      open[p * S + s] = 0;
      meetings[p]! += 1;
      capLeft[p] = Math.max(0, capLeft[p]! - 1);
    }
    fixedPairs.add(pairKey(b, c));
    tableTaken.add(s * (input.tables + 1) + f.table);
    tablesLeft[s]! -= 1;
  }

  const merged = new Map<number, { b: number; c: number; pair: SchedulerPair }>();
  for (const pair of input.pairs) {
    const what = `pair ${pair.buyerId}–${pair.cooperativeId}`;
    const b = sideIndex(pair.buyerId, "buyer", what);
    const c = sideIndex(pair.cooperativeId, "cooperative", what);
    const key = pairKey(b, c);
    if (fixedPairs.has(key)) continue;
    const clean: SchedulerPair = { ...pair, weight: clampWeight(pair.weight) };
    const seen = merged.get(key);
    if (
      !seen ||
      clean.tier < seen.pair.tier ||
      (clean.tier === seen.pair.tier && clean.weight > seen.pair.weight)
    ) {
      merged.set(key, { b, c, pair: clean });
    }
  }
  const requested: PairState[] = [];
  const recommended: PairState[] = [];
  for (const key of [...merged.keys()].sort((x, y) => x - y)) {
    const { b, c, pair } = merged.get(key)!;
    const common: number[] = [];
    for (let s = 0; s < S; s++) if (open[b * S + s] && open[c * S + s]) common.push(s);
    const state: PairState = {
      input: pair,
      buyer: b,
      cooperative: c,
      minor: Math.round(pair.weight * WEIGHT_UNITS),
      common,
      slot: -1,
      reason: null,
    };
    (pair.tier === 2 ? recommended : requested).push(state);
  }
  return {
    slots,
    participants,
    tables: input.tables,
    fixed: input.fixed,
    slotIndex,
    open,
    meetings,
    capLeft,
    tablesLeft,
    requested,
    recommended,
  };
}

function clampWeight(weight: number): number {
  return Number.isFinite(weight) ? Math.min(100, Math.max(0, weight)) : 0;
}

function place(plan: Plan, pair: PairState, s: number): void {
  const S = plan.slots.length;
  pair.slot = s;
  for (const p of [pair.buyer, pair.cooperative]) {
    plan.open[p * S + s] = 0;
    plan.meetings[p]! += 1;
    plan.capLeft[p]! -= 1;
  }
  plan.tablesLeft[s]! -= 1;
}

function isOpen(plan: Plan, p: number, s: number): boolean {
  return plan.open[p * plan.slots.length + s] === 1;
}

/** Step 1 of the file comment: the pairs of one tier, slot by slot. */
function placeRequested(plan: Plan, tier: 0 | 1): void {
  const S = plan.slots.length;
  const P = plan.participants.length;
  // Slots are filled in order, so a later slot's openness cannot change while this runs: count it once.
  const openFrom = new Int32Array(P * (S + 1));
  for (let p = 0; p < P; p++) {
    for (let s = S - 1; s >= 0; s--)
      openFrom[p * (S + 1) + s] = openFrom[p * (S + 1) + s + 1]! + plan.open[p * S + s]!;
  }
  const demand = new Int32Array(P);
  for (let s = 0; s < S; s++) {
    if (plan.tablesLeft[s]! <= 0) continue;
    demand.fill(0);
    const live: PairState[] = [];
    for (const pair of plan.requested) {
      const { buyer: b, cooperative: c } = pair;
      if (pair.slot >= 0 || pair.input.tier !== tier || plan.capLeft[b]! <= 0 || plan.capLeft[c]! <= 0)
        continue;
      if ((pair.common[pair.common.length - 1] ?? -1) < s) continue; // no chance left
      live.push(pair);
      demand[b]! += 1;
      demand[c]! += 1;
    }
    let maxDemand = 0;
    for (let p = 0; p < P; p++) {
      demand[p] = Math.min(demand[p]!, plan.capLeft[p]!);
      maxDemand = Math.max(maxDemand, demand[p]!);
    }
    const critical = (p: number) => {
      const d = demand[p]!;
      return d > 0 && (d >= openFrom[p * (S + 1) + s]! || d >= maxDemand) ? 1 : 0;
    };
    const pressure = (p: number) =>
      Math.min(50, Math.round((50 * demand[p]!) / Math.max(1, openFrom[p * (S + 1) + s]!)));
    const candidates: Candidate[] = [];
    for (const pair of live) {
      const { buyer: b, cooperative: c } = pair;
      if (!isOpen(plan, b, s) || !isOpen(plan, c, s)) continue;
      const lastChance = pair.common[pair.common.length - 1] === s ? 1 : 0;
      candidates.push({
        pair,
        cover: critical(b) + critical(c) + lastChance,
        minor: pair.minor + pressure(b) + pressure(c),
      });
    }
    for (const pair of heaviestMatching(candidates, plan.tablesLeft[s]!)) place(plan, pair, s);
  }
}

function reasonUnplaced(plan: Plan, pair: PairState): UnplacedReason {
  if (plan.capLeft[pair.buyer]! <= 0 || plan.capLeft[pair.cooperative]! <= 0) return "participant_cap";
  const bothFree = pair.common.some((s) => isOpen(plan, pair.buyer, s) && isOpen(plan, pair.cooperative, s));
  // Every slot free for both has no table left (see step 1 of the file comment).
  return bothFree ? "no_table" : "no_common_slot";
}

/** Step 2: recommendations, for participants the requests left with few meetings. */
function placeRecommended(plan: Plan, fewMeetings: number): void {
  const few = (p: number) => (plan.meetings[p]! < fewMeetings ? 1 : 0);
  for (let s = 0; s < plan.slots.length; s++) {
    if (plan.tablesLeft[s]! <= 0) continue;
    const candidates: Candidate[] = [];
    for (const pair of plan.recommended) {
      const { buyer: b, cooperative: c } = pair;
      if (pair.slot >= 0 || plan.capLeft[b]! <= 0 || plan.capLeft[c]! <= 0) continue;
      if (!isOpen(plan, b, s) || !isOpen(plan, c, s)) continue;
      const lonely = few(b) + few(c);
      if (lonely === 0) continue;
      const fewest = Math.min(plan.meetings[b]!, plan.meetings[c]!);
      // The emptier a side's day, the more a recommendation is worth to it.
      const emptiness = Math.round((100 * Math.max(0, fewMeetings - fewest)) / Math.max(1, fewMeetings));
      candidates.push({ pair, cover: lonely, minor: pair.minor + Math.min(100, emptiness) });
    }
    for (const pair of heaviestMatching(candidates, plan.tablesLeft[s]!)) place(plan, pair, s);
  }
}

/**
 * The heaviest matching with at most `limit` edges, exactly, by munkres (which minimises cost, so the weights are
 * inverted). Rows are buyers, columns cooperatives then one "no meeting" column per buyer. The table limit is
 * exact too: `coops − limit` extra rows must each take a cooperative column (at cost 0), so buyers can reach at
 * most `limit` cooperatives; a "no meeting" column costs those rows more than any edge is worth, so they never
 * leave a cooperative to buyers. A buyer sent to a cooperative it has no pair with simply does not meet.
 */
function heaviestMatching(candidates: readonly Candidate[], limit: number): PairState[] {
  if (limit <= 0 || candidates.length === 0) return [];
  const rowOf = new Map<number, number>();
  const colOf = new Map<number, number>();
  for (const { pair } of candidates) {
    if (!rowOf.has(pair.buyer)) rowOf.set(pair.buyer, rowOf.size);
    if (!colOf.has(pair.cooperative)) colOf.set(pair.cooperative, colOf.size);
  }
  const buyers = rowOf.size;
  const coops = colOf.size;
  // Strict ranks: each level outweighs everything below it summed over the largest possible matching.
  const m = Math.min(buyers, coops, limit, STRICT_UP_TO);
  const unitCount = MINOR_MAX * m + 1;
  const unitCover = m * (unitCount + MINOR_MAX) + 1;
  const big = 3 * unitCover + unitCount + MINOR_MAX + 1;

  const limiters = Math.min(buyers, coops) > limit ? coops - limit : 0;
  const matrix: Float64Array[] = [];
  for (let r = 0; r < buyers; r++) matrix.push(new Float64Array(coops + buyers).fill(big));
  for (let r = 0; r < limiters; r++) matrix.push(new Float64Array(coops + buyers).fill(big, coops));
  const edge = new Map<number, PairState>();
  for (const { pair, cover, minor } of candidates) {
    const r = rowOf.get(pair.buyer)!;
    const c = colOf.get(pair.cooperative)!;
    matrix[r]![c] = big - (cover * unitCover + unitCount + minor);
    edge.set(r * coops + c, pair);
  }
  const chosen: PairState[] = [];
  for (const [r, c] of munkres(matrix)) {
    const pair = r < buyers && c < coops ? edge.get(r * coops + c) : undefined;
    if (pair) chosen.push(pair);
  }
  return chosen;
}

/** Step 3 and the figures: tables, sorting, counts. */
function summarise(plan: Plan): ScheduleResult {
  const S = plan.slots.length;
  const bySlot: Array<Array<Omit<ScheduledMeeting, "table"> & { table: number | null }>> = plan.slots.map(
    () => [],
  );
  for (const f of plan.fixed) {
    bySlot[plan.slotIndex.get(f.slotId)!]!.push({
      ...pick(f),
      slotId: f.slotId,
      table: f.table,
      tier: null,
      fixed: true,
    });
  }
  for (const pair of [...plan.requested, ...plan.recommended]) {
    if (pair.slot < 0) continue;
    const slotId = plan.slots[pair.slot]!.id;
    bySlot[pair.slot]!.push({
      ...pick(pair.input),
      slotId,
      table: null,
      tier: pair.input.tier,
      fixed: false,
    });
  }

  const meetings: ScheduledMeeting[] = [];
  const lastTable = new Map<number, number>();
  for (let s = 0; s < S; s++) {
    const list = bySlot[s]!.sort((a, b) => a.cooperativeId - b.cooperativeId || a.buyerId - b.buyerId);
    const taken = new Set(list.map((m) => m.table).filter((t): t is number => t !== null));
    for (const m of list) {
      const previous = lastTable.get(m.cooperativeId);
      if (m.table === null && previous !== undefined && !taken.has(previous)) {
        m.table = previous;
        taken.add(previous);
      }
    }
    let next = 1;
    for (const m of list) {
      if (m.table === null) {
        while (taken.has(next)) next += 1;
        m.table = next;
        taken.add(next);
      }
      lastTable.set(m.cooperativeId, m.table);
      meetings.push({ ...m, table: m.table });
    }
  }
  meetings.sort((a, b) => plan.slotIndex.get(a.slotId)! - plan.slotIndex.get(b.slotId)! || a.table - b.table);

  const perParticipant = new Map<number, number>();
  for (const m of meetings) {
    for (const id of [m.buyerId, m.cooperativeId]) perParticipant.set(id, (perParticipant.get(id) ?? 0) + 1);
  }
  const busiest = Math.max(0, ...perParticipant.values());
  const byTables = plan.tables > 0 ? Math.ceil(meetings.length / plan.tables) : 0;
  return {
    meetings,
    unplaced: plan.requested
      .filter((pair) => pair.slot < 0)
      .sort(byImportance)
      .map((pair) => ({ ...pair.input, reason: pair.reason ?? "no_table" })),
    requested: plan.requested.length,
    placed: plan.requested.filter((pair) => pair.slot >= 0).length,
    lowerBound: Math.max(busiest, byTables),
    slotsUsed: new Set(meetings.map((m) => m.slotId)).size,
  };
}

function pick(pair: { buyerId: number; cooperativeId: number }) {
  return { buyerId: pair.buyerId, cooperativeId: pair.cooperativeId };
}

function byImportance(a: PairState, b: PairState): number {
  return (
    a.input.tier - b.input.tier ||
    b.input.weight - a.input.weight ||
    a.input.buyerId - b.input.buyerId ||
    a.input.cooperativeId - b.input.cooperativeId
  );
}

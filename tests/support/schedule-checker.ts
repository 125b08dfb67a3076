import type { ScheduleInput, ScheduleResult, SchedulerPair } from "../../server/matching/scheduler";

/**
 * Every rule a conference schedule must keep, checked from scratch: it shares nothing with the scheduler but its
 * types, so a bug there cannot hide itself here. Returns one plain-English line per violation; [] is a valid
 * schedule.
 */
export function checkSchedule(input: ScheduleInput, result: ScheduleResult): string[] {
  const problems: string[] = [];
  const few = input.fewMeetings ?? 3;
  const slotById = new Map(input.slots.map((slot) => [slot.id, slot]));
  const participantById = new Map(input.participants.map((p) => [p.id, p]));
  const key = (buyerId: number, cooperativeId: number) => `${buyerId}–${cooperativeId}`;
  const fixedKey = (m: { buyerId: number; cooperativeId: number; slotId: number; table: number }) =>
    `${m.buyerId}–${m.cooperativeId}@${m.slotId}#${m.table}`;

  // The best tier asked for each pair (a pair may be listed twice).
  const asked = new Map<string, SchedulerPair>();
  for (const pair of input.pairs) {
    const k = key(pair.buyerId, pair.cooperativeId);
    const seen = asked.get(k);
    if (!seen || pair.tier < seen.tier) asked.set(k, pair);
  }
  const fixedPairs = new Set(input.fixed.map((f) => key(f.buyerId, f.cooperativeId)));

  const seat = new Set<string>();
  const tableInSlot = new Set<string>();
  const pairMet = new Set<string>();
  const meetingsOf = new Map<number, number>();
  const notRecommended = new Map<number, number>();
  const hasChosenMeeting = new Set<number>();
  const resultFixed = new Set<string>();

  for (const m of result.meetings) {
    const label = `meeting ${key(m.buyerId, m.cooperativeId)} in slot ${m.slotId} at table ${m.table}`;
    if (!slotById.has(m.slotId)) problems.push(`${label}: slot ${m.slotId} does not exist`);
    if (!Number.isInteger(m.table) || m.table < 1 || m.table > input.tables) {
      problems.push(`${label}: table ${m.table} is outside 1..${input.tables}`);
    }
    const buyer = participantById.get(m.buyerId);
    const cooperative = participantById.get(m.cooperativeId);
    if (buyer?.side !== "buyer") problems.push(`${label}: ${m.buyerId} is not a buyer`);
    if (cooperative?.side !== "cooperative")
      problems.push(`${label}: ${m.cooperativeId} is not a cooperative`);

    for (const id of [m.buyerId, m.cooperativeId]) {
      const s = `${id}@${m.slotId}`;
      if (seat.has(s)) problems.push(`participant ${id} is double-booked in slot ${m.slotId}`);
      seat.add(s);
      meetingsOf.set(id, (meetingsOf.get(id) ?? 0) + 1);
      if (m.tier !== 2) notRecommended.set(id, (notRecommended.get(id) ?? 0) + 1);
      if (!m.fixed) hasChosenMeeting.add(id);
    }
    const t = `${m.slotId}#${m.table}`;
    if (tableInSlot.has(t)) problems.push(`table ${m.table} is double-booked in slot ${m.slotId}`);
    tableInSlot.add(t);

    const k = key(m.buyerId, m.cooperativeId);
    if (pairMet.has(k)) problems.push(`pair ${k} meets more than once`);
    pairMet.add(k);

    if (m.fixed) {
      if (m.tier !== null) problems.push(`${label}: a fixed meeting has tier ${m.tier}, not null`);
      resultFixed.add(fixedKey(m));
      if (!input.fixed.some((f) => fixedKey(f) === fixedKey(m))) {
        problems.push(`${label} is marked fixed but no such fixed meeting was given`);
      }
      continue;
    }
    const pair = asked.get(k);
    if (!pair) problems.push(`${label}: pair ${k} was not asked for`);
    else if (pair.tier !== m.tier)
      problems.push(`${label}: tier ${m.tier}, but the pair was asked at ${pair.tier}`);
    if (fixedPairs.has(k)) problems.push(`${label}: pair ${k} already had a fixed meeting`);
    for (const p of [buyer, cooperative]) {
      if (p?.unavailableSlotIds.includes(m.slotId)) {
        problems.push(`${label}: ${p.id} is unavailable in slot ${m.slotId}`);
      }
    }
  }

  for (const f of input.fixed) {
    if (!resultFixed.has(fixedKey(f))) {
      problems.push(`fixed meeting ${fixedKey(f)} was moved or is missing`);
    }
  }
  for (const [id, count] of meetingsOf) {
    const p = participantById.get(id);
    if (p && count > p.maxMeetings && hasChosenMeeting.has(id)) {
      problems.push(`participant ${id} has ${count} meetings, more than the cap of ${p.maxMeetings}`);
    }
  }
  // A recommendation is placed only while a side has fewer than `few` meetings; meetings that were not
  // recommendations were all there before it, so that side has fewer than `few` of those.
  for (const m of result.meetings) {
    if (m.tier !== 2) continue;
    const fewest = Math.min(notRecommended.get(m.buyerId) ?? 0, notRecommended.get(m.cooperativeId) ?? 0);
    if (fewest >= few) {
      problems.push(
        `recommendation ${key(m.buyerId, m.cooperativeId)} placed though both sides had ${few}+ meetings`,
      );
    }
  }

  const ordered = result.meetings.every((m, i) => {
    const previous = result.meetings[i - 1];
    if (!previous) return true;
    const a = slotById.get(previous.slotId)?.startsAt ?? 0;
    const b = slotById.get(m.slotId)?.startsAt ?? 0;
    return a < b || (a === b && previous.table <= m.table);
  });
  if (!ordered) problems.push("meetings are not sorted by slot start then table");

  problems.push(...checkCounts(input, result, asked, fixedPairs, pairMet, meetingsOf));
  return problems;
}

function checkCounts(
  input: ScheduleInput,
  result: ScheduleResult,
  asked: ReadonlyMap<string, SchedulerPair>,
  fixedPairs: ReadonlySet<string>,
  pairMet: ReadonlySet<string>,
  meetingsOf: ReadonlyMap<number, number>,
): string[] {
  const problems: string[] = [];
  const requested = [...asked].filter(([k, pair]) => pair.tier < 2 && !fixedPairs.has(k));
  const placed = requested.filter(([k]) => pairMet.has(k)).length;
  if (result.requested !== requested.length) {
    problems.push(`requested is ${result.requested}, but ${requested.length} tier 0/1 pairs were asked for`);
  }
  if (result.placed !== placed)
    problems.push(`placed is ${result.placed}, but ${placed} requested pairs meet`);
  const slotsUsed = new Set(result.meetings.map((m) => m.slotId)).size;
  if (result.slotsUsed !== slotsUsed)
    problems.push(`slotsUsed is ${result.slotsUsed}, but ${slotsUsed} slots hold meetings`);
  const busiest = Math.max(0, ...meetingsOf.values());
  const lowerBound = Math.max(
    busiest,
    input.tables > 0 ? Math.ceil(result.meetings.length / input.tables) : 0,
  );
  if (result.lowerBound !== lowerBound)
    problems.push(`lowerBound is ${result.lowerBound}, but it should be ${lowerBound}`);

  // Every requested pair that does not meet is listed once, with a reason that holds in the final schedule.
  const listed = new Set<string>();
  const busy = new Set(result.meetings.map((m) => `${m.buyerId}@${m.slotId}`));
  for (const m of result.meetings) busy.add(`${m.cooperativeId}@${m.slotId}`);
  const tablesTaken = new Map<number, number>();
  for (const m of result.meetings) tablesTaken.set(m.slotId, (tablesTaken.get(m.slotId) ?? 0) + 1);
  const participantById = new Map(input.participants.map((p) => [p.id, p]));
  for (const u of result.unplaced) {
    const k = `${u.buyerId}–${u.cooperativeId}`;
    const label = `unplaced pair ${k} (${u.reason})`;
    if (listed.has(k)) problems.push(`${label} is listed twice`);
    listed.add(k);
    if (!requested.some(([r]) => r === k)) problems.push(`${label} was not a requested pair`);
    if (pairMet.has(k)) problems.push(`${label} does meet`);
    const buyer = participantById.get(u.buyerId);
    const cooperative = participantById.get(u.cooperativeId);
    if (!buyer || !cooperative) continue;
    const atCap = [buyer, cooperative].some((p) => (meetingsOf.get(p.id) ?? 0) >= p.maxMeetings);
    const freeForBoth = input.slots.filter((slot) =>
      [buyer, cooperative].every(
        (p) => !p.unavailableSlotIds.includes(slot.id) && !busy.has(`${p.id}@${slot.id}`),
      ),
    );
    const withTable = freeForBoth.find((slot) => (tablesTaken.get(slot.id) ?? 0) < input.tables);
    if (u.reason === "participant_cap" && !atCap) problems.push(`${label}: neither side is at its cap`);
    if (u.reason === "no_common_slot" && freeForBoth.length > 0) {
      problems.push(`${label}: slot ${freeForBoth[0]!.id} is free for both`);
    }
    if (u.reason === "no_table" && freeForBoth.length === 0)
      problems.push(`${label}: no slot is free for both`);
    if (!atCap && withTable)
      problems.push(`${label}: it fits in slot ${withTable.id}, where a table is free`);
  }
  for (const [k] of requested) {
    if (!pairMet.has(k) && !listed.has(k))
      problems.push(`requested pair ${k} neither meets nor is listed as unplaced`);
  }
  if (result.placed + result.unplaced.length !== result.requested) {
    problems.push(
      `placed (${result.placed}) + unplaced (${result.unplaced.length}) ≠ requested (${result.requested})`,
    );
  }
  return problems;
}

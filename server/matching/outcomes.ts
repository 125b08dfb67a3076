import type { Transaction } from "sequelize";
import type { Models } from "../db/models";
import { Conflict } from "../errors";
import type { ContactOutcome, MatchSide, OutcomeStage } from "../vocabulary/domain";

export interface OutcomeEntry {
  subjectType: "match" | "meeting";
  subjectId: number;
  side: MatchSide;
  stage: OutcomeStage;
  outcome: ContactOutcome;
  note?: string | null;
  recordedBy: number;
}

/**
 * One side's word on what came of a contact, for one stage of the ladder; said again, it replaces the earlier
 * answer (people correct themselves). One row per subject, side and stage, kept unique by the database. The later
 * question is asked three months on; answering it early is allowed, once the first is known.
 */
export async function recordContactOutcome(models: Models, transaction: Transaction, entry: OutcomeEntry) {
  const subject = { subjectType: entry.subjectType, subjectId: entry.subjectId, side: entry.side };
  if (entry.stage === "follow_up") {
    const first = await models.ContactOutcome.count({ where: { ...subject, stage: "first" }, transaction });
    if (!first) throw new Conflict("outcome_first_stage_missing");
  }
  const key = { ...subject, stage: entry.stage };
  const values = { outcome: entry.outcome, note: entry.note ?? null, recordedBy: entry.recordedBy };
  const existing = await models.ContactOutcome.findOne({
    where: key,
    transaction,
    lock: transaction.LOCK.UPDATE,
  });
  if (existing) await existing.update(values, { transaction });
  else await models.ContactOutcome.create({ ...key, ...values }, { transaction });
}

/** Each side's answers for the subjects given: `${subjectId}` → side → stage → outcome. */
export async function outcomesOf(
  models: Models,
  subjectType: "match" | "meeting",
  subjectIds: number[],
  transaction?: Transaction,
) {
  const rows = subjectIds.length
    ? await models.ContactOutcome.findAll({ where: { subjectType, subjectId: subjectIds }, transaction })
    : [];
  const bySubject = new Map<
    number,
    Array<{ side: MatchSide; stage: OutcomeStage; outcome: ContactOutcome; note: string | null }>
  >();
  for (const r of rows) {
    const list = bySubject.get(r.subjectId) ?? [];
    list.push({ side: r.side, stage: r.stage, outcome: r.outcome, note: r.note });
    bySubject.set(r.subjectId, list);
  }
  return bySubject;
}

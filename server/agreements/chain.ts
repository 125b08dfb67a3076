import canonicalize from "canonicalize";
import type { Transaction } from "sequelize";
import type { Models } from "../db/models";
import { checkChain, entryHash, GENESIS, type ChainCheck, type ChainEntry } from "./audit-chain";

/**
 * The database side of an agreement's hash-chained audit trail. Appending reads the chain's head and writes the
 * next link in the caller's transaction; the caller holds the agreement's row lock, and the unique
 * (agreement_id, seq) index refuses a second link with the same number should anything append without it.
 */
export async function appendAgreementEvent(
  models: Models,
  transaction: Transaction,
  agreement: { id: number; publicId: string },
  event: { action: string; actorId: number | null; at: Date; data?: Record<string, unknown> },
) {
  const head = await models.AgreementEvent.findOne({
    where: { agreementId: agreement.id },
    order: [["seq", "DESC"]],
    transaction,
  });
  const entry: ChainEntry = {
    seq: (head?.seq ?? 0) + 1,
    agreement: agreement.publicId,
    action: event.action,
    actorId: event.actorId,
    at: event.at.toISOString(),
    data: event.data ?? {},
    prev: head?.hash ?? GENESIS,
  };
  const hash = entryHash(entry);
  await models.AgreementEvent.create(
    {
      agreementId: agreement.id,
      seq: entry.seq,
      action: entry.action,
      actorId: entry.actorId,
      at: entry.at,
      data: canonicalize(entry.data) ?? "{}",
      prevHash: entry.prev,
      hash,
    },
    { transaction },
  );
  return hash;
}

/** The agreement's chain as stored, walked from the first link. */
export async function agreementChain(models: Models, agreement: { id: number; publicId: string }) {
  const rows = await models.AgreementEvent.findAll({
    where: { agreementId: agreement.id },
    order: [["seq", "ASC"]],
  });
  const entries = rows.map((r) => ({
    seq: r.seq,
    agreement: agreement.publicId,
    action: r.action,
    actorId: r.actorId,
    at: r.at,
    data: JSON.parse(r.data) as Record<string, unknown>,
    prev: r.prevHash,
    hash: r.hash,
  }));
  const check: ChainCheck = checkChain(entries);
  return { entries, check };
}

import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * An agreement's audit trail as a hash chain: each entry's hash is SHA-256 over the RFC 8785 canonical JSON of the
 * entry with the previous entry's hash in it (`prev`; the first entry's is 64 zeros). Changing, removing or
 * reordering any entry breaks the link after it, and the check names the first entry that does not hold.
 */
export const GENESIS = "0".repeat(64);

export interface ChainEntry {
  /** 1, 2, … within the agreement */
  seq: number;
  agreement: string;
  action: string;
  actorId: number | null;
  /** ISO 8601, UTC, milliseconds */
  at: string;
  data: Record<string, unknown>;
  prev: string;
}

export function entryHash(entry: ChainEntry): string {
  const text = canonicalize(entry);
  if (text === undefined) throw new Error("audit entry cannot be canonicalised");
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** What the check found: the chain holds, or the first entry that does not and why. */
export type ChainCheck =
  | { ok: true; entries: number; head: string }
  | {
      ok: false;
      /** The first entry that does not hold. */
      seq: number;
      /** content: the entry was changed (its hash is not its own); link: it does not follow the one before (an entry
       * was removed, inserted or reordered); gap: a sequence number is missing. */
      reason: "content" | "link" | "gap";
    };

export function checkChain(entries: ReadonlyArray<ChainEntry & { hash: string }>): ChainCheck {
  let prev = GENESIS;
  let expected = 1;
  for (const { hash, ...entry } of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (entry.seq !== expected) return { ok: false, seq: expected, reason: "gap" };
    if (entryHash(entry) !== hash) return { ok: false, seq: entry.seq, reason: "content" };
    if (entry.prev !== prev) return { ok: false, seq: entry.seq, reason: "link" };
    prev = hash;
    expected += 1;
  }
  return { ok: true, entries: expected - 1, head: prev };
}

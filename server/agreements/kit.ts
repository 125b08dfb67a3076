import { randomBytes } from "node:crypto";
import type { Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { Database } from "../db";
import type { AgreementParty, AgreementRecord } from "../db/models/agreements";
import { Forbidden, NotFound } from "../errors";
import type { EventPublisher } from "../events";
import type { ImageStorage } from "../images";
import type { SealKeyring } from "./seal-keys";

/** What the agreements use cases need: the database, the outbox, the platform's seal keys, a clock. */
export interface AgreementDeps {
  db: Database;
  events: EventPublisher;
  /** Where delivery proof photos go, through the image pipeline. */
  storage: ImageStorage;
  keyring: () => SealKeyring;
  /** Re-authentication before signing (accounts' confirmPassword: rate-limited). */
  confirmPassword: (user: CurrentUser, password: string) => Promise<void>;
  /** The public site origin, printed on the PDF and in its QR code. */
  origin: string;
  now?: () => Date;
}

/**
 * The side a user takes on an agreement, "staff" (within their union's province), or null when it is none of
 * theirs. A row without a province (a match's, a meeting's) is judged by its parties alone.
 */
export function sideOf(
  user: CurrentUser,
  agreement: { buyerId: number; cooperativeId: number; provinceCode?: string | null },
): AgreementParty | "staff" | null {
  // Staff of a province's union follow that province's cooperatives; national staff follow every one.
  if (user.role === "staff")
    return agreement.provinceCode === undefined || inUnion(user, agreement.provinceCode) ? "staff" : null;
  if (user.role === "buyer" && user.id === agreement.buyerId) return "buyer";
  if (user.cooperative?.status === "approved" && user.cooperative.id === agreement.cooperativeId)
    return "supplier";
  return null;
}

/** The union staff's own use cases (paper registration, the pipeline): anyone else is refused, saying why. */
export function assertStaff(user: CurrentUser) {
  if (user.role !== "staff") throw new Forbidden("staff_only");
}

/** Whether a province is within a staff member's union: their own province's, or every one at national level. */
export function inUnion(user: CurrentUser, provinceCode: string | null): boolean {
  return !user.unionProvinceCode || provinceCode === user.unionProvinceCode;
}

/**
 * Who may sign for a party: the buyer themself (a household, or the account of a business buyer's organisation),
 * and for a cooperative its owner, the member registered as its representative.
 */
export function mayRepresent(user: CurrentUser, party: AgreementParty): boolean {
  return party === "buyer" ? user.role === "buyer" : user.cooperative?.memberRole === "owner";
}

/** "TT-2026-7KQ3M9": the year and six characters no one confuses when read aloud (no 0/O, 1/I). */
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export function newPublicId(now: Date): string {
  const bytes = randomBytes(6);
  const code = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
  return `TT-${now.getUTCFullYear()}-${code}`;
}

export function agreementKit(deps: AgreementDeps) {
  const { db } = deps;
  const { models } = db;
  const now = deps.now ?? (() => new Date());

  /** The agreement if the user may see it (its parties and staff); 404 otherwise, so ids are not probed. */
  async function visibleAgreement(user: CurrentUser, publicId: string, transaction?: Transaction) {
    const agreement = await models.Agreement.findOne({
      where: { publicId },
      transaction,
      ...(transaction ? { lock: transaction.LOCK.UPDATE } : {}),
    });
    const side = agreement ? sideOf(user, agreement) : null;
    if (!agreement || !side) throw new NotFound("agreement_not_found");
    return { agreement, side };
  }

  return { ...deps, models, now, visibleAgreement };
}

export type AgreementKit = ReturnType<typeof agreementKit>;
export type { AgreementRecord };

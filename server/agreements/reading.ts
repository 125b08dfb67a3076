import { createHash, verify } from "node:crypto";
import type { Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import { NotFound } from "../errors";
import { agreementChain, appendAgreementEvent } from "./chain";
import { contentHash, diffContent, type AgreementContent, type FieldChange } from "./content";
import type { draftingUseCases } from "./drafting";
import type { trackingUseCases } from "./tracking";
import { sideOf, type AgreementKit } from "./kit";
import { termsOf } from "./schemas";
import { sealStatement } from "./signing";

/** What the integrity check found, per part: each is fine, broken, or absent (not sealed yet). */
export interface IntegrityReport {
  content: "intact" | "tampered";
  seal: "valid" | "invalid" | "unknown_key" | "none";
  pdf: "intact" | "tampered" | "none";
  /** A paper agreement's scan: its bytes against the SHA-256 kept beside them and attested in the chain. */
  scan: "intact" | "tampered" | "none";
  chain: { ok: true; entries: number } | { ok: false; seq: number; reason: string };
}

/** Reading agreements: lists, the detail page with versions and their differences, the PDF, the integrity check. */
export function readingUseCases(
  kit: AgreementKit,
  drafting: ReturnType<typeof draftingUseCases>,
  trackingOf: ReturnType<typeof trackingUseCases>["trackingOf"],
) {
  const { models } = kit;

  /**
   * Every check an agreement can fail, named: each stored version's content against its hash, the seal against
   * the sealed hash and the platform's keys, the PDF against its recorded SHA-256, and the audit chain.
   */
  async function integrityOf(agreementId: number): Promise<IntegrityReport> {
    const agreement = await models.Agreement.findByPk(agreementId);
    if (!agreement) throw new NotFound("agreement_not_found");
    const versions = await models.AgreementVersion.findAll({ where: { agreementId } });
    const contentOk = versions.every(
      (v) =>
        createHash("sha256").update(v.content, "utf8").digest("hex") === v.contentHash &&
        contentHash(JSON.parse(v.content) as AgreementContent) === v.contentHash,
    );
    const sealedVersion = versions.find((v) => v.contentHash === agreement.sealedHash);
    let seal: IntegrityReport["seal"] = "none";
    if (agreement.sealedAt && agreement.sealKid && agreement.sealSignature && agreement.sealedHash) {
      const key = kit.keyring().byId(agreement.sealKid);
      seal = !key
        ? "unknown_key"
        : sealedVersion &&
            verify(
              null,
              Buffer.from(sealStatement(agreement.sealedHash), "utf8"),
              key.publicKey,
              Buffer.from(agreement.sealSignature, "base64url"),
            )
          ? "valid"
          : "invalid";
    }
    const document = await models.AgreementDocument.findOne({ where: { agreementId, kind: "sealed_pdf" } });
    const pdf: IntegrityReport["pdf"] = !document
      ? "none"
      : createHash("sha256").update(document.bytes).digest("hex") === agreement.pdfSha256 &&
          document.sha256 === agreement.pdfSha256
        ? "intact"
        : "tampered";
    const { entries, check } = await agreementChain(models, agreement);
    const scanDocument = await models.AgreementDocument.findOne({
      where: { agreementId, kind: "paper_scan" },
    });
    const attested = entries.find((e) => e.action === "attested")?.data.scanSha256;
    const scan: IntegrityReport["scan"] = !scanDocument
      ? agreement.method === "paper"
        ? "tampered"
        : "none"
      : createHash("sha256").update(scanDocument.bytes).digest("hex") === scanDocument.sha256 &&
          scanDocument.sha256 === attested
        ? "intact"
        : "tampered";
    return {
      content: contentOk ? "intact" : "tampered",
      seal,
      pdf,
      scan,
      chain: check.ok
        ? { ok: true, entries: check.entries }
        : { ok: false, seq: check.seq, reason: check.reason },
    };
  }

  /**
   * "Viewed" in the audit trail: the first time each person opens each version (not every reload, which would
   * bury the trail), under the agreement's lock like every other entry.
   */
  async function noteViewed(user: CurrentUser, seen: { id: number; currentVersion: number }) {
    const viewedBefore = async (transaction?: Transaction) =>
      (
        await models.AgreementEvent.findAll({
          where: { agreementId: seen.id, action: "viewed", actorId: user.id },
          attributes: ["data"],
          transaction,
        })
      ).some((e) => (JSON.parse(e.data) as { version?: number }).version === seen.currentVersion);
    if (await viewedBefore()) return;
    await kit.db.transaction(async (transaction) => {
      const agreement = await models.Agreement.findByPk(seen.id, {
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      if (!agreement || (await viewedBefore(transaction))) return;
      await appendAgreementEvent(models, transaction, agreement, {
        action: "viewed",
        actorId: user.id,
        at: kit.now(),
        data: { version: agreement.currentVersion },
      });
    });
  }

  return {
    agreementIntegrity: integrityOf,

    /** The detail page: the current terms, every version with what changed from the one before, signatures, comments. */
    async getAgreement(user: CurrentUser, { publicId }: { publicId: string }) {
      const { agreement, side } = await kit.visibleAgreement(user, publicId);
      await noteViewed(user, agreement);
      const [versionRows, signatures, comments, attested] = await Promise.all([
        models.AgreementVersion.findAll({
          where: { agreementId: agreement.id },
          order: [["version", "ASC"]],
        }),
        models.AgreementSignature.findAll({
          where: { agreementId: agreement.id },
          order: [["signedAt", "ASC"]],
        }),
        models.AgreementComment.findAll({ where: { agreementId: agreement.id }, order: [["id", "ASC"]] }),
        agreement.method === "paper"
          ? models.AgreementEvent.findOne({ where: { agreementId: agreement.id, action: "attested" } })
          : null,
      ]);
      const attestation = attested ? (JSON.parse(attested.data) as { by: string; scanSha256: string }) : null;
      const contents = versionRows.map((v) => JSON.parse(v.content) as AgreementContent);
      const versions = versionRows.map((v, i) => ({
        version: v.version,
        contentHash: v.contentHash,
        side: v.side,
        note: v.note,
        createdAt: v.createdAt.toISOString(),
        changes: i === 0 ? ([] as FieldChange[]) : diffContent(contents[i - 1]!, contents[i]!),
      }));
      const current = contents.at(-1)!;
      return {
        publicId: agreement.publicId,
        status: agreement.status,
        method: agreement.method,
        side,
        currentVersion: agreement.currentVersion,
        content: current,
        terms: termsOf(current),
        versions,
        signatures: signatures.map((s) => ({
          version: s.version,
          party: s.party,
          signerName: s.signerName,
          organisation: s.organisation,
          title: s.title,
          method: s.method,
          contentHash: s.contentHash,
          signedAt: s.signedAt.toISOString(),
          voided: s.voidedAt !== null,
        })),
        comments: comments.map((c) => ({
          version: c.version,
          side: c.side,
          body: c.body,
          createdAt: c.createdAt.toISOString(),
        })),
        actions: drafting.agreementLifecycle.available(agreement, side),
        statusReason: agreement.statusReason,
        tracking: await trackingOf(agreement),
        sealed: agreement.sealedAt
          ? {
              at: agreement.sealedAt!.toISOString(),
              kid: agreement.sealKid!,
              contentHash: agreement.sealedHash!,
              pdfSha256: agreement.pdfSha256,
              token: agreement.sealToken!,
            }
          : null,
        cancelReason: agreement.cancelReason,
        paper:
          attested && attestation
            ? { attestedBy: attestation.by, attestedAt: attested.at, scanSha256: attestation.scanSha256 }
            : null,
      };
    },

    /** A party's own agreements, or every one for staff, newest first. */
    async listAgreements(user: CurrentUser) {
      const where =
        user.role === "staff"
          ? user.unionProvinceCode
            ? { provinceCode: user.unionProvinceCode }
            : {}
          : user.role === "buyer"
            ? { buyerId: user.id }
            : user.cooperative?.status === "approved"
              ? { cooperativeId: user.cooperative.id }
              : { id: -1 };
      const rows = await models.Agreement.findAll({ where, order: [["updatedAt", "DESC"]], limit: 500 });
      return rows
        .filter((a) => sideOf(user, a) !== null)
        .map((a) => ({
          publicId: a.publicId,
          type: a.type,
          status: a.status,
          method: a.method,
          totalVnd: a.totalVnd,
          currentVersion: a.currentVersion,
          sealedAt: a.sealedAt?.toISOString() ?? null,
          updatedAt: a.updatedAt.toISOString(),
        }));
    },

    /** The agreements drafted from these matches or meetings that the user may see: for their pages' links. */
    async linkedAgreements(user: CurrentUser, from: { matchIds?: number[]; meetingIds?: number[] }) {
      const where = from.matchIds ? { matchId: from.matchIds } : { meetingId: from.meetingIds ?? [] };
      if ((from.matchIds ?? from.meetingIds ?? []).length === 0) return [];
      const rows = await models.Agreement.findAll({ where, order: [["id", "ASC"]] });
      return rows
        .filter((a) => sideOf(user, a) !== null)
        .map((a) => ({ publicId: a.publicId, status: a.status, matchId: a.matchId, meetingId: a.meetingId }));
    },

    /** The sealed PDF for a party or staff; each download is an entry in the audit chain. */
    async sealedPdf(user: CurrentUser, { publicId }: { publicId: string }) {
      return kit.db.transaction(async (transaction) => {
        const { agreement } = await kit.visibleAgreement(user, publicId, transaction);
        const document = await models.AgreementDocument.findOne({
          where: { agreementId: agreement.id, kind: "sealed_pdf" },
          transaction,
        });
        if (!document) throw new NotFound("agreement_not_sealed");
        await appendAgreementEvent(models, transaction, agreement, {
          action: "downloaded",
          actorId: user.id,
          at: kit.now(),
          data: { pdfSha256: document.sha256 },
        });
        return { filename: `${agreement.publicId}.pdf`, bytes: document.bytes };
      });
    },
  };
}

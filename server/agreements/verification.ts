import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { AgreementRecord } from "../db/models/agreements";
import { appendAgreementEvent } from "./chain";
import type { AgreementKit } from "./kit";
import { inspectPdfSignature } from "./pdf-seal";
import type { IntegrityReport } from "./reading";
import { tokenFromPdf, tokenFromQrText, verifySealToken, type SealClaims } from "./seal-token";

const REPEAT_WINDOW_MS = 10 * 60_000;

/** What was wrong, part by part, when the answer is "tampered". */
export type TamperedPart =
  "token" | "content" | "seal" | "pdf" | "pdf_signature" | "scan" | "chain" | "claims";

/** The public answer: never the terms, only what a token or a printed page already shows. */
export type VerificationResult =
  | {
      verdict: "valid";
      agreement: {
        publicId: string;
        type: string;
        method: string;
        status: string;
        sealedAt: string;
        buyer: string;
        supplier: string;
        contentHash: string;
      };
    }
  | { verdict: "tampered"; parts: TamperedPart[]; publicId: string | null }
  | { verdict: "unknown"; reason: "no_such_agreement" | "not_sealed" | "no_token" | "unknown_key" };

/**
 * The public verification behind /verify: a seal token (or the URL of the QR), an agreement's public id, or a PDF.
 * A token must verify with one of the platform's keys and agree with the stored seal; the agreement must pass every
 * integrity check; a PDF must be the one sealed, byte for byte, with an intact signature. Each check is logged in
 * the agreement's audit chain as "verified".
 */
export function verificationUseCases(
  kit: AgreementKit,
  integrityOf: (agreementId: number) => Promise<IntegrityReport>,
) {
  const { models } = kit;

  async function judge(agreement: AgreementRecord, extra: TamperedPart[]): Promise<VerificationResult> {
    if (!agreement.sealedAt) return { verdict: "unknown", reason: "not_sealed" };
    const report = await integrityOf(agreement.id);
    const parts: TamperedPart[] = [...extra];
    if (report.content !== "intact") parts.push("content");
    if (report.seal !== "valid") parts.push("seal");
    if (report.pdf === "tampered") parts.push("pdf");
    if (report.scan === "tampered") parts.push("scan");
    if (!report.chain.ok) parts.push("chain");
    await kit.db.transaction(async (transaction) => {
      const locked = await models.Agreement.findByPk(agreement.id, {
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      const data = { verdict: parts.length ? "tampered" : "valid", parts };
      // A page reloaded or a QR scanned again is one check: the same answer within ten minutes of the trail's last
      // entry is not written again, so anyone's repeated checks cannot bury the trail.
      const head = await models.AgreementEvent.findOne({
        where: { agreementId: agreement.id },
        order: [["seq", "DESC"]],
        transaction,
      });
      const now = kit.now();
      if (
        head?.action === "verified" &&
        head.data === canonicalize(data) &&
        now.getTime() - Date.parse(head.at) < REPEAT_WINDOW_MS
      )
        return;
      await appendAgreementEvent(models, transaction, locked!, {
        action: "verified",
        actorId: null,
        at: now,
        data,
      });
    });
    if (parts.length > 0) return { verdict: "tampered", parts, publicId: agreement.publicId };
    const version = await models.AgreementVersion.findOne({
      where: { agreementId: agreement.id, contentHash: agreement.sealedHash! },
    });
    const content = JSON.parse(version!.content) as { parties: Record<string, { legalName: string }> };
    return {
      verdict: "valid",
      agreement: {
        publicId: agreement.publicId,
        type: agreement.type,
        method: agreement.method,
        // Where it stands now: a seal proves what was signed, not that it is still being carried out.
        status: agreement.status,
        sealedAt: agreement.sealedAt.toISOString(),
        buyer: content.parties.buyer!.legalName,
        supplier: content.parties.supplier!.legalName,
        contentHash: agreement.sealedHash!,
      },
    };
  }

  /** The claims of a token against the agreement's stored seal. */
  function claimsDiffer(agreement: AgreementRecord, claims: SealClaims) {
    return (
      claims.contentHash !== agreement.sealedHash ||
      claims.totalVnd !== agreement.totalVnd ||
      Math.floor(claims.sealedAt.getTime() / 1000) !== Math.floor((agreement.sealedAt?.getTime() ?? 0) / 1000)
    );
  }

  async function byToken(text: string): Promise<VerificationResult> {
    const token = tokenFromQrText(text);
    if (!token) return { verdict: "tampered", parts: ["token"], publicId: null };
    const checked = verifySealToken(token, (kid) => kit.keyring().byId(kid)?.publicKey);
    if (!checked.ok)
      return checked.reason === "unknown_key"
        ? { verdict: "unknown", reason: "unknown_key" }
        : { verdict: "tampered", parts: ["token"], publicId: null };
    const agreement = await models.Agreement.findOne({ where: { publicId: checked.claims.publicId } });
    if (!agreement) return { verdict: "unknown", reason: "no_such_agreement" };
    return judge(agreement, claimsDiffer(agreement, checked.claims) ? ["claims"] : []);
  }

  return {
    async verifyAgreement(input: {
      token?: string;
      publicId?: string;
      pdf?: Buffer;
    }): Promise<VerificationResult> {
      if (input.pdf) {
        const token = await tokenFromPdf(input.pdf).catch(() => null);
        if (!token) return { verdict: "unknown", reason: "no_token" };
        const result = await byToken(token);
        if (result.verdict !== "valid") return result;
        const agreement = (await models.Agreement.findOne({
          where: { publicId: result.agreement.publicId },
        }))!;
        const parts: TamperedPart[] = [];
        if (createHash("sha256").update(input.pdf).digest("hex") !== agreement.pdfSha256) parts.push("pdf");
        const signature = inspectPdfSignature(input.pdf);
        if (!signature.signed || !signature.intact) parts.push("pdf_signature");
        return parts.length ? { verdict: "tampered", parts, publicId: agreement.publicId } : result;
      }
      if (input.token) return byToken(input.token);
      if (input.publicId) {
        const agreement = await models.Agreement.findOne({
          where: { publicId: input.publicId.trim().toUpperCase() },
        });
        return agreement ? judge(agreement, []) : { verdict: "unknown", reason: "no_such_agreement" };
      }
      return { verdict: "unknown", reason: "no_token" };
    },
  };
}

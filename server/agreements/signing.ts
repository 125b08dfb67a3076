import { createHash, sign } from "node:crypto";
import type { Transaction } from "sequelize";
import type { RequestMeta } from "../accounts/sessions";
import type { CurrentUser } from "../accounts/current-user";
import type { AgreementRecord, AgreementStatus } from "../db/models/agreements";
import { Conflict, Forbidden, Invalid } from "../errors";
import { parseOrInvalid } from "../validation";
import { appendAgreementEvent } from "./chain";
import type { AgreementSignatureLine } from "./agreement-pdf";
import type { AgreementContent } from "./content";
import type { draftingUseCases } from "./drafting";
import { mayRepresent, type AgreementKit } from "./kit";
import { missingToSign, signSchema } from "./schemas";
import { issueSealToken } from "./seal-token";
import type { PartySigner } from "./signers";

/**
 * What the Ed25519 seal signs: this statement of the content hash, UTF-8 — a signature that cannot be mistaken
 * for one over anything else the key signs (the QR tokens sign their own binary payload).
 */
export const sealStatement = (contentHash: string) => `htx-connect-seal:v1:${contentHash}`;

/** The sealed PDF, made by whoever the container gives (server/agreements/sealed-pdf.ts). */
export type SealedPdfMaker = (input: {
  content: AgreementContent;
  contentHash: string;
  signatures: AgreementSignatureLine[];
  seal: { kid: string; sealedAt: Date; signature: string };
  token: string;
  /** A paper agreement's: the staff member who registered the scan, when, and the scan's SHA-256. */
  attestation?: { staffName: string; at: Date; scanSha256: string };
}) => Promise<Uint8Array>;

/**
 * The platform's seal, once every party has signed `content`: the Ed25519 seal over its hash, the QR token, the
 * PDF (kept, with its SHA-256), the move to "sealed", its audit entry and the `agreement.sealed` event — all in the
 * caller's transaction, which holds the agreement's row lock.
 */
export function agreementSealer(
  kit: AgreementKit,
  drafting: ReturnType<typeof draftingUseCases>,
  makePdf: SealedPdfMaker,
) {
  const { models } = kit;
  return async function seal(
    transaction: Transaction,
    agreement: AgreementRecord,
    content: AgreementContent,
    contentHash: string,
    attestation?: { staffName: string; at: Date; scanSha256: string },
  ) {
    const sealedAt = kit.now();
    const { current } = kit.keyring();
    const signature = sign(
      null,
      Buffer.from(sealStatement(contentHash), "utf8"),
      current.privateKey,
    ).toString("base64url");
    const token = issueSealToken(
      {
        publicId: agreement.publicId,
        contentHash,
        buyerTaxCode: content.parties.buyer.taxCode,
        supplierTaxCode: content.parties.supplier.taxCode,
        totalVnd: content.totalVnd,
        sealedAt,
      },
      current,
    );
    const signatures = await models.AgreementSignature.findAll({
      where: { agreementId: agreement.id, version: content.version, voidedAt: null },
      order: [["signedAt", "ASC"]],
      transaction,
    });
    const pdf = Buffer.from(
      await makePdf({
        content,
        contentHash,
        signatures: signatures.map((s) => ({
          party: s.party,
          signerName: s.signerName,
          organisation: s.organisation,
          title: s.title,
          signedAt: s.signedAt,
          method: s.method,
          contentHash: s.contentHash,
        })),
        seal: { kid: current.kid, sealedAt, signature },
        token,
        attestation,
      }),
    );
    const pdfSha256 = createHash("sha256").update(pdf).digest("hex");
    await models.AgreementDocument.create(
      {
        agreementId: agreement.id,
        kind: "sealed_pdf",
        contentType: "application/pdf",
        sha256: pdfSha256,
        bytes: pdf,
      },
      { transaction },
    );
    await drafting.agreementLifecycle.move(transaction, {
      subject: agreement,
      action: "seal",
      actor: "system",
      actorId: null,
      changes: {
        sealedAt,
        sealKid: current.kid,
        sealSignature: signature,
        sealedHash: contentHash,
        sealToken: token,
        pdfSha256,
        nextDueOn: content.deliveries.map((d) => d.date).sort()[0] ?? null,
      },
    });
    await appendAgreementEvent(models, transaction, agreement, {
      action: "sealed",
      actorId: null,
      at: sealedAt,
      data: { version: content.version, contentHash, kid: current.kid, pdfSha256 },
    });
    await kit.events.publish(transaction, "agreement.sealed", { agreementId: agreement.id });
  };
}

/**
 * Signing by each party's representative, through a PartySigner (the password asked again), and the seal that the
 * last signature brings, in that signature's transaction: the agreement's row is locked first, so of two parties
 * signing at the same moment one seals and the other finds its signature already there.
 */
export function signingUseCases(
  kit: AgreementKit,
  drafting: ReturnType<typeof draftingUseCases>,
  seal: ReturnType<typeof agreementSealer>,
  signers: PartySigner[],
) {
  const { models, db } = kit;
  const machine = drafting.agreementLifecycle;

  return {
    /**
     * A party's representative signs the version they were shown (`version`): a version changed since is refused,
     * and so is a signature before both tax codes are filled — both before the signer asks anything, so a refused
     * signature costs no password try. The signer (rate-limited) runs outside the transaction; the signature keeps
     * who, for which organisation and title, when, from where, the hash and the signer's evidence.
     */
    async signAgreement(
      user: CurrentUser,
      {
        publicId,
        form,
        meta,
      }: { publicId: string; form: Record<string, unknown>; meta: Pick<RequestMeta, "ip" | "userAgent"> },
    ) {
      // Not a party: the same 404 as for an agreement that does not exist, before any password is asked.
      const { agreement: seen, side } = await kit.visibleAgreement(user, publicId);
      if (side === "staff") throw new Forbidden("parties_only");
      if (!mayRepresent(user, side)) throw new Forbidden("not_representative");
      const { version, method } = parseOrInvalid(signSchema, form);
      const signer = signers.find((s) => s.method === method);
      if (!signer) throw new Invalid({ method: { code: "invalid" } });
      if (seen.status !== "draft" && seen.status !== "awaiting_signature")
        throw new Conflict("agreement_not_signable");
      if (version !== seen.currentVersion) throw new Conflict("agreement_version_stale");
      const shown = await models.AgreementVersion.findOne({ where: { agreementId: seen.id, version } });
      const missing = missingToSign(JSON.parse(shown!.content) as AgreementContent);
      if (missing.length > 0)
        throw new Invalid(Object.fromEntries(missing.map((field) => [field, { code: "required_to_sign" }])));
      const { evidence } = await signer.sign(user, { contentHash: shown!.contentHash, form });
      return db.transaction(async (transaction) => {
        // Again under the lock: a change or the other's signature may have come while the signer asked.
        const { agreement } = await kit.visibleAgreement(user, publicId, transaction);
        if (agreement.status !== "draft" && agreement.status !== "awaiting_signature")
          throw new Conflict("agreement_not_signable");
        if (version !== agreement.currentVersion) throw new Conflict("agreement_version_stale");
        const already = await models.AgreementSignature.findOne({
          where: { agreementId: agreement.id, version, party: side, voidedAt: null },
          transaction,
        });
        if (already) throw new Conflict("already_signed");
        const content = JSON.parse(shown!.content) as AgreementContent;
        const party = side === "buyer" ? content.parties.buyer : content.parties.supplier;
        const signedAt = kit.now();
        await models.AgreementSignature.create(
          {
            agreementId: agreement.id,
            version,
            party: side,
            signerId: user.id,
            signerName: user.fullName,
            organisation: party.legalName,
            title: party.representativeTitle,
            method: signer.method,
            contentHash: shown!.contentHash,
            evidence,
            ip: meta.ip,
            userAgent: meta.userAgent?.slice(0, 500) ?? null,
            signedAt,
          },
          { transaction },
        );
        await appendAgreementEvent(models, transaction, agreement, {
          action: "signed",
          actorId: user.id,
          at: signedAt,
          data: { version, party: side, contentHash: shown!.contentHash, method: signer.method },
        });
        if (agreement.status === "draft")
          await machine.move(transaction, {
            subject: agreement,
            action: "sign",
            actor: side,
            actorId: user.id,
          });
        const parties = await models.AgreementSignature.count({
          where: { agreementId: agreement.id, version, voidedAt: null },
          transaction,
        });
        if (parties === 2) await seal(transaction, agreement, content, shown!.contentHash);
        // Read again: the moves above changed it since the check that narrowed its type.
        return { status: agreement.get("status") as AgreementStatus };
      });
    },
  };
}

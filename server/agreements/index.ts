import { draftingUseCases } from "./drafting";
import { followUpUseCases } from "./follow-ups";
import { followingUseCases } from "./following";
import { agreementKit, type AgreementDeps } from "./kit";
import { readingUseCases } from "./reading";
import { paperUseCases } from "./paper";
import { pipelineUseCases } from "./pipeline";
import { trackingUseCases } from "./tracking";
import { passwordSigner, type PartySigner } from "./signers";
import { agreementSealer, signingUseCases, type SealedPdfMaker } from "./signing";
import { verificationUseCases } from "./verification";

export { agreementMachine } from "./drafting";
export type { AgreementDeps } from "./kit";
export type { IntegrityReport } from "./reading";
export type { SealedPdfMaker } from "./signing";
export type { PartySigner } from "./signers";
export type { VerificationResult } from "./verification";

/**
 * Signed agreements between buyers and cooperatives: drafting and versions, signing and the platform's seal,
 * paper agreements registered by staff, tracking, the staff's pipeline and follow-ups, reading and the integrity check. Each group of use cases lives in its own file; this only composes them.
 */
export function createAgreementsService(
  deps: AgreementDeps & {
    makePdf: SealedPdfMaker;
    /** How representatives may sign; the password by default. A CA's signer is added here. */
    signers?: PartySigner[];
  },
) {
  const kit = agreementKit(deps);
  const drafting = draftingUseCases(kit);
  const seal = agreementSealer(kit, drafting, deps.makePdf);
  const tracking = trackingUseCases(kit, drafting);
  const reading = readingUseCases(kit, drafting, tracking.trackingOf);
  return {
    ...drafting,
    ...signingUseCases(kit, drafting, seal, deps.signers ?? [passwordSigner(deps.confirmPassword)]),
    ...paperUseCases(kit, drafting, seal),
    ...tracking,
    ...pipelineUseCases(kit),
    ...followUpUseCases(kit),
    ...followingUseCases(kit),
    ...reading,
    ...verificationUseCases(kit, reading.agreementIntegrity),
  };
}

export type AgreementsService = ReturnType<typeof createAgreementsService>;

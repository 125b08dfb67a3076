import { draftingUseCases } from "./drafting";
import { agreementKit, type AgreementDeps } from "./kit";
import { readingUseCases } from "./reading";
import { signingUseCases, type SealedPdfMaker } from "./signing";
import { verificationUseCases } from "./verification";

export { agreementMachine } from "./drafting";
export type { AgreementDeps } from "./kit";
export type { IntegrityReport } from "./reading";
export type { SealedPdfMaker } from "./signing";
export type { VerificationResult } from "./verification";

/**
 * Signed agreements between buyers and cooperatives: drafting and versions, signing and the platform's seal,
 * reading and the integrity check. Each group of use cases lives in its own file; this only composes them.
 */
export function createAgreementsService(deps: AgreementDeps & { makePdf: SealedPdfMaker }) {
  const kit = agreementKit(deps);
  const drafting = draftingUseCases(kit);
  const reading = readingUseCases(kit, drafting);
  return {
    ...drafting,
    ...signingUseCases(kit, drafting, deps.makePdf),
    ...reading,
    ...verificationUseCases(kit, reading.agreementIntegrity),
  };
}

export type AgreementsService = ReturnType<typeof createAgreementsService>;

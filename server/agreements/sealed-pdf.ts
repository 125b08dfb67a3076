import { readFileSync } from "node:fs";
import { renderAgreementPdf } from "./agreement-pdf";
import { loadOrCreatePlatformCertificate, signAgreementPdf, type PlatformCertificate } from "./pdf-seal";
import { sealQrPng } from "./seal-token";
import type { SealedPdfMaker } from "./signing";

/**
 * The sealed agreement's PDF as the seal makes it: rendered with the QR of its token on every page, then signed
 * (PAdES) with the platform's certificate — the configured one, or the one generated under DATA_DIR/secrets.
 * The certificate is read once, on the first seal.
 */
export function sealedPdfMaker(options: {
  dataDir: string;
  origin: string;
  certificateP12?: string;
  certificatePassphrase?: string;
}): SealedPdfMaker {
  let certificate: PlatformCertificate | undefined;
  return async ({ content, contentHash, signatures, seal, token, attestation }) => {
    certificate ??= loadOrCreatePlatformCertificate(options.dataDir, {
      p12: options.certificateP12 ? readFileSync(options.certificateP12) : undefined,
      passphrase: options.certificatePassphrase,
    });
    const png = await sealQrPng(options.origin, token);
    const pdf = await renderAgreementPdf({
      content,
      contentHash,
      signatures,
      seal,
      qr: { png, caption: `${options.origin}/verify` },
      token,
      attestation,
      origin: options.origin,
    });
    return signAgreementPdf(pdf, certificate, {
      reason: `Niêm phong thỏa thuận ${content.publicId} / Seal of agreement ${content.publicId}`,
      location: "HTX Connect",
      contactInfo: options.origin,
      name: "HTX Connect",
    });
  };
}

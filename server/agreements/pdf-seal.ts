import { createHash, generateKeyPairSync, randomBytes, verify, X509Certificate } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib";
import { P12Signer } from "@signpdf/signer-p12";
import { SignPdf } from "@signpdf/signpdf";
import { DEFAULT_SIGNATURE_LENGTH, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import forge from "node-forge";
import { PDFDocument } from "pdf-lib";
import { pdfLiteralString } from "../pdf/text-layout";

/**
 * The platform's document-signing certificate and the PAdES signature of sealed agreements. The Ed25519 seal
 * (seal-keys.ts) is what our own verifier trusts; this RSA signature is what any PDF reader's signature panel
 * understands ("signed, unmodified"). node-forge signs, and it makes RSA keys only, so the certificate is RSA.
 */
export interface PlatformCertificate {
  p12: Buffer;
  passphrase: string;
  /** "CN=HTX Connect platform seal, O=HTX Connect" */
  subject: string;
  /** SHA-256 of the signing certificate's DER, lowercase hex. */
  fingerprint: string;
}

// ASCII on purpose: a Vietnamese common name makes poppler and Acrobat report the signature as invalid.
const SUBJECT = [
  { shortName: "CN", value: "HTX Connect platform seal" },
  { shortName: "O", value: "HTX Connect" },
];
const VALIDITY_YEARS = 10;

/**
 * The certificate that signs sealed agreements: the configured PKCS#12 (a CA-issued certificate) as it is, or
 * else a self-signed one generated on first start and kept under DATA_DIR/secrets (mode 0600). Several instances
 * sharing the data directory end up with the same certificate.
 */
export function loadOrCreatePlatformCertificate(
  dataDir: string,
  options: { p12?: Buffer; passphrase?: string } = {},
): PlatformCertificate {
  if (options.p12) return openCertificate(options.p12, options.passphrase ?? "");
  const p12File = path.join(dataDir, "secrets", "seal-certificate.p12");
  const passFile = path.join(dataDir, "secrets", "seal-certificate.pass");
  let p12 = readIfPresent(p12File);
  let passphrase: string;
  if (p12) {
    const kept = readIfPresent(passFile);
    if (!kept) throw new Error(`${p12File} is there but its passphrase (${passFile}) is missing`);
    passphrase = kept.toString("utf8").trim();
  } else {
    passphrase = createOnce(passFile, () => Buffer.from(`${randomBytes(32).toString("base64url")}\n`))
      .toString("utf8")
      .trim();
    p12 = createOnce(p12File, () => selfSignedP12(passphrase));
  }
  return openCertificate(p12, passphrase);
}

function readIfPresent(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * The file's bytes, made by `make` if it does not exist yet. Written under a name of our own (flag "wx") and then
 * linked into place: link fails with EEXIST if another process got there first, and then we read theirs. Unlike
 * writing the final name directly with "wx", nobody can read a half-written file in between.
 */
function createOnce(file: string, make: () => Buffer): Buffer {
  const existing = readIfPresent(file);
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, make(), { mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readFileSync(file);
}

function selfSignedP12(passphrase: string): Buffer {
  // Node makes the key in milliseconds; node-forge's pure-JavaScript generator takes seconds.
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(
    pair.privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
  );
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(
    pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
  );
  // Positive (leading byte below 0x80) and unpredictable, as RFC 5280 asks.
  certificate.serialNumber = `01${randomBytes(15).toString("hex")}`;
  const now = Date.now();
  // An hour back, so a reader whose clock runs a little behind ours does not see a certificate from the future.
  certificate.validity.notBefore = new Date(now - 60 * 60 * 1000);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  certificate.validity.notAfter = notAfter;
  certificate.setSubject(SUBJECT);
  certificate.setIssuer(SUBJECT);
  certificate.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", critical: true, digitalSignature: true, nonRepudiation: true },
    { name: "subjectKeyIdentifier" },
  ]);
  certificate.sign(key, forge.md.sha256.create());
  const pfx = forge.pkcs12.toPkcs12Asn1(key, [certificate], passphrase, {
    algorithm: "aes256",
    friendlyName: "HTX Connect platform seal",
  });
  return Buffer.from(forge.asn1.toDer(pfx).getBytes(), "binary");
}

/**
 * Opens the PKCS#12 the way @signpdf/signer-p12 will (a shrouded RSA key and the certificate of its public key),
 * so a wrong passphrase or an unusable file fails at start rather than at the first sealing.
 */
function openCertificate(p12: Buffer, passphrase: string): PlatformCertificate {
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString("binary")), false, passphrase);
  } catch (error) {
    throw new Error(`the seal certificate (PKCS#12) cannot be opened: ${(error as Error).message}`);
  }
  const shrouded = forge.pki.oids.pkcs8ShroudedKeyBag!;
  const key = pfx.getBags({ bagType: shrouded })[shrouded]?.[0]?.key;
  if (!key) throw new Error("the seal certificate (PKCS#12) holds no RSA private key");
  const certBag = forge.pki.oids.certBag!;
  const certificate = (pfx.getBags({ bagType: certBag })[certBag] ?? [])
    .map((bag) => bag.cert)
    .find((cert) => {
      const publicKey = cert?.publicKey as Partial<forge.pki.rsa.PublicKey> | undefined;
      return publicKey?.n?.equals(key.n) && publicKey.e?.equals(key.e);
    });
  if (!certificate)
    throw new Error("the seal certificate (PKCS#12) holds no certificate for its private key");
  // The DER that P12Signer puts into every signature, so the fingerprint matches what a verifier finds there.
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), "binary");
  return {
    p12,
    passphrase,
    subject: new X509Certificate(der).subject.split("\n").join(", "),
    fingerprint: createHash("sha256").update(der).digest("hex"),
  };
}

/**
 * The PDF signed as PAdES (ETSI.CAdES.detached) with the platform certificate, an invisible signature field on
 * the first page. The PDF must have been saved without object streams: the placeholder's dictionary is written as
 * raw bytes that pdf-lib cannot put inside one. PDF readers check the digest and the signature (poppler: "valid");
 * a strict PAdES baseline validator (EU DSS) would also want the ESS signing-certificate-v2 attribute, which
 * P12Signer does not add.
 */
export async function signAgreementPdf(
  pdf: Uint8Array,
  certificate: PlatformCertificate,
  meta: { reason: string; location: string; contactInfo: string; name: string },
): Promise<Buffer> {
  // Without updateMetadata: false, loading would overwrite the Producer and modification date set by the renderer.
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const signingTime = new Date();
  pdflibAddPlaceholder({
    pdfDoc: document,
    // The placeholder writes these as raw literal strings; Vietnamese ones must arrive already encoded.
    reason: pdfLiteralString(meta.reason),
    location: pdfLiteralString(meta.location),
    contactInfo: pdfLiteralString(meta.contactInfo),
    name: pdfLiteralString(meta.name),
    signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    // Room (in hex digits) for the CMS: every certificate of the PKCS#12 goes in, so a CA's chain needs more than
    // the default; the PKCS#12's own size bounds them.
    signatureLength: Math.max(DEFAULT_SIGNATURE_LENGTH, 2 * (certificate.p12.length + 2048)),
    appName: "HTX Connect",
  });
  const withPlaceholder = await document.save({ useObjectStreams: false });
  const signer = new P12Signer(certificate.p12, { passphrase: certificate.passphrase });
  return new SignPdf().sign(Buffer.from(withPlaceholder), signer, signingTime);
}

export type PdfSignatureInspection =
  | { signed: false }
  | {
      signed: true;
      /** The signed bytes hash to the signed digest and the signature over it verifies with the certificate. */
      intact: boolean;
      /** Nothing was appended after signing (an incremental update could change what a reader shows). */
      coversWholeFile: boolean;
      /** SHA-256 of the signer's certificate DER, lowercase hex; empty when the signature cannot be read. */
      certificateFingerprint: string;
      /** The certificate's common name; empty when the signature cannot be read. */
      signerName: string;
    };

const OID = {
  signedData: "1.2.840.113549.1.7.2",
  messageDigest: "1.2.840.113549.1.9.4",
};
const DIGESTS: Record<string, string> = {
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

/**
 * Our own check of a PDF's last signature, offline (the /verify page, tests): the bytes its /ByteRange covers
 * must hash to the CMS's messageDigest, and the RSA (or ECDSA) signature over the signed attributes must verify
 * with the certificate inside. Trust in the certificate is the caller's: compare `certificateFingerprint`.
 */
export function inspectPdfSignature(pdf: Buffer): PdfSignatureInspection {
  const text = pdf.toString("latin1");
  const at = text.lastIndexOf("/ByteRange");
  if (at < 0) return { signed: false };
  const range = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 120));
  // A placeholder never filled in ("/ByteRange [0 /********** …]") is not a signature.
  if (!range) return { signed: false };
  const [start1, length1, start2, length2] = range.slice(1).map(Number) as [number, number, number, number];
  const broken = {
    signed: true,
    intact: false,
    coversWholeFile: false,
    certificateFingerprint: "",
    signerName: "",
  };
  if (start1 !== 0 || start2 < length1 || start2 + length2 > pdf.length) return broken;
  const coversWholeFile = start2 + length2 === pdf.length;

  // The gap between the two ranges is exactly the /Contents hex string: what is signed is everything else.
  const contents = /^<([0-9a-fA-F\s]*)>$/.exec(text.slice(length1, start2));
  if (!contents) return { ...broken, coversWholeFile };
  const signedBytes = Buffer.concat([pdf.subarray(0, length1), pdf.subarray(start2, start2 + length2)]);
  try {
    const cms = readCms(Buffer.from(contents[1]!.replace(/\s/g, ""), "hex"));
    const x509 = new X509Certificate(cms.certificate);
    const signerName = /^CN=(.*)$/m.exec(x509.subject)?.[1] ?? "";
    const digest = createHash(cms.digest).update(signedBytes).digest();
    const intact =
      (cms.messageDigest === null || digest.equals(cms.messageDigest)) &&
      verify(
        cms.digest,
        cms.messageDigest === null ? signedBytes : cms.signedAttributes,
        x509.publicKey,
        cms.signature,
      );
    return {
      signed: true,
      intact,
      coversWholeFile,
      certificateFingerprint: createHash("sha256").update(cms.certificate).digest("hex"),
      signerName,
    };
  } catch {
    // Not a CMS we can read (truncated, another algorithm): nothing in it can be vouched for.
    return { ...broken, coversWholeFile };
  }
}

interface SignerData {
  digest: string;
  /** The signed attributes as DER with their SET tag: what the signature is over. */
  signedAttributes: Buffer;
  /** null when the signer signed the content itself (no signed attributes). */
  messageDigest: Buffer | null;
  signature: Buffer;
  certificate: Buffer;
}

const bytesOf = (node: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(node).getBytes(), "binary");
const children = (node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] => {
  if (!node || !Array.isArray(node.value)) throw new Error("unexpected CMS structure");
  return node.value;
};
const primitive = (node: forge.asn1.Asn1 | undefined): string => {
  if (!node || typeof node.value !== "string") throw new Error("unexpected CMS structure");
  return node.value;
};
const isContext = (node: forge.asn1.Asn1, tag: number) =>
  node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === tag;

/** The first signer of a CMS SignedData (RFC 5652): a PDF signature holds one. */
function readCms(der: Buffer): SignerData {
  // /Contents is padded with zeros after the DER; only the outer element's own length counts.
  const contentInfo = forge.asn1.fromDer(der.subarray(0, derLength(der)).toString("binary"));
  const [type, wrapped] = children(contentInfo);
  if (forge.asn1.derToOid(primitive(type)) !== OID.signedData) throw new Error("not a CMS SignedData");
  const signedData = children(children(wrapped)[0]);
  const certificates = children(signedData.find((node) => isContext(node, 0)));
  const signerInfo = children(children(signedData[signedData.length - 1])[0]);
  const [, signerId, digestAlgorithm, ...rest] = signerInfo;
  const digest = DIGESTS[forge.asn1.derToOid(primitive(children(digestAlgorithm)[0]))];
  if (!digest) throw new Error("unsupported digest algorithm");
  const attributes = rest[0] && isContext(rest[0], 0) ? rest.shift()! : null;
  const signature = Buffer.from(primitive(rest[1]), "binary");

  let messageDigest: Buffer | null = null;
  let signedAttributes = Buffer.alloc(0);
  if (attributes) {
    for (const attribute of children(attributes)) {
      const [oid, values] = children(attribute);
      if (forge.asn1.derToOid(primitive(oid)) === OID.messageDigest)
        messageDigest = Buffer.from(primitive(children(values)[0]), "binary");
    }
    if (!messageDigest) throw new Error("signed attributes without a message digest");
    // Signed as a SET OF (tag 0x31), stored under the implicit [0] tag.
    signedAttributes = bytesOf(
      forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, children(attributes)),
    );
  }

  // The signer's certificate is the one named by issuer and serial number; a CMS naming it by key identifier
  // instead is matched when it carries a single certificate.
  const [issuer, serial] = isContext(signerId!, 0) ? [] : children(signerId);
  const certificate = certificates.find((cert) => {
    if (!issuer || !serial) return certificates.length === 1;
    const tbs = children(children(cert)[0]);
    const offset = isContext(tbs[0]!, 0) ? 1 : 0;
    return bytesOf(tbs[offset]!).equals(bytesOf(serial)) && bytesOf(tbs[offset + 2]!).equals(bytesOf(issuer));
  });
  if (!certificate) throw new Error("the signer's certificate is not in the CMS");
  return { digest, signedAttributes, messageDigest, signature, certificate: bytesOf(certificate) };
}

/** Header plus content length of the DER element at the start of `der`. */
function derLength(der: Buffer): number {
  const first = der[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4) throw new Error("unsupported DER length");
  return 2 + count + der.readUIntBE(2, count);
}

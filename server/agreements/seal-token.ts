import { createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import QRCode from "qrcode";
import { keyIdOf } from "./seal-keys";

/**
 * The seal token printed as a QR code on every page of a sealed agreement: a few facts of the agreement signed with
 * the platform's Ed25519 seal key, so a printed copy can be checked with only the public key, offline.
 *
 * It is binary and base32, not JSON and base64url: a phone must read it off paper at ~2 cm, so the QR code has to
 * stay at version 10 or below. Base32 (A–Z, 2–7) fits QR's alphanumeric mode, 5.5 bits a character against 8 in byte
 * mode, and so does the upper-cased URL around it. Layout of version 1 (docs/agreements-verification.md):
 *
 *   offset  bytes  field
 *        0      1  version, 0x01
 *        1      6  key id (the 6 bytes whose base64url is the kid)
 *        7      4  sealed at, seconds since 1970 UTC, unsigned big-endian
 *       11      8  total in đồng, unsigned big-endian
 *       19      7  buyer tax code, digits as hex nibbles: 10 digits + "ffff", 10 digits + "a" + 3-digit branch,
 *                  or a household's 12 digits (its owner's personal id, since July 2025) + "ff"
 *       26      7  supplier tax code, the same
 *       33     32  content hash, SHA-256 raw
 *       65   1–16  public id, ASCII, up to the signature
 *      end     64  Ed25519 signature over everything before it
 */
export interface SealClaims {
  publicId: string;
  /** SHA-256 of the canonical content, lowercase hex (content.ts). */
  contentHash: string;
  buyerTaxCode: string;
  supplierTaxCode: string;
  /** Integer đồng. */
  totalVnd: number;
  /** Carried to the second: what comes back is truncated. */
  sealedAt: Date;
}

export type SealVerification =
  | { ok: true; kid: string; claims: SealClaims }
  | { ok: false; reason: "malformed" | "unknown_key" | "bad_signature" };

const VERSION = 1;
const SIGNATURE_BYTES = 64;
const AT = { kid: 1, sealedAt: 7, total: 11, buyer: 19, supplier: 26, hash: 33, publicId: 65 } as const;
const TAX_BYTES = 7;
const MAX_PUBLIC_ID = 16;
const MIN_TOKEN_BYTES = AT.publicId + 1 + SIGNATURE_BYTES;
const MAX_TOKEN_BYTES = AT.publicId + MAX_PUBLIC_ID + SIGNATURE_BYTES;

const TAX_CODE = /^(\d{10}(-\d{3})?|\d{12})$/;
const PACKED_TAX_CODE = /^(\d{10})(?:a(\d{3})|(\d{2})ff|ffff)$/;
/** Printable ASCII without the space: ids are printed and typed, and a space would be lost on paper. */
const PUBLIC_ID = /^[\x21-\x7e]{1,16}$/;
const CONTENT_HASH = /^[0-9a-f]{64}$/;

export function issueSealToken(claims: SealClaims, key: { kid: string; privateKey: KeyObject }): string {
  if (key.privateKey.asymmetricKeyType !== "ed25519") throw new TypeError("the seal key must be Ed25519");
  // A kid that is not the key's own would make tokens that no keyring can verify: refuse before printing them.
  if (keyIdOf(createPublicKey(key.privateKey)) !== key.kid)
    throw new RangeError(`key id ${key.kid} is not this key's`);
  const payload = encodeClaims(claims, Buffer.from(key.kid, "base64url"));
  return base32Encode(Buffer.concat([payload, sign(null, payload, key.privateKey)]));
}

/** Never throws on what it is given: anything that is not a well-formed token is "malformed". */
export function verifySealToken(
  token: string,
  keys: (kid: string) => KeyObject | undefined,
): SealVerification {
  const raw = typeof token === "string" ? base32Decode(token) : null;
  if (!raw || raw.length < MIN_TOKEN_BYTES || raw.length > MAX_TOKEN_BYTES)
    return { ok: false, reason: "malformed" };
  const payload = raw.subarray(0, raw.length - SIGNATURE_BYTES);
  const claims = decodeClaims(payload);
  if (!claims) return { ok: false, reason: "malformed" };
  const kid = payload.subarray(AT.kid, AT.sealedAt).toString("base64url");
  const publicKey = keys(kid);
  if (!publicKey) return { ok: false, reason: "unknown_key" };
  let valid = false;
  try {
    valid = verify(null, payload, publicKey, raw.subarray(raw.length - SIGNATURE_BYTES));
  } catch {
    // A key of another type (RSA, X25519) cannot have made this signature.
    valid = false;
  }
  return valid ? { ok: true, kid, claims } : { ok: false, reason: "bad_signature" };
}

function encodeClaims(claims: SealClaims, kid: Buffer): Buffer {
  if (kid.length !== 6) throw new RangeError("a key id is 6 bytes in base64url");
  const seconds = Math.floor(claims.sealedAt.getTime() / 1000);
  if (!(seconds >= 0 && seconds <= 0xffff_ffff))
    throw new RangeError("sealedAt must fall between 1970 and 2106");
  if (!Number.isSafeInteger(claims.totalVnd) || claims.totalVnd < 0)
    throw new RangeError("totalVnd must be a non-negative safe integer");
  const hash = claims.contentHash.toLowerCase();
  if (!CONTENT_HASH.test(hash)) throw new RangeError("contentHash must be 64 hex digits");
  if (!PUBLIC_ID.test(claims.publicId))
    throw new RangeError("publicId must be 1–16 printable ASCII characters");

  const payload = Buffer.alloc(AT.publicId + claims.publicId.length);
  payload[0] = VERSION;
  kid.copy(payload, AT.kid);
  payload.writeUInt32BE(seconds, AT.sealedAt);
  payload.writeBigUInt64BE(BigInt(claims.totalVnd), AT.total);
  packTaxCode(claims.buyerTaxCode).copy(payload, AT.buyer);
  packTaxCode(claims.supplierTaxCode).copy(payload, AT.supplier);
  Buffer.from(hash, "hex").copy(payload, AT.hash);
  payload.write(claims.publicId, AT.publicId, "ascii");
  return payload;
}

function decodeClaims(payload: Buffer): SealClaims | null {
  if (payload[0] !== VERSION) return null;
  const totalVnd = payload.readBigUInt64BE(AT.total);
  if (totalVnd > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const buyerTaxCode = unpackTaxCode(payload.subarray(AT.buyer, AT.buyer + TAX_BYTES));
  const supplierTaxCode = unpackTaxCode(payload.subarray(AT.supplier, AT.supplier + TAX_BYTES));
  const publicId = payload.subarray(AT.publicId).toString("latin1");
  if (!buyerTaxCode || !supplierTaxCode || !PUBLIC_ID.test(publicId)) return null;
  return {
    publicId,
    contentHash: payload.subarray(AT.hash, AT.publicId).toString("hex"),
    buyerTaxCode,
    supplierTaxCode,
    totalVnd: Number(totalVnd),
    sealedAt: new Date(payload.readUInt32BE(AT.sealedAt) * 1000),
  };
}

/** "0101234567" → 01 01 23 45 67 ff ff; "0101234567-002" → 01 01 23 45 67 a0 02. */
function packTaxCode(taxCode: string): Buffer {
  if (!TAX_CODE.test(taxCode))
    throw new RangeError(`tax code ${taxCode} is not 10 digits, 10 digits-3 digits or 12 digits`);
  const nibbles =
    taxCode.length === 10
      ? `${taxCode}ffff`
      : taxCode.length === 12
        ? `${taxCode}ff`
        : taxCode.replace("-", "a");
  return Buffer.from(nibbles, "hex");
}

function unpackTaxCode(packed: Buffer): string | null {
  const match = PACKED_TAX_CODE.exec(packed.toString("hex"));
  if (!match) return null;
  return match[2] ? `${match[1]}-${match[2]}` : match[3] ? `${match[1]}${match[3]}` : match[1]!;
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
// Without the u flag, /i folds only ASCII letters to ASCII: "ſ" or "K" (Kelvin) do not pass for S or K.
const TOKEN_TEXT = /^[A-Z2-7]+$/i;

/** RFC 4648 base32, upper case, no padding. */
function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Either case; no padding, no whitespace. The unused bits of the last character must be zero, so that every
 * character of a token matters: changing any one of them changes the bytes or makes the token malformed.
 */
function base32Decode(text: string): Buffer | null {
  // Longer than any token: refuse before doing work on a hostile megabyte.
  if (text.length > 512 || [1, 3, 6].includes(text.length % 8) || !TOKEN_TEXT.test(text)) return null;
  const out = Buffer.alloc(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const char of text.toUpperCase()) {
    const value = BASE32.indexOf(char);
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

/**
 * The text of the QR code: `<ORIGIN>/V/<TOKEN>`, all upper case so that the whole URL is in QR alphanumeric mode
 * (scheme and host are case-insensitive, and the /V/ route matches in any case).
 */
export function sealQrText(origin: string, token: string): string {
  const url = new URL(origin);
  if (url.origin === "null" || url.pathname !== "/" || url.search || url.hash || url.username)
    throw new RangeError(`${origin} is not an origin (scheme, host and port only)`);
  return `${url.origin}/V/${token}`.toUpperCase();
}

const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

/** A PNG of 240 px: 1.6 cm at 380 dpi, with a 2-module quiet zone. */
export async function sealQrPng(origin: string, token: string): Promise<Uint8Array> {
  return QRCode.toBuffer(sealQrText(origin, token), { ...QR_OPTIONS, type: "png", width: 240 });
}

export function sealQrVersion(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel }).version;
}

/** The token in what a QR reader gave: the verification URL in any case, or the bare token. Upper case. */
export function tokenFromQrText(text: string): string | null {
  const trimmed = text.trim();
  if (TOKEN_TEXT.test(trimmed)) return trimmed.toUpperCase();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  const match = /\/v\/([a-z2-7]+)\/?$/i.exec(url.pathname);
  return match ? match[1]!.toUpperCase() : null;
}

/** The key of the PDF's Info dictionary under which the PDF writer stores the seal token. */
export const PDF_INFO_KEY = "HTXConnectSealToken";

/**
 * The seal token the PDF carries in its Info dictionary, or null when it has none. pdf-lib reads incremental
 * updates in order, so the Info of the last update wins, as in any reader. Throws when the bytes are not a PDF.
 */
export async function tokenFromPdf(pdf: Uint8Array): Promise<string | null> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
  // PDFDocument.getInfoDict() is private in pdf-lib's typings; the trailer's Info is the same dictionary.
  const info = document.context.trailerInfo.Info;
  const dict = info ? document.context.lookup(info) : undefined;
  if (!(dict instanceof PDFDict)) return null;
  const value = dict.lookup(PDFName.of(PDF_INFO_KEY));
  if (!(value instanceof PDFString || value instanceof PDFHexString)) return null;
  const text = value.decodeText().trim();
  return tokenFromQrText(text) ?? text;
}

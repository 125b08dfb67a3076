import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { keyIdOf } from "../agreements/seal-keys";
import {
  tokenFromPdf,
  tokenFromQrText,
  verifySealToken,
  type SealVerification,
} from "../agreements/seal-token";
import { formatDateTime, formatVnd } from "../vocabulary/format";

const USAGE = "Usage: npm run agreements:verify -- <token | URL | file.pdf> [--key seal-key.pem]...";
const EXIT = { valid: 0, invalid: 1, usage: 2 } as const;
const PUBLISHED_KEYS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs/seal-keys");

class UsageError extends Error {}

/** npm runs scripts in the package's folder; paths on the command line mean the folder the user typed them in. */
const fromUser = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);

/**
 * npm run agreements:verify -- <token | URL | file.pdf> [--key seal-key.pem]...
 * Checks a sealed agreement's seal token offline, with public keys only: the --key files, or the platform's keys
 * published in docs/seal-keys/. It reads neither the configuration nor the database, so anyone with a copy of the
 * repository and a key can run it. Exit codes: 0 valid, 1 invalid, 2 bad arguments or no usable key.
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { key: { type: "string", multiple: true }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return EXIT.valid;
  }
  if (positionals.length !== 1) throw new UsageError(`Give one token, URL or PDF file. ${USAGE}`);
  const keys = readKeys(values.key ?? []);

  const lines: string[] = [];
  const input = positionals[0]!;
  let token: string | null;
  if (/\.pdf$/i.test(input) || existsSync(fromUser(input))) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(fromUser(input));
    } catch (error) {
      throw new UsageError(`Cannot read ${input}: ${(error as Error).message}`);
    }
    lines.push(field("File / Tệp", input));
    lines.push(field("File SHA-256", createHash("sha256").update(bytes).digest("hex")));
    if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") {
      try {
        token = await tokenFromPdf(bytes);
      } catch (error) {
        return report(lines, `the PDF cannot be read (${(error as Error).message})`);
      }
      if (!token)
        return report(lines, "the PDF carries no HTX Connect seal token / tệp PDF không có mã niêm phong");
    } else {
      // A text file holding what a QR reader gave.
      token = tokenFromQrText(bytes.toString("utf8"));
    }
  } else {
    token = tokenFromQrText(input);
  }
  if (!token) return report(lines, "this is neither a seal token nor a verification URL");

  let askedKid = "";
  const result = verifySealToken(token, (kid) => {
    askedKid = kid;
    return keys.get(kid);
  });
  if (!result.ok) return report(lines, reasonText(result, askedKid, [...keys.keys()]));

  const { claims } = result;
  console.log(
    [
      "VALID — con dấu hợp lệ / the seal is valid",
      ...lines,
      field("Agreement / Thỏa thuận", claims.publicId),
      field("Buyer tax code / MST bên mua", claims.buyerTaxCode),
      field("Supplier tax code / MST bên bán", claims.supplierTaxCode),
      field("Total / Tổng giá trị", formatVnd(claims.totalVnd, "vi")),
      field(
        "Sealed / Niêm phong",
        `${formatDateTime(claims.sealedAt, "vi")} (giờ Việt Nam, ${claims.sealedAt.toISOString()})`,
      ),
      field("Key id / Mã khóa", result.kid),
      field("Content hash / Mã băm", claims.contentHash),
      "",
      "The platform sealed these facts. Check that the printed agreement says the same: the seal covers the whole",
      "content only through its hash, which matches the agreement's canonical JSON (docs/agreements-verification.md).",
    ].join("\n"),
  );
  return EXIT.valid;
}

const field = (label: string, value: string) => `  ${`${label}:`.padEnd(34)}${value}`;

function report(lines: string[], why: string): number {
  console.log(["INVALID — không hợp lệ / not valid", ...lines, field("Why / Lý do", why)].join("\n"));
  return EXIT.invalid;
}

function reasonText(result: Extract<SealVerification, { ok: false }>, kid: string, known: string[]): string {
  switch (result.reason) {
    case "malformed":
      return "the token is damaged or is not an HTX Connect seal token / mã bị hỏng";
    case "unknown_key":
      return `sealed with key ${kid}, which is not among the keys given (${known.join(", ")}) / khóa không xác định`;
    case "bad_signature":
      return "the signature does not match: the token was changed or not sealed by this key / chữ ký không khớp";
  }
}

/** Public keys by id, from the --key files or else from every .pem of docs/seal-keys/. */
function readKeys(files: string[]): Map<string, KeyObject> {
  if (files.length === 0) {
    if (!existsSync(PUBLISHED_KEYS))
      throw new UsageError(
        `No public key: pass --key <file.pem>; the platform's published keys go in ${PUBLISHED_KEYS}, which does not exist yet.`,
      );
    files = readdirSync(PUBLISHED_KEYS)
      .filter((name) => name.endsWith(".pem"))
      .map((name) => path.join(PUBLISHED_KEYS, name));
    if (files.length === 0)
      throw new UsageError(`No public key: pass --key <file.pem>; ${PUBLISHED_KEYS} has no .pem file.`);
  }
  const keys = new Map<string, KeyObject>();
  for (const file of files) {
    let key: KeyObject;
    try {
      key = createPublicKey(readFileSync(fromUser(file), "utf8"));
    } catch (error) {
      throw new UsageError(`${file} is not a readable PEM public key: ${(error as Error).message}`);
    }
    if (key.asymmetricKeyType !== "ed25519") throw new UsageError(`${file} is not an Ed25519 key`);
    keys.set(keyIdOf(key), key);
  }
  return keys;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`agreements:verify: ${(error as Error).message}`);
      process.exitCode = EXIT.usage;
      return;
    }
    // Whatever failed, nothing was proved valid.
    console.error(error);
    process.exitCode = EXIT.invalid;
  },
);

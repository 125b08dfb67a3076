import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The platform's Ed25519 seal keys. Each key is named by its id (`kid`: the first 6 bytes of the SHA-256 of its public
 * key's DER, base64url — 8 characters), printed in every token and sealed record, so a verifier picks the right
 * public key. Keys live under DATA_DIR/secrets/seal-keys/<kid>.pem (PKCS#8, mode 0600), generated on first start;
 * `current` names the one that seals. Rotating adds a key and moves `current`: the old keys stay, so everything
 * they sealed still verifies. Production may give the sealing key instead (SEAL_PRIVATE_KEY, a PEM).
 */
export interface SealKey {
  kid: string;
  publicKey: KeyObject;
}
export interface SealKeyring {
  /** The key that seals now. */
  current: SealKey & { privateKey: KeyObject };
  /** Every known key, the current one included: what verification accepts. */
  keys: SealKey[];
  byId(kid: string): SealKey | undefined;
}

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest().subarray(0, 6).toString("base64url");
}

export function publicKeyPem(key: SealKey): string {
  return key.publicKey.export({ type: "spki", format: "pem" }).toString();
}

function directory(dataDir: string) {
  return path.join(dataDir, "secrets", "seal-keys");
}

function writeNewKey(dir: string): string {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const kid = keyIdOf(publicKey);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(dir, `${kid}.pem`), privateKey.export({ type: "pkcs8", format: "pem" }), {
    mode: 0o600,
    flag: "wx",
  });
  // Written aside and renamed: another process reading `current` sees the old name or the new, never half.
  const temporary = path.join(dir, `current.${process.pid}.tmp`);
  writeFileSync(temporary, `${kid}\n`, { mode: 0o600 });
  renameSync(temporary, path.join(dir, "current"));
  return kid;
}

function readKeys(dir: string): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  for (const name of names.filter((n) => n.endsWith(".pem")).sort()) {
    const privateKey = createPrivateKey(readFileSync(path.join(dir, name), "utf8"));
    keys.set(keyIdOf(createPublicKey(privateKey)), privateKey);
  }
  return keys;
}

/**
 * The keyring of this data directory: made on first start; with `privateKeyPem` (configuration), that key seals
 * and the directory's keys still verify.
 */
export function loadSealKeyring(dataDir: string, options: { privateKeyPem?: string } = {}): SealKeyring {
  const dir = directory(dataDir);
  let privateKeys = readKeys(dir);
  let currentKid: string | undefined;
  if (options.privateKeyPem) {
    const given = createPrivateKey(options.privateKeyPem);
    currentKid = keyIdOf(createPublicKey(given));
    privateKeys.set(currentKid, given);
  } else {
    try {
      currentKid = readFileSync(path.join(dir, "current"), "utf8").trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    if (!currentKid || !privateKeys.has(currentKid)) {
      try {
        currentKid = writeNewKey(dir);
      } catch (error) {
        // Another process made the first key a moment ago: use it.
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        currentKid = readFileSync(path.join(dir, "current"), "utf8").trim();
      }
      privateKeys = readKeys(dir);
    }
  }
  const keys = [...privateKeys].map(([kid, privateKey]) => ({ kid, publicKey: createPublicKey(privateKey) }));
  const current = keys.find((k) => k.kid === currentKid)!;
  return {
    current: { ...current, privateKey: privateKeys.get(current.kid)! },
    keys,
    byId: (kid) => keys.find((k) => k.kid === kid),
  };
}

/** A new sealing key; the previous ones keep verifying. Returns the new key's id. */
export function rotateSealKey(dataDir: string): string {
  return writeNewKey(directory(dataDir));
}

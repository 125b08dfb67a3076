/**
 * Request bodies as a browser (or a broken client) sends them, and what the server decodes from them.
 */
import { applyOps, type Entry, type Op, type Pair } from "./inputs";

export interface Body {
  bytes: Buffer;
  contentType: string;
  /** The fields as the server decodes them (undici: UTF-8 with replacement, then URLSearchParams). */
  pairs: Pair[];
}

/** application/x-www-form-urlencoded as a browser encodes it, plus any junk bytes the entries carry. */
export function formBody(entries: readonly Entry[]): Body {
  const text = entries
    .map((e) => new URLSearchParams([[e.name, e.value]]).toString() + (e.junk ?? ""))
    .join("&");
  const bytes = Buffer.from(text, "latin1");
  return {
    bytes,
    contentType: "application/x-www-form-urlencoded;charset=UTF-8",
    pairs: [...new URLSearchParams(new TextDecoder().decode(bytes))],
  };
}

export function formOf(base: readonly Pair[], ops: readonly Op[] = []): Body {
  return formBody(applyOps(base, ops));
}

/** multipart/form-data with text fields and files, as a browser sends an upload form. */
export function multipartBody(
  fields: readonly Pair[],
  files: ReadonlyArray<{ name: string; filename: string; type: string; data: Buffer }>,
): Body {
  const boundary = `----fuzz${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  const quote = (s: string) => s.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  for (const [name, value] of fields)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
      ),
    );
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quote(f.name)}"; filename="${quote(f.filename)}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    bytes: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
    pairs: fields.map(([k, v]) => [k, v]),
  };
}

/** Junk (characters standing for bytes) as it can stand in a URL: printable ASCII as it is, other bytes as %xx. */
export function escapedBytes(junk: string): string {
  return [...Buffer.from(junk, "latin1")]
    .map((b) =>
      b > 0x20 && b < 0x7f ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
}

/** A path or query as the server may decode it: %xx as bytes, then UTF-8 with replacement ("+" as a space). */
export function percentDecoded(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = /^%[0-9a-fA-F]{2}/.exec(s.slice(i, i + 3));
    if (hex) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i] === "+" ? " " : s[i]!, "utf8"));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Encodings a form post may arrive in besides a browser's urlencoded body. */
export const BODY_KINDS = [
  "multipart",
  "text/plain",
  "json",
  "multipart without boundary",
  "empty",
  "no content type",
  "huge",
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/**
 * The same fields sent another way: as a browser sends an enctype="multipart/form-data" or "text/plain" form,
 * or as a broken client does (JSON, a multipart type without its boundary, nothing at all, megabytes).
 */
export function bodyOf(kind: BodyKind, pairs: readonly Pair[]): Body {
  switch (kind) {
    case "multipart":
      return multipartBody(pairs, []);
    case "text/plain":
      return {
        bytes: Buffer.from(pairs.map(([k, v]) => `${k}=${v}`).join("\r\n") + "\r\n"),
        contentType: "text/plain",
        pairs: [...pairs],
      };
    case "json":
      return {
        bytes: Buffer.from(JSON.stringify(Object.fromEntries(pairs))),
        contentType: "application/json",
        pairs: [...pairs],
      };
    case "multipart without boundary":
      return { ...multipartBody(pairs, []), contentType: "multipart/form-data" };
    case "empty":
      return { bytes: Buffer.alloc(0), contentType: "application/x-www-form-urlencoded", pairs: [] };
    case "no content type":
      return { ...formBody(pairs.map(([name, value]) => ({ name, value }))), contentType: "" };
    case "huge":
      return formBody([
        ...pairs.map(([name, value]) => ({ name, value })),
        { name: "note", value: "ế".repeat(400_000) },
      ]);
  }
}

/** All values a decoded form has for a field. */
export const valuesIn = (pairs: readonly Pair[], name: string) =>
  pairs.filter(([k]) => k === name).map(([, v]) => v);

/**
 * Fuzzing over HTTP: hostile inputs (fast-check arbitraries), requests as a browser (or a broken client) sends
 * them, what every answer must look like, and the database invariants that no answer may break.
 *
 * A property's run collects every distinct wrong answer it meets (keyed by route and kind: status, missing
 * message, lost input…) with the server's error line and the smallest input that gave it, shrinks each, and so
 * one failing test reports all of them, not only the first.
 */
import path from "node:path";
import fc from "fast-check";
import { pino } from "pino";
import type { Transaction } from "sequelize";
import { vi } from "vitest";
import {
  CERTIFICATIONS,
  MAX_CHECKOUT_VND,
  MAX_LINE_QUANTITY,
  MAX_PRICE_VND,
  SECTORS,
} from "../../server/vocabulary/domain";
import type { Container } from "../../server/context";
import type { Logger } from "../../server/logger";
import { html } from "./text";

// ───────────────────────────── inputs ─────────────────────────────

/** Numbers as people (and scripts) type them. */
export const NUMBER_TEXTS = [
  "1e309",
  "-1e309",
  "-0",
  "NaN",
  "Infinity",
  "9999999999999999999",
  "9007199254740993",
  "2147483648",
  "-2147483649",
  " 12 ",
  "1,000",
  "1.000.000",
  "١٢٣",
  "１２",
  "0x1A",
  "1e3",
  "1.5",
  "-1",
  "0",
  "00012",
  "+5",
  "1_000",
  "10000000001",
  "999999999999",
  "1000000000000",
  "100000001",
  "12abc",
  "12 ₫",
  "٫",
];

const CONTROL = [
  "\u0000",
  "\r\n",
  "\n",
  "\r",
  "\u000b",
  "\u202e",
  "\u0008",
  "\u001b[31m",
  "\ufeff",
  "\u2028",
  "\t",
];
const EMOJI = ["👨‍👩‍👧‍👦", "🏳️‍🌈", "🇻🇳", "🍵", "👍🏽", "❤️"];
const SCRIPTS = [
  "Chè Tân Cương",
  "Trà Tân Cương".normalize("NFD"),
  "Miến dong Na Rì".normalize("NFD"),
  "a" + "\u0301\u0323".repeat(40),
  "Trà 茶 чай شاي ชา 협동조합",
  "עברית ومزيج",
  "ß",
  "ŉ",
  "ﬁ",
  "İ",
];
/**
 * Text that grows when case-mapped or decomposed (ß → SS, ﬁ → FI, ŉ → ʼN, 한 → ᄒ+ᅡ+ᆫ): a length checked before
 * the change does not bound what is stored.
 */
const GROWING = ["ß".repeat(100), "ﬁ".repeat(70), "ŉ".repeat(61), "한".repeat(120), "협동조합".repeat(50)];
export const growingText = fc.constantFrom(...GROWING);
const LONE_SURROGATES = ["\ud800", "\udfff", "a\ud83d", "\ude00b"];
const INJECTIONS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "{{name}}",
  "$t(errors:required)",
  "%s%n%d",
  "' OR 1=1 --",
  "\\",
  "../../etc/passwd",
  "__proto__",
  "javascript:alert(1)",
  '=HYPERLINK("http://evil.example")',
  "%",
  "%FF",
  "&amp;",
  "a=b&c=d",
];

/** Short pieces that strings are made of. */
const PIECES = [...CONTROL, ...EMOJI, ...SCRIPTS, ...LONE_SURROGATES, ...INJECTIONS, " ", "", "x"];

/** Units for strings at and around the column limits (3, 64, 80, 120, 200, 254, 300, 500, 1000, 5000). */
const LENGTH_UNITS = ["a", "ß", "ế", "ế".normalize("NFD"), "👍", "\u0000", " "];
const LENGTHS = [2, 3, 4, 5, 9, 10, 16, 17, 40, 41, 64, 65, 80, 81, 119, 120, 121, 200, 201, 254, 255];
const LONGER = [256, 300, 301, 500, 501, 1000, 1001, 2000, 5000, 5001];

/** 10k to 100k characters of one unit (a letter, a Vietnamese vowel, a ZWJ family, NUL, markup). */
export const longText: fc.Arbitrary<string> = fc
  .record({
    unit: fc.constantFrom("a", "ế", "👨‍👩‍👧", "\u0000", "<b>", "Tân Cương "),
    length: fc.integer({ min: 10_000, max: 100_000 }),
  })
  .map(({ unit, length }) => unit.repeat(Math.ceil(length / unit.length)));

/** A string at or around a column's limit. */
export const boundaryText: fc.Arbitrary<string> = fc
  .record({ unit: fc.constantFrom(...LENGTH_UNITS), length: fc.constantFrom(...LENGTHS, ...LONGER) })
  .map(({ unit, length }) => unit.repeat(length));

/** Any hostile string: samples, mixtures of pieces, random graphemes and code points, boundaries, very long. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PIECES, ...NUMBER_TEXTS) },
  { weight: 1, arbitrary: fc.constantFrom(...GROWING) },
  {
    weight: 3,
    arbitrary: fc.array(fc.constantFrom(...PIECES), { minLength: 2, maxLength: 5 }).map((a) => a.join("")),
  },
  { weight: 2, arbitrary: boundaryText },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: longText },
);

/** A hostile number-like text. */
export const numberText = fc.oneof(
  fc.constantFrom(...NUMBER_TEXTS),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
);

/**
 * Bytes a browser would never send inside a form value, written into the body as they are: malformed and
 * truncated percent-escapes, overlong and surrogate UTF-8, raw bytes that are not UTF-8 at all.
 * Characters here stand for bytes (latin1).
 */
export const RAW_JUNK = [
  "%FF",
  "%C3%28",
  "%",
  "%%",
  "%G1",
  "%E2%82",
  "%ED%A0%80",
  "%F4%90%80%80",
  "%C0%AF",
  "%00",
  "\xff",
  "\xc3\x28",
  "\xed\xa0\x80",
  "\xe2\x82",
  "\xc0\xaf",
  "+",
  "&",
  "=",
  "&=&",
];

/** Field names a form does not expect, some of them dangerous for plain objects. */
export const ODD_NAMES = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "then",
  "a[b]",
  "",
  "名前",
  "%FF",
  "x".repeat(2000),
  "_form",
  "intent",
  "ok",
  "errors",
  "values",
];

// ───────────────────────────── form mutations ─────────────────────────────

export type Pair = [name: string, value: string];

/** How one submission departs from a valid form. */
export type Op =
  | { op: "set"; field: string; value: string }
  | { op: "wrap"; field: string; before: string; after: string }
  | { op: "raw"; field: string; before: string; junk: string }
  | { op: "repeat"; field: string; values: string[] }
  | { op: "empty"; field: string }
  | { op: "drop"; field: string }
  | { op: "extra"; name: string; value: string };

/** One to `max` departures from a form whose fields are `fields`; `value` overrides the value arbitrary. */
export function formOps(
  fields: readonly string[],
  options: { max?: number; value?: fc.Arbitrary<string>; raw?: boolean; control?: readonly string[] } = {},
): fc.Arbitrary<Op[]> {
  // Control fields (intent, account type) are tampered with now and then; the typed fields most of the time.
  const typed = fields.filter((f) => !options.control?.includes(f));
  const field = options.control?.length
    ? fc.oneof(
        { weight: 1, arbitrary: fc.constantFrom(...options.control) },
        { weight: 8, arbitrary: fc.constantFrom(...typed) },
      )
    : fc.constantFrom(...fields);
  const value = options.value ?? fc.oneof(hostileText, numberText);
  const piece = fc.constantFrom(...PIECES);
  const ops: Array<fc.Arbitrary<Op>> = [
    fc.record({ op: fc.constant("set" as const), field, value }),
    fc.record({ op: fc.constant("wrap" as const), field, before: piece, after: piece }),
    fc.record({
      op: fc.constant("repeat" as const),
      field,
      values: fc.array(fc.oneof(value, fc.constant("")), { minLength: 2, maxLength: 3 }),
    }),
    fc.record({ op: fc.constant("empty" as const), field }),
    fc.record({ op: fc.constant("drop" as const), field }),
    fc.record({
      op: fc.constant("extra" as const),
      name: fc.oneof(fc.constantFrom(...ODD_NAMES), fc.string({ maxLength: 8 })),
      value,
    }),
  ];
  if (options.raw !== false)
    ops.push(
      fc.record({
        op: fc.constant("raw" as const),
        field,
        before: fc.constantFrom("", "x", "Chè", "12"),
        junk: fc.constantFrom(...RAW_JUNK),
      }),
    );
  return fc.array(fc.oneof(...ops), { minLength: 1, maxLength: options.max ?? 3 });
}

interface Entry {
  name: string;
  value: string;
  /** Written into the body after the encoded value, byte for byte. */
  junk?: string;
}

/** The form after the departures, in order (a set field keeps its place). */
export function applyOps(base: readonly Pair[], ops: readonly Op[]): Entry[] {
  let entries: Entry[] = base.map(([name, value]) => ({ name, value }));
  const replace = (field: string, make: (old: string) => Entry[]) => {
    const at = entries.findIndex((e) => e.name === field);
    const old = at >= 0 ? entries[at]!.value : "";
    const rest = entries.filter((e) => e.name !== field);
    const made = make(old);
    if (at < 0) entries = [...rest, ...made];
    else entries = [...rest.slice(0, at), ...made, ...rest.slice(at)];
  };
  for (const op of ops) {
    switch (op.op) {
      case "set":
        replace(op.field, () => [{ name: op.field, value: op.value }]);
        break;
      case "wrap":
        replace(op.field, (old) => [{ name: op.field, value: op.before + old + op.after }]);
        break;
      case "raw":
        replace(op.field, () => [{ name: op.field, value: op.before, junk: op.junk }]);
        break;
      case "repeat":
        replace(op.field, () => op.values.map((value) => ({ name: op.field, value })));
        break;
      case "empty":
        replace(op.field, () => [{ name: op.field, value: "" }]);
        break;
      case "drop":
        entries = entries.filter((e) => e.name !== op.field);
        break;
      case "extra":
        entries.push({ name: op.name, value: op.value });
        break;
    }
  }
  return entries;
}

// ───────────────────────────── bodies ─────────────────────────────

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

// ───────────────────────────── the server's log ─────────────────────────────

/**
 * What the server logs at warn and above (its pino logger, handed to the container) and what Remix prints with
 * console.error for an error thrown by a loader or action. Requests run one at a time, so the lines written
 * since a request started are that request's.
 */
export class ServerLog {
  private readonly lines: Array<Record<string, unknown>> = [];
  readonly logger: Logger = pino(
    { level: "warn", base: null },
    { write: (line: string) => void this.lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  private restoreConsole: (() => void) | null = null;

  captureConsole() {
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      const error = args.find((a): a is Error => a instanceof Error);
      this.lines.push({
        level: 50,
        msg: "console.error",
        err: error ? errorOf(error) : undefined,
        args: args.map(String),
      });
    });
    this.restoreConsole = () => spy.mockRestore();
  }

  release() {
    this.restoreConsole?.();
  }

  mark(): number {
    return this.lines.length;
  }

  since(mark: number): Array<Record<string, unknown>> {
    return this.lines.slice(mark);
  }

  /** Error lines since `mark`, one short line each: message, error and where it was thrown. */
  errorsSince(mark: number): string[] {
    return this.since(mark)
      .filter((l) => Number(l.level) >= 50)
      .map(describeLogLine)
      .filter((l, i, all) => all.indexOf(l) === i);
  }
}

/** The telling part of a statement: its WHERE clause when it has one. */
function sqlGist(sql: string) {
  const where = sql.indexOf(" WHERE ");
  return shorten(where > 0 ? `${sql.split(" ").slice(0, 3).join(" ")} …${sql.slice(where)}` : sql, 200);
}

function errorOf(error: Error) {
  // A database error says which statement failed; its stack (inside the driver) rarely says where.
  const sql = (error as { sql?: unknown }).sql;
  const message = typeof sql === "string" ? `${error.message} [${sqlGist(sql)}]` : error.message;
  return { type: error.name, message, stack: error.stack };
}

/** Where in this repository an error was thrown (first frame outside node_modules), if anywhere. */
function frameOf(stack: unknown): string {
  if (typeof stack !== "string") return "";
  for (const line of stack.split("\n").slice(1)) {
    const m = /(?:\(|^at )((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?$/.exec(line.trim());
    if (!m || m[1]!.includes("node_modules") || m[1]!.startsWith("node:")) continue;
    return ` @ ${path.relative(process.cwd(), m[1]!.replace(/^file:\/\//, ""))}:${m[2]}`;
  }
  return "";
}

function describeLogLine(line: Record<string, unknown>): string {
  const err = line.err as { type?: string; message?: string; stack?: string; sql?: string } | undefined;
  const status = (line.res as { statusCode?: number } | undefined)?.statusCode;
  const parts = [String(line.msg ?? "")];
  if (status) parts.push(`(${status})`);
  if (err) {
    const sql = err.sql && !err.message?.includes("[") ? ` [${sqlGist(err.sql)}]` : "";
    parts.push(`${err.type ?? "Error"}: ${shorten(err.message ?? "", 360)}${sql}${frameOf(err.stack)}`);
  } else if (Array.isArray(line.args)) parts.push(String(line.args.join(" ")).slice(0, 200));
  return parts.join(" ");
}

// ───────────────────────────── HTTP ─────────────────────────────

export interface Answer {
  request: string;
  status: number;
  type: string;
  location: string | null;
  text: string;
  /** The server's error lines while it answered. */
  errors: string[];
}

/** A visitor keeping cookies, sending bytes exactly as given; mutations carry the server's Origin. */
export class Visitor {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly log: ServerLog,
    private readonly headers: Record<string, string> = {},
  ) {}

  has(cookie: string) {
    return this.cookies.has(cookie);
  }

  async send(
    method: "GET" | "POST",
    target: string,
    body?: Body,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const mark = this.log.mark();
    const res = await fetch(this.base + target, {
      method,
      redirect: "manual",
      body: body ? new Uint8Array(body.bytes) : undefined,
      headers: {
        ...(method === "POST" ? { origin: this.base } : {}),
        ...(body?.contentType ? { "content-type": body.contentType } : {}),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...this.headers,
        ...headers,
      },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    // The access log line is written when the response finishes; give it a tick.
    await new Promise((resolve) => setImmediate(resolve));
    return {
      request: `${method} ${shorten(target, 80)}`,
      status: res.status,
      type: res.headers.get("content-type") ?? "",
      location: res.headers.get("location"),
      text,
      errors: this.log.errorsSince(mark),
    };
  }

  get(target: string, headers?: Record<string, string>) {
    return this.send("GET", target, undefined, headers);
  }

  post(target: string, body: Body, headers?: Record<string, string>) {
    return this.send("POST", target, body, headers);
  }
}

// ───────────────────────────── what an answer must be ─────────────────────────────

export interface Problem {
  /** Stable across inputs: what kind of wrong answer (the report groups by it). */
  kind: string;
  detail?: string;
  /** Not caused by the input (it shows wherever the page happens to fall): reported, never shrunk. */
  incidental?: boolean;
}

export interface Expectation {
  /** The JSON API: errors are JSON with a code. */
  api?: boolean;
  /** On a 400, these fields come back as typed (first value, as the server decoded it)… */
  echo?: readonly string[];
  /** …and these never do. */
  secrets?: readonly string[];
  /** The decoded submission, for echo checks. */
  pairs?: readonly Pair[];
  /** Control fields (intent, account type): the echo is only checked when they arrived exactly as in `base`. */
  fixed?: readonly Pair[];
  /** Everything the request carried as text (a GET's path and query), when not `pairs`. */
  sent?: string;
}

const STACK = /\bat [^\n]*\.(?:ts|tsx|js|mjs|cjs):\d+:\d+|node_modules\//;
const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#x27;": "'",
};
const plainText = (s: string) =>
  s
    .replace(/<[^>]+>/g, " ")
    .replace(/&(?:amp|lt|gt|quot|#x27);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\s+/g, " ")
    .trim();

/** The messages a page shows about what went wrong: alerts beside fields and forms, or the error page. */
export function messagesOn(page: string): string[] {
  const out: string[] = [];
  for (const m of page.matchAll(/<(\w+)\b[^>]*\brole="alert"[^>]*>([\s\S]*?)<\/\1>/g))
    out.push(plainText(m[2]!));
  // A page of the server's own outside the site's layout (a request Remix could not route): its heading and text.
  if (!page.includes('class="site-main"')) {
    const title = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(page);
    const body = /<p[^>]*>([\s\S]*?)<\/p>/.exec(page);
    if (title) out.push(plainText(title[1]!));
    if (body) out.push(plainText(body[1]!));
  }
  const errorPage = /<section class="error-page[^"]*"[^>]*>([\s\S]*?)<\/section>/.exec(page);
  if (errorPage) {
    const title = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(errorPage[1]!);
    const body = /<\/h1>\s*<p>([\s\S]*?)<\/p>/.exec(errorPage[1]!);
    if (title) out.push(plainText(title[1]!));
    if (body) out.push(plainText(body[1]!));
  }
  return out;
}

/** A translation key or error code shown as it is: no spaces, snake_case or dotted. */
const RAW_KEY = /^[a-z0-9]+(?:[_.:][a-z0-9]+)+$/i;

/** Redirects go to this site only, as a browser would read the Location (tabs and newlines dropped, \ as /). */
export function offSite(location: string, origin: string): boolean {
  const read = location.replace(/[\t\n\r]/g, "").replace(/\\/g, "/");
  try {
    return new URL(read, origin + "/").origin !== origin;
  } catch {
    return true;
  }
}

export function problemsOf(a: Answer, expect: Expectation, origin: string): Problem[] {
  const problems: Problem[] = [];
  if (a.status >= 500) {
    problems.push({ kind: `answered ${a.status}`, detail: a.errors[0] ?? shorten(plainText(a.text), 160) });
    return problems;
  }
  if (a.status >= 300 && a.status < 400) {
    if (!a.location) problems.push({ kind: "redirect without a Location" });
    else if (offSite(a.location, origin)) problems.push({ kind: "redirects off-site", detail: a.location });
    return problems;
  }
  if (a.errors.length) problems.push({ kind: "logged an error", detail: a.errors[0] });
  problems.push(...strayNul(a, expect.sent ?? (expect.pairs ?? []).flat().join("")));
  if (a.status < 400) return problems;

  if (a.text.trim() === "") return [...problems, { kind: `empty ${a.status} body` }];
  if (STACK.test(a.text))
    problems.push({ kind: "stack trace in the answer", detail: STACK.exec(a.text)![0] });
  const json = a.type.includes("json");
  if (expect.api && !json) problems.push({ kind: `API answered ${a.status} as ${a.type.split(";")[0]}` });
  if (json) {
    let code: unknown;
    try {
      code = (JSON.parse(a.text) as { error?: { code?: unknown } }).error?.code;
    } catch {
      code = undefined;
    }
    if (typeof code !== "string" || code === "")
      problems.push({ kind: `${a.status} JSON without an error code`, detail: shorten(a.text, 120) });
  } else if (a.type.includes("html")) {
    const messages = messagesOn(a.text).filter(Boolean);
    if (messages.length === 0) problems.push({ kind: `${a.status} page without a message` });
    for (const m of messages)
      if (RAW_KEY.test(m)) problems.push({ kind: `${a.status} page shows an untranslated code`, detail: m });
  }
  if (a.status === 400 && expect.pairs && a.type.includes("html")) problems.push(...echoProblems(a, expect));
  return problems;
}

/**
 * NUL bytes in an HTML page that nobody sent: react-dom 18's stream writer flushes its whole 2 KB buffer when a
 * multi-byte character does not fit at its end, zero tail included.
 */
export function strayNul(a: Answer, sent: string): Problem[] {
  if (!a.type.includes("html") || !a.text.includes("\u0000") || sent.includes("\u0000")) return [];
  const at = a.text.indexOf("\u0000");
  return [
    {
      kind: "HTML carries NUL bytes nobody sent",
      detail: JSON.stringify(a.text.slice(Math.max(0, at - 20), at + 10)),
      incidental: true,
    },
  ];
}

// eslint-disable-next-line no-control-regex
export const DROPPED_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function echoProblems(a: Answer, expect: Expectation): Problem[] {
  const pairs = expect.pairs!;
  const intact = (expect.fixed ?? []).every(
    ([name, value]) => valuesIn(pairs, name).length === 1 && valuesIn(pairs, name)[0] === value,
  );
  if (!intact) return [];
  const problems: Problem[] = [];
  for (const field of expect.echo ?? []) {
    // The server drops control characters other than tab and line breaks as it reads a form
    // (app/lib/forms.server.ts): what comes back is the typed text without them.
    const typed = valuesIn(pairs, field)[0]?.replace(DROPPED_CONTROLS, "");
    if (typed === undefined || typed === "") continue;
    const shown = html(typed);
    const has = (page: string) => page.includes(`value="${shown}"`) || page.includes(`${shown}</textarea>`);
    if (has(a.text)) continue;
    if (!typed.includes("\u0000") && has(a.text.replaceAll("\u0000", "")))
      problems.push({
        kind: `400 garbles what was typed in ${field} (NUL bytes in the HTML)`,
        incidental: true,
      });
    else problems.push({ kind: `400 lost what was typed in ${field}` });
  }
  for (const field of expect.secrets ?? []) {
    const typed = valuesIn(pairs, field)[0];
    if (typed && typed.length >= 8 && a.text.includes(`value="${html(typed)}"`))
      problems.push({ kind: `400 sent ${field} back` });
  }
  return problems;
}

// ───────────────────────────── the runner ─────────────────────────────

export interface FuzzOptions {
  seed: number;
  numRuns: number;
  /** After the runs, how long to spend shrinking the failures found (each kind in turn). */
  shrinkMs?: number;
}

interface Seen {
  /** The smallest input seen to give it, as brief() shows it. */
  input: string;
  detail: string;
  count: number;
  /** The run that showed it first, and the shrunk counterexample with its replay path. */
  run?: number;
  shrunk?: { input: string; path: string };
}

/**
 * Run `check` over `numRuns` inputs from `arb` with a fixed seed, all of them whatever fails: every distinct
 * problem (its `kind` on its route) is kept with the smallest input that showed it. Then each kind in turn is
 * replayed from the run that first showed it and shrunk by fast-check (within `shrinkMs` in all). Fails with
 * every kind, its shrunk input and how to replay it: FUZZ_SEED and FUZZ_PATH replay one input (FUZZ_RUNS
 * widens a run). Incidental problems do not fail the property: they are kept for incidentalProblems().
 */
export async function fuzz<T>(
  label: string,
  arb: fc.Arbitrary<T>,
  check: (input: T) => Promise<Array<Problem & { where: string }>>,
  options: FuzzOptions,
): Promise<void> {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : options.seed;
  const numRuns = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : options.numRuns;
  const replay = process.env.FUZZ_PATH;
  const seen = new Map<string, Seen>();
  const keyOf = (p: Problem & { where: string }) => `${p.where} → ${p.kind}`;
  let run = 0;
  let exploring = true;

  /** Check one input, keeping what it shows; the keys of its (not incidental) problems. */
  const probe = async (input: T): Promise<string[]> => {
    const all = await check(input);
    const shown = brief(input);
    for (const p of all.filter((x) => x.incidental)) {
      const before = strays.get(keyOf(p));
      strays.set(keyOf(p), {
        input: before?.input ?? shown,
        detail: before?.detail ?? p.detail ?? "",
        count: (before?.count ?? 0) + 1,
      });
    }
    const problems = all.filter((x) => !x.incidental);
    for (const p of problems) {
      const before = seen.get(keyOf(p));
      if (!before)
        seen.set(keyOf(p), {
          input: shown,
          detail: p.detail ?? "",
          count: 1,
          run: exploring ? run : undefined,
        });
      else {
        before.count += 1;
        if (shown.length < before.input.length)
          Object.assign(before, { input: shown, detail: p.detail ?? "" });
      }
    }
    return problems.map(keyOf);
  };

  const explored = await fc.check(
    fc.asyncProperty(arb, async (input) => {
      const keys = await probe(input);
      run += 1;
      return replay ? keys.length === 0 : true;
    }),
    { seed, numRuns, ...(replay ? { path: replay, endOnFailure: true } : {}) },
  );
  exploring = false;
  // A check that threw (not a wrong answer: a fixture that could not be made) stops the runs.
  const crash = explored.failed && !replay ? explored.errorInstance : null;
  if (crash && seen.size === 0) throw crash;

  const deadline = Date.now() + (options.shrinkMs ?? 10_000);
  for (const [key, kind] of replay ? [] : seen) {
    if (Date.now() > deadline) break;
    if (kind.run === undefined) continue;
    const shrunk = await fc.check(
      fc.asyncProperty(arb, async (input) => Date.now() > deadline || !(await probe(input)).includes(key)),
      { seed, path: String(kind.run), numRuns: 1 },
    );
    if (shrunk.failed && shrunk.counterexample)
      kind.shrunk = { input: brief(shrunk.counterexample[0]), path: shrunk.counterexamplePath ?? "" };
  }
  if (seen.size === 0) return;

  const lines = [
    `${label}: ${seen.size} kind(s) of wrong answer in ${run} of ${numRuns} runs (seed ${seed})`,
  ];
  if (crash) lines.push(`the runs stopped on: ${String(crash)}`);
  for (const [key, s] of seen) {
    lines.push(`• ${key}  [${s.count}×]`);
    if (s.detail) lines.push(`    server: ${s.detail}`);
    if (s.shrunk)
      lines.push(
        `    shrunk input: ${s.shrunk.input}`,
        `    replay: FUZZ_SEED=${seed} FUZZ_PATH=${s.shrunk.path}`,
      );
    if (!s.shrunk || s.input !== s.shrunk.input) lines.push(`    smallest input seen: ${s.input}`);
  }
  throw new Error(lines.join("\n"));
}

/** Incidental problems (not caused by the input) seen by every property so far, reported by their own test. */
const strays = new Map<string, Seen>();

export function resetIncidentalProblems() {
  strays.clear();
}

export function incidentalProblems(): string[] {
  const byKind = new Map<string, Array<[string, Seen]>>();
  for (const [key, seen] of strays) {
    const [where, kind] = key.split(" → ") as [string, string];
    byKind.set(kind, [...(byKind.get(kind) ?? []), [where, seen]]);
  }
  return [...byKind].map(([kind, seen]) => {
    const total = seen.reduce((n, [, s]) => n + s.count, 0);
    const [where, first] = seen[0]!;
    return (
      `${kind}: ${total}× on ${seen.length} route(s), e.g. ${first.detail} on ${where}\n` +
      `    routes: ${seen
        .slice(0, 12)
        .map(([w]) => w)
        .join(", ")}${seen.length > 12 ? ", …" : ""}`
    );
  });
}

export function shorten(s: string, max: number) {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A short, exact-enough picture of an input: long strings as unit×count or their start and length. */
export function brief(value: unknown): string {
  const short = (s: string): string => {
    if (s.length <= 60) return JSON.stringify(s);
    for (let n = 1; n <= 16; n++) {
      if (s.length % n) continue;
      const unit = s.slice(0, n);
      if (unit.repeat(s.length / n) === s) return `${JSON.stringify(unit)}×${s.length / n}`;
    }
    return `${JSON.stringify(s.slice(0, 40))}…(${s.length} chars)`;
  };
  const walk = (v: unknown): string => {
    if (typeof v === "string") return short(v);
    if (Array.isArray(v)) return `[${v.map(walk).join(", ")}]`;
    if (v && typeof v === "object")
      return `{${Object.entries(v)
        .map(([k, x]) => `${k}: ${walk(x)}`)
        .join(", ")}}`;
    return String(v);
  };
  return walk(value);
}

// ───────────────────────────── the database afterwards ─────────────────────────────

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");
const ACTIVE_BOOKING = list(["held", "pending_approval", "pending_payment", "booked"]);

/** What no request may leave behind, as SQL counting the rows that break it (0 when it holds). */
export const INVARIANTS: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: "cooperative user without a membership",
    sql: `SELECT COUNT(*) AS n FROM users u WHERE u.role = 'cooperative'
          AND NOT EXISTS (SELECT 1 FROM cooperative_members m WHERE m.user_id = u.id)`,
  },
  {
    name: "cooperative without a member",
    sql: `SELECT COUNT(*) AS n FROM cooperatives c
          WHERE NOT EXISTS (SELECT 1 FROM cooperative_members m WHERE m.cooperative_id = c.id)`,
  },
  {
    name: "cooperative without a sector",
    sql: `SELECT COUNT(*) AS n FROM cooperatives c
          WHERE NOT EXISTS (SELECT 1 FROM cooperative_sectors s WHERE s.cooperative_id = c.id)`,
  },
  {
    name: "sector outside the list",
    sql: `SELECT COUNT(*) AS n FROM cooperative_sectors WHERE sector NOT IN (${list(SECTORS)})`,
  },
  {
    name: "rejected cooperative without a reason",
    sql: `SELECT COUNT(*) AS n FROM cooperatives WHERE status = 'rejected' AND rejection_reason IS NULL`,
  },
  {
    name: "membership of a missing user or cooperative",
    sql: `SELECT COUNT(*) AS n FROM cooperative_members m
          WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = m.user_id)
             OR NOT EXISTS (SELECT 1 FROM cooperatives c WHERE c.id = m.cooperative_id)`,
  },
  {
    name: "user of a missing organisation",
    sql: `SELECT COUNT(*) AS n FROM users u WHERE u.organisation_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = u.organisation_id)`,
  },
  {
    name: "session of a missing user",
    sql: `SELECT COUNT(*) AS n FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id)`,
  },
  {
    name: "product price or stock out of bounds",
    sql: `SELECT COUNT(*) AS n FROM products WHERE price_vnd < 0 OR price_vnd > ${MAX_PRICE_VND}
          OR stock < 0 OR min_order_qty < 1`,
  },
  {
    name: "certification outside the list",
    sql: `SELECT COUNT(*) AS n FROM product_certifications WHERE certification NOT IN (${list(CERTIFICATIONS)})`,
  },
  {
    name: "child row of a missing product",
    sql: `SELECT (SELECT COUNT(*) FROM product_certifications x WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = x.product_id))
               + (SELECT COUNT(*) FROM product_images x WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = x.product_id))
               + (SELECT COUNT(*) FROM product_batches x WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = x.product_id))
               + (SELECT COUNT(*) FROM product_ocop x WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = x.product_id))
               + (SELECT COUNT(*) FROM cart_items x WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = x.product_id))
            AS n`,
  },
  {
    name: "product of a missing cooperative",
    sql: `SELECT COUNT(*) AS n FROM products p WHERE NOT EXISTS (SELECT 1 FROM cooperatives c WHERE c.id = p.cooperative_id)`,
  },
  {
    name: "cart line out of bounds or of a missing cart",
    sql: `SELECT COUNT(*) AS n FROM cart_items i WHERE i.quantity < 1 OR i.quantity > ${MAX_LINE_QUANTITY}
          OR NOT EXISTS (SELECT 1 FROM carts c WHERE c.id = i.cart_id)`,
  },
  {
    name: "checkout without orders",
    sql: `SELECT COUNT(*) AS n FROM checkouts c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.checkout_id = c.id)`,
  },
  {
    name: "order without items",
    sql: `SELECT COUNT(*) AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)`,
  },
  {
    name: "order without its history",
    sql: `SELECT COUNT(*) AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id)`,
  },
  {
    name: "order of a missing checkout, item of a missing order",
    sql: `SELECT (SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM checkouts c WHERE c.id = o.checkout_id))
               + (SELECT COUNT(*) FROM order_items i WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = i.order_id))
            AS n`,
  },
  {
    name: "order line total is not price × quantity",
    sql: `SELECT COUNT(*) AS n FROM order_items WHERE quantity < 1 OR unit_price_vnd < 0
          OR line_total_vnd <> unit_price_vnd * quantity`,
  },
  {
    name: "order subtotal is not the sum of its lines",
    sql: `SELECT COUNT(*) AS n FROM orders o
          WHERE o.subtotal_vnd <> (SELECT COALESCE(SUM(i.line_total_vnd), 0) FROM order_items i WHERE i.order_id = o.id)`,
  },
  {
    name: "checkout total is not the sum of its orders, or over the bound",
    sql: `SELECT COUNT(*) AS n FROM checkouts c WHERE c.total_vnd > ${MAX_CHECKOUT_VND}
          OR c.total_vnd <> (SELECT COALESCE(SUM(o.subtotal_vnd), 0) FROM orders o WHERE o.checkout_id = c.id)`,
  },
  {
    name: "shipped order without carrier and tracking number",
    sql: `SELECT COUNT(*) AS n FROM orders WHERE status IN ('shipped', 'delivered')
          AND (carrier IS NULL OR tracking_number IS NULL)`,
  },
  {
    name: "booking holds a booth it should not (or lost the one it should hold)",
    sql: `SELECT COUNT(*) AS n FROM booth_bookings
          WHERE (status IN (${ACTIVE_BOOKING}) AND (active_booth_id IS NULL OR active_booth_id <> booth_id))
             OR (status NOT IN (${ACTIVE_BOOKING}) AND active_booth_id IS NOT NULL)`,
  },
  {
    name: "booking without its history",
    sql: `SELECT COUNT(*) AS n FROM booth_bookings b
          WHERE NOT EXISTS (SELECT 1 FROM booking_events e WHERE e.booking_id = b.id)`,
  },
  {
    name: "booking shows another cooperative's product",
    sql: `SELECT COUNT(*) AS n FROM booking_products bp
          JOIN booth_bookings b ON b.id = bp.booking_id
          JOIN products p ON p.id = bp.product_id
          WHERE p.cooperative_id <> b.cooperative_id`,
  },
  {
    name: "booth in another fair's hall, or priced out of bounds",
    sql: `SELECT COUNT(*) AS n FROM booths b JOIN fair_halls h ON h.id = b.hall_id
          WHERE h.fair_id <> b.fair_id OR b.price_vnd < 0 OR b.price_vnd > ${MAX_PRICE_VND}`,
  },
  {
    name: "fair ends before it starts, or closes booking before it opens",
    sql: `SELECT COUNT(*) AS n FROM fairs WHERE ends_on < starts_on OR booking_closes_at <= booking_opens_at`,
  },
];

type Db = Container["db"];

/**
 * Text longer than its column: MySQL refuses it (a 500 when nothing checked the length after the last change to
 * the text), SQLite stores it silently. One check per VARCHAR column of every model.
 */
export function columnLimits(db: Db): Array<{ name: string; sql: string }> {
  const length = db.sequelize.getDialect() === "mysql" ? "CHAR_LENGTH" : "LENGTH";
  const out: Array<{ name: string; sql: string }> = [];
  for (const model of Object.values(db.sequelize.models)) {
    const table = model.getTableName() as string;
    for (const attribute of Object.values(model.getAttributes())) {
      const type = attribute.type as { key?: string; _length?: number };
      if (type.key !== "STRING" || !type._length) continue;
      const column = attribute.field ?? "";
      out.push({
        name: `${table}.${column} longer than ${type._length}`,
        sql: `SELECT COUNT(*) AS n FROM \`${table}\` WHERE ${length}(\`${column}\`) > ${type._length}`,
      });
    }
  }
  return out;
}

/** How many rows of these tables hold text longer than its column, per column (SQLite keeps it, MySQL refuses). */
export async function overlongText(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const { name, sql } of columnLimits(db).filter((c) =>
    tables.some((t) => c.name.startsWith(`${t}.`)),
  )) {
    const [rows] = await db.sequelize.query(sql);
    found[name] = Number((rows as Array<{ n: unknown }>)[0]?.n ?? 0);
  }
  return found;
}

/** The columns that got more over-long text between two overlongText() counts, as problems. */
export function overlongProblems(before: Record<string, number>, after: Record<string, number>): Problem[] {
  return Object.keys(after)
    .filter((name) => after[name]! > (before[name] ?? 0))
    .map((name) => ({ kind: `stored text longer than its column: ${name}` }));
}

/** How many rows break each invariant (column limits included). */
export async function invariantCounts(db: Db, transaction?: Transaction): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const { name, sql } of [...INVARIANTS, ...columnLimits(db)]) {
    const [rows] = await db.sequelize.query(sql, { transaction });
    counts.set(name, Number((rows as Array<{ n: unknown }>)[0]?.n ?? 0));
  }
  return counts;
}

/** Invariants broken by more rows than before. */
export function newlyBroken(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after]
    .filter(([name, n]) => n > (before.get(name) ?? 0))
    .map(([name, n]) => `${name}: ${n - (before.get(name) ?? 0)} more row(s)`);
}

/** Row counts of some tables (and total stock), to see whether a refused request wrote anything. */
export async function snapshot(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const sql =
      table === "stock"
        ? "SELECT COALESCE(SUM(stock), 0) AS n FROM products"
        : `SELECT COUNT(*) AS n FROM ${table}`;
    const [rows] = await db.sequelize.query(sql);
    out[table] = Number((rows as Array<{ n: unknown }>)[0]?.n ?? 0);
  }
  return out;
}

/** What changed between two snapshots, as "table +n". */
export function changes(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(before)
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k} ${after[k]! - before[k]! > 0 ? "+" : ""}${after[k]! - before[k]!}`);
}

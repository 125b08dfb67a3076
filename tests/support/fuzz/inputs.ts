/**
 * What the fuzzer types: hostile text and numbers (fast-check arbitraries), raw bytes and odd field names, and
 * the departures from a valid form that one submission makes.
 */
import fc from "fast-check";

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

/** One field of a submission as it goes on the wire. */
export interface Entry {
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

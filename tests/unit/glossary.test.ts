/**
 * One glossary, enforced: docs/glossary.md holds the preferred and the rejected words (issue 17). This file reads the
 * table between its `glossary-rules` markers and holds every string in app/locales/{vi,en}/*.json to it, so the
 * document and the check cannot drift apart.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

type Lang = "vi" | "en";
const LANGS: readonly Lang[] = ["vi", "en"];

interface Rule {
  lang: Lang;
  concept: string;
  /** The rejected word or phrase, as written in the table. */
  avoid: string;
  /** Longer phrases containing the word that are legitimate. */
  allow: string[];
  /** Only in running text, not in short labels. */
  sentencesOnly: boolean;
  /** The preferred term, as the table's cell says it. */
  preferred: string;
  why: string;
}

interface Row {
  concept: string;
  preferred: Record<Lang, string>;
  why: string;
  rules: Rule[];
}

interface Finding {
  file: string;
  key: string;
  text: string;
  /** What matched, as written in the string. */
  found: string;
  rule: Rule;
}

const HEADER = ["Concept", "Tiếng Việt", "Avoid (vi)", "English", "Avoid (en)", "Why"];

/** The cells of one markdown table row (no cell in the glossary holds a pipe). */
const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim());

/** A cell's entries: split at `;` outside `code` and parentheses, so "(ok: …)" lists stay whole. */
function entries(cell: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inCode = false;
  let current = "";
  for (const ch of cell) {
    if (ch === "`") inCode = !inCode;
    else if (!inCode && ch === "(") depth++;
    else if (!inCode && ch === ")") depth--;
    if (ch === ";" && !inCode && depth === 0) {
      out.push(current.trim());
      current = "";
    } else current += ch;
  }
  out.push(current.trim());
  return out.filter((e) => e !== "");
}

const codeSpans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

function parseAvoid(cell: string, lang: Lang, row: Omit<Row, "rules">): Rule[] {
  if (cell === "—" || cell === "") return [];
  return entries(cell).map((entry) => {
    const avoid = /^`([^`]+)`/.exec(entry)?.[1];
    if (!avoid)
      throw new Error(`glossary, ${row.concept}: “${entry}” does not start with a word in backticks`);
    const ok = /\(ok:([^)]*)\)/.exec(entry)?.[1] ?? "";
    return {
      lang,
      concept: row.concept,
      avoid,
      allow: codeSpans(ok),
      sentencesOnly: /\(in sentences\)/.test(entry),
      preferred: row.preferred[lang],
      why: row.why,
    };
  });
}

function parseGlossary(markdown: string): Row[] {
  const start = markdown.indexOf("<!-- glossary-rules:start -->");
  const end = markdown.indexOf("<!-- glossary-rules:end -->");
  if (start < 0 || end < start) throw new Error("glossary: the glossary-rules markers are missing");
  const lines = markdown
    .slice(start, end)
    .split("\n")
    .filter((l) => l.trim().startsWith("|"));
  const [header, separator, ...body] = lines;
  if (!header || !separator || JSON.stringify(cells(header)) !== JSON.stringify(HEADER)) {
    throw new Error(`glossary: the table's header must be | ${HEADER.join(" | ")} |`);
  }
  return body.map((line) => {
    const c = cells(line);
    if (c.length !== HEADER.length) throw new Error(`glossary: a row needs ${HEADER.length} cells: ${line}`);
    const [concept, vi, avoidVi, en, avoidEn, why] = c as [string, string, string, string, string, string];
    const row = { concept, preferred: { vi, en }, why };
    return { ...row, rules: [...parseAvoid(avoidVi, "vi", row), ...parseAvoid(avoidEn, "en", row)] };
  });
}

// A word is a run of letters, combining marks and digits in any script: "nhãn" is not inside "nhãnh", and JavaScript's
// ASCII-only \b would see a boundary in the middle of "hãy".
const WORD = "[\\p{L}\\p{M}\\p{N}]";
const startsWithWord = new RegExp(`^${WORD}`, "u");
const endsWithWord = new RegExp(`${WORD}$`, "u");
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whole-word, case-insensitive, NFC; spaces in a term match any run of white space. */
function termRegExp(term: string): RegExp {
  const t = term.normalize("NFC");
  const body = t.split(/\s+/).map(escape).join("\\s+");
  const before = startsWithWord.test(t) ? `(?<!${WORD})` : "";
  const after = endsWithWord.test(t) ? `(?!${WORD})` : "";
  return new RegExp(`${before}${body}${after}`, "giu");
}

/** NFC, and placeholders without their names: `{{max, currency(VND)}}` → `{{}}`. */
const prepare = (text: string) => text.normalize("NFC").replace(/{{[^}]*}}/g, "{{}}");

/** Running text, as opposed to a short label: more than six words, or a sentence's punctuation. */
const isRunningText = (text: string) => /[.!?;:…](\s|$)/u.test(text) || text.trim().split(/\s+/).length > 6;

const spans = (text: string, term: string) =>
  [...text.matchAll(termRegExp(term))].map((m) => [m.index, m.index + m[0].length] as const);

function check(text: string, rules: Rule[]): Array<{ found: string; rule: Rule }> {
  const prepared = prepare(text);
  const running = isRunningText(prepared);
  const out: Array<{ found: string; rule: Rule }> = [];
  for (const rule of rules) {
    if (rule.sentencesOnly && !running) continue;
    const allowed = rule.allow.flatMap((phrase) => spans(prepared, phrase));
    for (const [from, to] of spans(prepared, rule.avoid)) {
      if (allowed.some(([a, b]) => a <= from && to <= b)) continue;
      out.push({ found: prepared.slice(from, to), rule });
    }
  }
  return out;
}

/** Every string of a set of resource files ({ "catalogue.json": {...} }), checked against one language's rules. */
function findViolations(files: Record<string, unknown>, rules: Rule[]): Finding[] {
  const findings: Finding[] = [];
  const walk = (file: string, value: unknown, key: string) => {
    if (typeof value === "string") {
      const seen = new Set<string>();
      for (const hit of check(value, rules)) {
        // "tối đa 12 nhãn, mỗi nhãn 40 ký tự" is one problem, not two.
        const id = `${hit.rule.avoid}\u0000${hit.found.toLocaleLowerCase()}`;
        if (seen.has(id)) continue;
        seen.add(id);
        findings.push({ file, key, text: value, ...hit });
      }
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(file, v, key ? `${key}.${k}` : k);
    }
  };
  for (const [file, content] of Object.entries(files)) walk(file, content, "");
  return findings;
}

const describeFinding = (f: Finding) =>
  `${f.rule.lang}/${f.file} › ${f.key}: “${f.found}” (${f.rule.concept}) → ${f.rule.preferred.replace(/`/g, "")}` +
  ` — in “${f.text}”`;

const rows = parseGlossary(readFileSync(path.resolve("docs/glossary.md"), "utf8"));
const rulesFor = (lang: Lang) => rows.flatMap((r) => r.rules).filter((r) => r.lang === lang);

function loadLocale(lang: Lang): Record<string, unknown> {
  const dir = path.resolve("app/locales", lang);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => [f, JSON.parse(readFileSync(path.join(dir, f), "utf8")) as unknown]),
  );
}

describe("the glossary table", () => {
  it("gives every concept a preferred term in both languages and a reason", () => {
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) {
      expect(row.preferred.vi, row.concept).not.toBe("");
      expect(row.preferred.en, row.concept).not.toBe("");
      expect(row.why, row.concept).not.toBe("");
    }
    expect(rulesFor("vi").length).toBeGreaterThan(20);
    expect(rulesFor("en").length).toBeGreaterThan(20);
  });

  it("never rejects a term it prefers", () => {
    const contradictions = LANGS.flatMap((lang) =>
      rows.flatMap((row) =>
        codeSpans(row.preferred[lang]).flatMap((term) =>
          check(term, rulesFor(lang)).map(
            (hit) => `${lang}, ${row.concept}: “${term}” hits “${hit.rule.avoid}”`,
          ),
        ),
      ),
    );
    expect(contradictions).toEqual([]);
  });
});

describe("the checker", () => {
  const vi = (strings: Record<string, string>) =>
    findViolations({ "demo.json": { sample: strings } }, rulesFor("vi"));
  const en = (strings: Record<string, string>) =>
    findViolations({ "demo.json": { sample: strings } }, rulesFor("en"));
  const keysOf = (findings: Finding[]) => [...new Set(findings.map((f) => f.key))].sort();

  it("flags a rejected word and names the file, the key, the word and the preferred term", () => {
    const [finding, ...rest] = vi({ tags: "Nhãn" });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ file: "demo.json", key: "sample.tags", found: "Nhãn" });
    expect(describeFinding(finding!)).toMatch(
      /^vi\/demo\.json › sample\.tags: “Nhãn” \(Keywords \(product tags\)\) → từ khóa/,
    );
  });

  it("matches whole words, in any case, on composed or decomposed Vietnamese", () => {
    const findings = vi({
      decomposed: "Thêm nhãn cho sản phẩm".normalize("NFD"),
      upper: "HÃY THỬ LẠI",
      trademark: "Nhãn hiệu đã được bảo hộ",
      fruit: "Long nhãn Hưng Yên",
      inside: "Thị trường mở bánh",
    });
    expect(keysOf(findings)).toEqual(["sample.decomposed", "sample.upper"]);
    expect(keysOf(en({ tag: "Add tags", stage: "The stage is set", ok: "Union of cooperatives" }))).toEqual([
      "sample.tag",
    ]);
  });

  it("keeps labels apart from sentences and sees through placeholders", () => {
    const findings = vi({
      label: "HTX đã duyệt",
      sentence: "Hồ sơ của HTX đã được duyệt.",
      brand: "HTX Connect đã gửi thư cho bạn.",
      orderCode: "Ví dụ: HTX-7K3M9QPX, mã in trên hóa đơn.",
      doubled: "Hợp tác xã {{cooperative}} đã được duyệt",
      format: "Một lần đặt hàng tối đa {{max, currency(VNĐ)}}.",
    });
    expect(keysOf(findings)).toEqual(["sample.doubled", "sample.sentence"]);
    expect(findings.find((f) => f.key === "sample.doubled")?.rule.avoid).toBe("hợp tác xã {{");
  });

  it("catches the review's English findings", () => {
    const findings = en({
      status: "On sale",
      union: "Reviewed by the cooperative union.",
      unit: "pot",
      price: "Price (đồng)",
      noodles: "Bắc Kạn canna vermicelli",
      fine: "Bắc Kạn dong vermicelli, Listed, Price (VND)",
    });
    expect(keysOf(findings)).toEqual([
      "sample.noodles",
      "sample.price",
      "sample.status",
      "sample.union",
      "sample.unit",
    ]);
  });
});

describe("the translations", () => {
  it.each(LANGS)("in %s use the glossary's words", (lang) => {
    const files = loadLocale(lang);
    expect(Object.keys(files).length).toBeGreaterThan(10);
    expect(findViolations(files, rulesFor(lang)).map(describeFinding)).toEqual([]);
  });
});

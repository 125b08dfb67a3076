/**
 * What every answer must look like: a success, or a 4xx with a translated message (never a 500 or a stack
 * trace), redirects to this site only, and a refused form that keeps what was typed (passwords excepted).
 */
import { valuesIn } from "./bodies";
import { shorten } from "./brief";
import type { Pair } from "./inputs";
import type { Answer } from "./visitor";
import { html } from "../text";

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

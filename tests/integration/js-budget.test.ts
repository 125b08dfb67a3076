import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resources } from "../../app/i18n";
import { SERVER_ONLY_NAMESPACES } from "../../server/i18n";
import { LOCALES } from "../../server/vocabulary/locale";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Issue 14: no public page makes the browser download more than 120 KB of gzip-compressed JavaScript. A page's
 * JavaScript is what its <script type="module"> and modulepreload links pull in: the entry, the root route and
 * the route chain down to the page, with every module they import statically (lazy `import()` is left out: it
 * loads only when used). Run against the built assets (`npm run build` first), as they are served.
 *
 * The translations are not JavaScript: the browser fetches its own language's (without the server's mails) as a
 * JSON document at a content-hashed address, preloaded by the document; the second part checks that document.
 */

const BUDGET_BYTES = 120 * 1024;
const PUBLIC_PAGES = [
  "root",
  "routes/_index",
  "routes/products._index",
  "routes/products.$slug",
  "routes/cooperatives._index",
  "routes/cooperatives.$slug",
  "routes/fairs._index",
  "routes/fairs.$slug",
  "routes/cart",
  "routes/login",
  "routes/demands._index",
  "routes/conferences._index",
  "routes/trace.$code",
];

const PUBLIC_DIR = path.resolve("public");
const BUILD_DIR = path.join(PUBLIC_DIR, "build");

interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}
interface Manifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, ManifestRoute>;
}

function readManifest(): Manifest {
  const file = readdirSync(BUILD_DIR).find((f) => /^manifest-[\w-]+\.js$/.test(f));
  if (!file) throw new Error(`no manifest in ${BUILD_DIR}: run npm run build`);
  const source = readFileSync(path.join(BUILD_DIR, file), "utf8");
  return JSON.parse(source.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;
}

const sources = new Map<string, string>();
/** A built file's text, by its URL (/build/…). */
function source(url: string): string {
  let text = sources.get(url);
  if (text === undefined) {
    text = readFileSync(path.join(PUBLIC_DIR, url), "utf8");
    sources.set(url, text);
  }
  return text;
}

const gzipped = new Map<string, number>();
function gzipSize(url: string): number {
  let size = gzipped.get(url);
  if (size === undefined) {
    size = gzipSync(Buffer.from(source(url), "utf8")).length;
    gzipped.set(url, size);
  }
  return size;
}

/** `url` and every module it imports statically (`import … from "/build/…"` and `import "/build/…"`), into `into`. */
function addWithImports(url: string, into: Set<string>) {
  if (into.has(url)) return;
  into.add(url);
  for (const m of source(url).matchAll(/\bimport\s*(?:[^"'()]*?\bfrom\s*)?["'](\/build\/[^"']+\.js)["']/g))
    addWithImports(m[1]!, into);
}

/**
 * Every JavaScript file a first visit to the route's page loads: the entry and the route chain. (With lazy route
 * discovery the manifest file is not loaded: the document carries the part of it the page needs, inline.)
 */
function pageFiles(manifest: Manifest, routeId: string): string[] {
  const files = new Set<string>();
  addWithImports(manifest.entry.module, files);
  for (const url of manifest.entry.imports) addWithImports(url, files);
  for (let route = manifest.routes[routeId]; route; route = manifest.routes[route.parentId ?? ""]) {
    addWithImports(route.module, files);
    for (const url of route.imports ?? []) addWithImports(url, files);
  }
  return [...files];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe("JavaScript budget of the public pages (built assets)", () => {
  const manifest = readManifest();
  const pages = PUBLIC_PAGES.map((id) => {
    const files = pageFiles(manifest, id)
      .map((url) => ({ url, gz: gzipSize(url) }))
      .sort((a, b) => b.gz - a.gz);
    return { id, files, total: files.reduce((sum, f) => sum + f.gz, 0) };
  });

  it("knows every page it weighs (a renamed route must not pass by weighing nothing)", () => {
    expect(PUBLIC_PAGES.filter((id) => !manifest.routes[id])).toEqual([]);
  });

  it(`keeps every public page within ${kb(BUDGET_BYTES)} of gzip-compressed JavaScript`, () => {
    // What every page loads (the entry and the root route), then what each page adds: where to look when one grows.
    const everyPage = pages.find((p) => p.id === "root")!;
    const shared = new Set(everyPage.files.map((f) => f.url));
    const biggest = (files: Array<{ url: string; gz: number }>) =>
      files
        .slice(0, 4)
        .map((f) => `${path.basename(f.url)} ${kb(f.gz)}`)
        .join(", ");
    const line = (p: (typeof pages)[number]) => {
      const own = p.files.filter((f) => !shared.has(f.url));
      const ownBytes = own.reduce((sum, f) => sum + f.gz, 0);
      return p === everyPage
        ? `  ${"every page (entry + root)".padEnd(28)} ${kb(p.total).padStart(9)}: ${biggest(p.files)}`
        : `  ${p.id.padEnd(28)} ${kb(p.total).padStart(9)}: + ${kb(ownBytes)} of its own, ${biggest(own)}`;
    };
    const table = pages.map(line).join("\n");
    console.info(`JavaScript per public page, gzip (budget ${kb(BUDGET_BYTES)}):\n${table}`);
    const over = pages.filter((p) => p.total > BUDGET_BYTES).map(line);
    expect(over, `over ${kb(BUDGET_BYTES)} of gzipped JavaScript; ${line(everyPage).trim()}`).toEqual([]);
  });

  it("ships no translations inside the JavaScript", () => {
    // Long sentences of every namespace, in both languages (esbuild may escape Vietnamese, so English counts most).
    const sentences = LOCALES.flatMap((lng) =>
      Object.values(resources[lng]).flatMap((ns) =>
        strings(ns).filter((s) => s.length >= 40 && /^[\x20-\x7e]+$/.test(s)),
      ),
    );
    expect(sentences.length).toBeGreaterThan(50);
    const files = new Set(pages.flatMap((p) => p.files.map((f) => f.url)));
    const leaks = [...files].flatMap((url) => {
      const text = source(url);
      const found = sentences.filter((s) => text.includes(s));
      return found.length ? [`${url}: ${found.length} sentence(s), e.g. ${JSON.stringify(found[0])}`] : [];
    });
    expect(leaks).toEqual([]);
  });
});

describe("the namespaces the browser is not sent", () => {
  it("are used by no code under app/ that can run in the browser", () => {
    // Such a t("notifications:…") would render fine on the server and as a bare key once hydrated.
    const pattern = new RegExp(`["'\`](${SERVER_ONLY_NAMESPACES.join("|")}):`);
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
      });
    const users = files(path.resolve("app"))
      .filter((file) => !/\.server\.tsx?$/.test(file) && pattern.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(process.cwd(), file));
    expect(users).toEqual([]);
  });
});

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("the translations document the browser loads", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });
  afterAll(async () => server?.close());

  /** The document's pointer to its language's resources: the preload and the address the entry fetches. */
  async function resourcesOf(lng: string) {
    const res = await fetch(`${server.url}/products?lng=${lng}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const head = html.slice(0, html.indexOf("</head>"));
    const preload = [...head.matchAll(/<link\b[^>]*>/g)]
      .map((m) => m[0])
      .find((tag) => tag.includes('rel="preload"') && tag.includes('as="fetch"'));
    expect(preload, "the document preloads its translations").toBeTruthy();
    // Without crossorigin the preload would not serve fetch() (a CORS-mode request) and would be downloaded twice.
    expect(preload).toContain('crossorigin="anonymous"');
    const href = /\bhref="([^"]+)"/.exec(preload!)?.[1];
    const meta = /<meta name="i18n-resources" content="([^"]+)"\/>/.exec(head)?.[1];
    expect(meta, "the document names its translations for the entry").toBeTruthy();
    const urls = JSON.parse(meta!.replaceAll("&quot;", '"').replaceAll("&amp;", "&")) as Record<
      string,
      string
    >;
    const preloaded = href!.replaceAll("&amp;", "&");
    expect(urls[lng]).toBe(preloaded);
    return { url: preloaded, urls };
  }

  it.each(LOCALES)("serves the %s resources at a content-hashed address, cached for good", async (lng) => {
    const { url, urls } = await resourcesOf(lng);
    expect(url).toMatch(new RegExp(`^/locales/${lng}\\.json\\?v=[\\w-]{8,}$`));
    expect(Object.keys(urls).sort()).toEqual([...LOCALES].sort());

    const res = await fetch(server.url + url, { headers: { "accept-encoding": "gzip" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json; charset=utf-8/);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const doc = (await res.json()) as Record<string, unknown>;
    // Every namespace but those only the server prints: the mails' words at least.
    expect(SERVER_ONLY_NAMESPACES).toContain("notifications");
    const expected = Object.keys(resources[lng]).filter(
      (ns) => !(SERVER_ONLY_NAMESPACES as readonly string[]).includes(ns),
    );
    expect(Object.keys(doc).sort()).toEqual(expected.sort());
    expect(doc).not.toHaveProperty("notifications");
    expect(doc.common).toEqual(resources[lng].common);
    expect(doc.catalogue).toEqual(resources[lng].catalogue);

    // The address alone decides the words: not the language cookie, not Accept-Language.
    const other = LOCALES.find((l) => l !== lng)!;
    const again = await fetch(server.url + url, {
      headers: { cookie: `lng=${other}`, "accept-language": other },
    });
    expect(again.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(((await again.json()) as { common: unknown }).common).toEqual(resources[lng].common);
  });

  it("answers an old or missing version with the current resources, cached briefly", async () => {
    for (const url of ["/locales/vi.json?v=khongphai", "/locales/vi.json"]) {
      const res = await fetch(server.url + url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("cache-control"), url).toMatch(/^public, max-age=\d{1,3}$/);
      expect(((await res.json()) as { common: unknown }).common).toEqual(resources.vi.common);
    }
  });

  it("answers a language it does not have with a JSON 404", async () => {
    for (const url of ["/locales/fr.json", "/locales/notifications.json?v=abc"]) {
      const res = await fetch(server.url + url);
      expect(res.status, url).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "not_found" } });
    }
  });
});

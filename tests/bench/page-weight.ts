/**
 * What each public page weighs on the wire, over the demo data and the production build (`npm run build` first):
 * the document, its style sheets, its JavaScript (module entry and preloads, with every static import) and the
 * pictures it loads at once (not the lazy ones), each compressed as served (brotli for text, pictures as they are).
 * Sizes, not timings: they do not depend on the machine, so there is no baseline to compare with.
 *
 *   npm run bench:weight
 */
import { brotliCompressSync } from "node:zlib";
import { startTestServer } from "../support/server";

const PAGES: Array<[string, (s: Subjects) => string]> = [
  ["home", () => "/"],
  ["catalogue", () => "/products"],
  ["search", () => "/products?q=tra%20tan%20cuong"],
  ["product", (s) => `/products/${s.product}`],
  ["cooperatives", () => "/cooperatives"],
  ["cooperative", (s) => `/cooperatives/${s.cooperative}`],
  ["fairs", () => "/fairs"],
  ["fair", (s) => `/fairs/${s.fair}`],
  ["cart", () => "/cart"],
  ["login", () => "/login"],
  ["demands", () => "/demands"],
  ["trace", (s) => `/trace/${s.batch}`],
];

interface Subjects {
  product: string;
  cooperative: string;
  fair: string;
  batch: string;
}

const server = await startTestServer("sqlite", {}, { demo: true });
try {
  const { models } = server.container.db;
  const subjects: Subjects = {
    product: (await models.Product.findOne({ where: { status: "active" }, order: [["id", "ASC"]] }))!.slug,
    cooperative: (await models.Cooperative.findOne({
      where: { status: "approved" },
      order: [["id", "ASC"]],
    }))!.slug,
    fair: (await models.Fair.findOne({ order: [["id", "ASC"]] }))!.slug,
    batch: (await models.ProductBatch.findOne({ order: [["id", "ASC"]] }))!.publicCode,
  };

  const fetched = new Map<string, Buffer>();
  async function get(url: string): Promise<Buffer> {
    const known = fetched.get(url);
    if (known) return known;
    const res = await fetch(new URL(url, server.url));
    if (!res.ok) throw new Error(`${url} → ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    fetched.set(url, body);
    return body;
  }
  const wire = (text: Buffer) => brotliCompressSync(text).length;
  const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];

  /** A module and everything it imports statically, once each. */
  async function moduleTree(url: string, seen: Set<string>) {
    if (seen.has(url)) return;
    seen.add(url);
    const code = (await get(url)).toString("utf8");
    for (const m of code.matchAll(
      /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g,
    )) {
      const target = new URL(m[1]!, new URL(url, server.url)).pathname;
      if (target.endsWith(".js")) await moduleTree(target, seen);
    }
  }

  const rows: string[][] = [];
  for (const [name, path] of PAGES) {
    const html = await get(path(subjects));
    const text = html.toString("utf8");
    const tags = [...text.matchAll(/<(link|script|img)\b[^>]*>/g)].map((m) => m[0]);
    const css = tags
      .filter((t) => t.startsWith("<link") && /rel="stylesheet"/.test(t))
      .map((t) => attr(t, "href")!);
    const modules = new Set<string>();
    for (const t of tags.filter((t) => t.startsWith("<link") && /rel="modulepreload"/.test(t)))
      await moduleTree(attr(t, "href")!, modules);
    for (const m of text.matchAll(/import\s*(?:\*\s*as\s*\w+\s*from\s*)?"(\/build\/[^"]+\.js)"/g))
      await moduleTree(m[1]!, modules);
    const eager = tags
      .filter((t) => t.startsWith("<img") && !/loading="lazy"/.test(t))
      .map((t) => attr(t, "src"))
      .filter((src): src is string => !!src && src.startsWith("/"));
    let cssBytes = 0;
    for (const href of css) cssBytes += wire(await get(href));
    let jsBytes = 0;
    for (const url of modules) jsBytes += wire(await get(url));
    let pictureBytes = 0;
    for (const src of eager) pictureBytes += (await get(src)).length;
    const kb = (n: number) => (n / 1024).toFixed(1);
    const total = wire(html) + cssBytes + jsBytes + pictureBytes;
    rows.push([
      name,
      kb(wire(html)),
      kb(cssBytes),
      kb(jsBytes),
      `${kb(pictureBytes)} (${eager.length})`,
      kb(total),
      String(1 + css.length + modules.size + eager.length),
    ]);
  }
  const head = ["page", "HTML KB", "CSS KB", "JS KB", "pictures at once KB (n)", "total KB", "requests"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
  console.log(
    "\nText compressed with brotli as served; pictures as stored (AVIF/WebP). Lazy pictures are left out.",
  );
} finally {
  await server.close();
}

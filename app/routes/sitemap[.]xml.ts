import type { LoaderFunctionArgs } from "@remix-run/node";

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Every public page, with its Vietnamese and English alternates. */
export async function loader({ context }: LoaderFunctionArgs) {
  const { origin } = context;
  const [products, directory] = await Promise.all([
    context.services.catalogue.listSitemapProducts(),
    context.services.cooperatives.listSitemapCooperatives(),
  ]);
  const entry = (path: string, lastmod?: string) => {
    const loc = xmlEscape(`${origin}${path}`);
    return `<url><loc>${loc}</loc>${lastmod ? `<lastmod>${lastmod.slice(0, 10)}</lastmod>` : ""}<xhtml:link rel="alternate" hreflang="vi" href="${loc}${path.includes("?") ? "&amp;" : "?"}lng=vi"/><xhtml:link rel="alternate" hreflang="en" href="${loc}${path.includes("?") ? "&amp;" : "?"}lng=en"/></url>`;
  };
  const urls = [
    entry("/"),
    entry("/products"),
    entry("/cooperatives"),
    ...directory.map((c) => entry(`/cooperatives/${c.slug}`, c.updatedAt)),
    ...products.map((p) => entry(`/products/${p.slug}`, p.updatedAt)),
  ];
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join("\n")}\n</urlset>\n`;
  return new Response(body, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}

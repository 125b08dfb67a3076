import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCooperative, makeUser, PASSWORD } from "../support/factories";
import { startTestServer, type TestServer } from "../support/server";

const base = {
  descriptionVi: "Sản phẩm đặc sản của hợp tác xã, đóng gói cẩn thận.",
  unit: "goi",
  minOrderQty: "1",
  stock: "50",
  status: "active",
  originProvinceCode: "19",
  originRegion: "Na Rì, Bắc Kạn",
  certifications: [] as string[],
  tags: "",
};

/** The public catalogue over HTTP: pages, JSON API, SEO files. */
describe("storefront", () => {
  let server: TestServer;
  let teaSlug: string;
  let publicCode: string;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
    const c = server.container;
    const owner = await makeUser(c, { role: "cooperative", email: "nari@htx.vn" });
    await makeCooperative(c, {
      name: "HTX Nông sản Tài Hoan",
      provinceCode: "19",
      wardCode: "02185",
      ownerId: owner.id,
    });
    const { token } = await c.services.accounts.login({
      form: { email: owner.email, password: PASSWORD },
      meta: { ip: null, userAgent: null, locale: "vi" },
    });
    const member = (await c.services.accounts.getUserForSession({ token }))!;
    await c.services.catalogue.createProduct(member, {
      ...base,
      sku: "MD-500",
      nameVi: "Miến dong Na Rì gói 500g",
      nameEn: "Na Rì canna vermicelli 500 g",
      category: "vermicelli_noodles",
      priceVnd: "65000",
      certifications: ["vietgap"],
    });
    const tea = await c.services.catalogue.createProduct(member, {
      ...base,
      sku: "TR-1",
      nameVi: "Trà <b>đặc biệt</b> Tân Cương",
      category: "tea",
      priceVnd: "250000",
      unit: "hop",
    });
    teaSlug = tea.slug;
    await c.services.catalogue.createProduct(member, {
      ...base,
      sku: "DRAFT-1",
      nameVi: "Miến dong bản nháp",
      category: "vermicelli_noodles",
      priceVnd: "10000",
      status: "draft",
    });
    publicCode = (
      await c.services.catalogue.addBatch(member, {
        productId: tea.id,
        form: {
          lotCode: "TR2026-01",
          producedOn: "2026-04-02",
          quantity: "300",
        },
      })
    ).publicCode;
    await c.worker.drain();
  });
  afterAll(async () => server?.close());

  const get = (path: string, lang = "vi") =>
    fetch(server.url + path, { headers: { "accept-language": lang } });

  it("lists products with facets, finds them without diacritics, and keeps the state in the URL", async () => {
    const res = await get("/products?q=mien+dong&category=vermicelli_noodles");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<mark>Miến</mark> <mark>dong</mark> Na Rì gói 500g");
    expect(html).not.toContain("bản nháp");
    expect(html).toMatch(
      /href="\/products\?q=mien\+dong"[^>]*>[^<]*<span[^>]*>☑<\/span> <!-- -->Miến, bún, phở/,
    );
    expect(html).toContain("65.000");
  });

  it("serves a product page with JSON-LD, canonical and hreflang links, escaping what users typed", async () => {
    const html = await (await get(`/products/${teaSlug}`)).text();
    expect(html).toContain(`<link rel="canonical" href="${server.url}/products/${teaSlug}"`);
    expect(html).toMatch(/hrefLang="en"|hreflang="en"/i);
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(ld).toMatchObject({
      "@type": "Product",
      offers: { priceCurrency: "VND", price: 250000, availability: "https://schema.org/InStock" },
    });
    expect(html).not.toContain("<b>đặc biệt</b>");
    expect(html).toContain("Lô TR2026-01");
  });

  it("answers the JSON API, and names the bad parameter with a 400", async () => {
    const ok = await (await get("/api/v1/products?q=vermicelli&locale=en")).json();
    expect(ok.total).toBe(1);
    expect(ok.hits[0]).toMatchObject({
      name: "Na Rì canna vermicelli 500 g",
      priceVnd: 65000,
      unit: "goi",
      province: "19",
      cooperative: { name: "HTX Nông sản Tài Hoan" },
    });
    expect(ok.facets.category).toMatchObject({ vermicelli_noodles: 1 });
    for (const [query, parameter] of [
      ["ocop_min=9", "ocop_min"],
      ["per_page=1000", "per_page"],
      ["province=xx", "province"],
      ["sort=cheapest", "sort"],
      ["cooperative=khong-co", "cooperative"],
    ]) {
      const res = await get(`/api/v1/products?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()).error, query).toMatchObject({ code: "invalid_parameter", parameter });
    }
    const one = await get(`/api/v1/products/${teaSlug}`);
    expect((await one.json()).batches[0].traceUrl).toBe(`/trace/${publicCode}`);
    const missing = await get("/api/v1/products/khong-co");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "product_not_found", params: {} } });
  });

  it("suggests products as you type", async () => {
    const body = await (await get("/api/v1/suggest?q=mien%20do")).json();
    expect(body.suggestions.map((s: { name: string }) => s.name)).toEqual(["Miến dong Na Rì gói 500g"]);
  });

  it("publishes a traceability page per batch", async () => {
    const res = await get(`/trace/${publicCode}`, "en");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("TR2026-01");
    expect(html).toContain("HTX Nông sản Tài Hoan");
    expect((await get("/trace/khong-co")).status).toBe(404);
  });

  it("has a sitemap with public pages only, and robots.txt pointing at it", async () => {
    const xml = await (await get("/sitemap.xml")).text();
    expect(xml).toContain(`${server.url}/products/${teaSlug}`);
    expect(xml).not.toContain("ban-nhap");
    expect(xml).toContain('hreflang="en"');
    const robots = await (await get("/robots.txt")).text();
    expect(robots).toContain(`Sitemap: ${server.url}/sitemap.xml`);
    expect(robots).toContain("Disallow: /cooperative/");
    expect(robots).not.toMatch(/Disallow: \/cooperatives/);
  });
});

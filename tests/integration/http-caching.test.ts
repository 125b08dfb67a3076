import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_CONTROL } from "../../server/http/caching";
import { DIALECTS } from "../support/db";
import { makeCooperative, makeProduct, makeUser, PASSWORD } from "../support/factories";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { VND } from "../support/text";

/**
 * What a CDN or a browser may keep (server/http/caching.ts, docs/decisions/0024-http-caching.md): a visitor with
 * no session and no cart gets shareable pages and API answers with a validator; anyone else, anything personal,
 * every error and every redirect stays out of shared caches.
 */
const directives = (res: Response) =>
  (res.headers.get("cache-control") ?? "")
    .split(",")
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
const vary = (res: Response) =>
  (res.headers.get("vary") ?? "")
    .split(",")
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
const nonceOf = (res: Response) =>
  /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];

describe.each(DIALECTS)("HTTP caching (%s)", (dialect) => {
  let server: TestServer;
  let product: { id: number; slug: string };
  let buyerEmail: string;
  const PRICE = 120_000;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const c = server.container;
    const coop = await makeCooperative(c, { name: "HTX Chè Tân Cương" });
    const p = await makeProduct(c, coop.id, { nameVi: "Chè búp Tân Cương 500g", priceVnd: PRICE, stock: 40 });
    product = { id: p.id, slug: p.slug };
    buyerEmail = (await makeUser(c, { fullName: "Trần Thị Mai" })).email;
    // The API's list is the search engine's.
    await c.reindex();
  });
  afterAll(async () => server?.close());

  const anonymous = (pathname: string, headers: Record<string, string> = {}) =>
    fetch(server.url + pathname, { redirect: "manual", headers: { "accept-language": "vi", ...headers } });

  it("lets a shared cache keep a visitor's product page briefly, varied by language and cookie, with an ETag", async () => {
    const first = await anonymous(`/products/${product.slug}`);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe(CACHE_CONTROL.publicPage);
    const cc = directives(first);
    expect(cc).toContain("public");
    expect(cc).toContain("max-age=0");
    expect(cc.some((d) => /^s-maxage=\d+$/.test(d))).toBe(true);
    expect(cc.some((d) => /^stale-while-revalidate=\d+$/.test(d))).toBe(true);
    expect(vary(first)).toEqual(expect.arrayContaining(["accept-language", "cookie"]));
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const body = await first.text();
    expect(body).toContain(VND.format(PRICE));

    // The CSP nonce is new on every request and is in the page, yet the page is the same one.
    const again = await anonymous(`/products/${product.slug}`);
    expect(nonceOf(again)).toBeTruthy();
    expect(nonceOf(again)).not.toBe(nonceOf(first));
    expect(body).toContain(`nonce="${nonceOf(first)}"`);
    expect(again.headers.get("etag")).toBe(etag);
    await again.arrayBuffer();

    // Another language is another page.
    const en = await anonymous(`/products/${product.slug}`, { "accept-language": "en" });
    expect(en.headers.get("etag")).not.toBe(etag);
    await en.arrayBuffer();
  });

  it("answers 304 with no body when the page has not changed, and a new ETag when the price has", async () => {
    const first = await anonymous(`/products/${product.slug}`);
    const etag = first.headers.get("etag")!;
    await first.arrayBuffer();

    const same = await anonymous(`/products/${product.slug}`, { "if-none-match": etag });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe("");
    expect(same.headers.get("etag")).toBe(etag);
    expect(same.headers.get("cache-control")).toBe(CACHE_CONTROL.publicPage);
    // The client keeps the page it has, nonce and all: a new CSP merged into it would block its scripts.
    expect(same.headers.get("content-security-policy")).toBeNull();

    await server.container.db.models.Product.update({ priceVnd: 135_000 }, { where: { id: product.id } });
    try {
      const changed = await anonymous(`/products/${product.slug}`, { "if-none-match": etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).toMatch(/^W\//);
      expect(changed.headers.get("etag")).not.toBe(etag);
      expect(await changed.text()).toContain(VND.format(135_000));
    } finally {
      await server.container.db.models.Product.update({ priceVnd: PRICE }, { where: { id: product.id } });
    }
  });

  it("keeps a signed-in user's pages private, even when a shared copy's ETag is sent", async () => {
    const visitor = await anonymous(`/products/${product.slug}`);
    const etag = visitor.headers.get("etag")!;
    await visitor.arrayBuffer();

    const b = new Browserless(server.url, { "accept-language": "vi" });
    const login = await b.post("/login", { email: buyerEmail, password: PASSWORD, redirectTo: "/" });
    expect(login.status).toBe(302);
    expect(directives(login)).not.toContain("public");

    const page = await b.get(`/products/${product.slug}`, { "if-none-match": etag });
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe(CACHE_CONTROL.signedIn);
    expect(directives(page)).not.toContain("public");
    expect(page.headers.get("etag")).toBeNull();
    expect(await page.text()).toContain("Trần Thị Mai");

    // The public API answers the same data, but not for a shared cache to keep under this cookie.
    const api = await b.get("/api/v1/products");
    expect(api.status).toBe(200);
    expect(directives(api)).toContain("private");
    expect(directives(api)).not.toContain("public");
    expect(directives(api).some((d) => d.startsWith("s-maxage"))).toBe(false);
    await api.arrayBuffer();
  });

  it("keeps a guest with a cart private: the header counts their cart", async () => {
    const guest = new Browserless(server.url, { "accept-language": "vi" });
    const add = await guest.post("/cart", {
      intent: "add",
      productId: String(product.id),
      slug: product.slug,
      quantity: "1",
    });
    expect(add.status).toBe(302);
    expect(directives(add)).not.toContain("public");
    expect(guest.has("htx_cart")).toBe(true);
    for (const pathname of [`/products/${product.slug}`, "/", "/products"]) {
      const res = await guest.get(pathname);
      expect(res.status, pathname).toBe(200);
      expect(res.headers.get("cache-control"), pathname).toBe(CACHE_CONTROL.signedIn);
      expect(res.headers.get("etag"), pathname).toBeNull();
      await res.arrayBuffer();
    }
    // Remix's data requests (client-side navigation) follow the same rule.
    const data = await guest.get(`/products/${product.slug}?_data=root`);
    expect(data.status).toBe(200);
    expect(directives(data)).not.toContain("public");
    expect(((await data.json()) as { cartCount: number }).cartCount).toBe(1);
  });

  it("keeps personal pages out of every cache, signed in or not", async () => {
    for (const pathname of [
      "/cart",
      "/checkout",
      "/account",
      "/orders",
      "/staff",
      "/cooperative",
      "/agreements",
    ]) {
      const res = await anonymous(pathname);
      expect([200, 302, 303], pathname).toContain(res.status);
      expect(res.headers.get("cache-control"), pathname).toBe("private, no-store");
      await res.arrayBuffer();
    }
  });

  it("never lets a shared cache keep an error or a redirect", async () => {
    const missing = await anonymous("/products/khong-co-san-pham-nay");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("no-store");
    expect(missing.headers.get("etag")).toBeNull();
    await missing.arrayBuffer();

    const apiMissing = await anonymous("/api/v1/products/khong-co-san-pham-nay");
    expect(apiMissing.status).toBe(404);
    expect(directives(apiMissing)).not.toContain("public");
    await apiMissing.arrayBuffer();

    const redirect = await anonymous("/v/abc");
    expect(redirect.status).toBe(302);
    expect(directives(redirect)).not.toContain("public");
  });

  it("shares the public pages a visitor reads", async () => {
    for (const pathname of ["/", "/products", "/cooperatives", "/fairs", "/conferences", "/demands"]) {
      const res = await anonymous(pathname);
      expect(res.status, pathname).toBe(200);
      expect(res.headers.get("cache-control"), pathname).toBe(CACHE_CONTROL.publicPage);
      const etag = res.headers.get("etag");
      expect(etag, pathname).toMatch(/^W\//);
      await res.arrayBuffer();
      const again = await anonymous(pathname, { "if-none-match": etag! });
      expect(again.status, pathname).toBe(304);
    }
    // A HEAD is told the policy; without the body there is nothing to validate against.
    const head = await fetch(server.url + "/products", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("cache-control")).toBe(CACHE_CONTROL.publicPage);
  });

  it("gives the public API a short public life, an ETag and 304s", async () => {
    const list = await anonymous("/api/v1/products?q=ch%C3%A8");
    expect(list.status).toBe(200);
    expect(list.headers.get("cache-control")).toBe(CACHE_CONTROL.publicApi);
    expect(directives(list)).toContain("public");
    expect(directives(list).some((d) => d.startsWith("stale-while-revalidate="))).toBe(true);
    expect(vary(list)).toEqual(expect.arrayContaining(["accept-language", "cookie"]));
    const etag = list.headers.get("etag");
    expect(etag).toMatch(/^W\//);
    expect(((await list.json()) as { total: number }).total).toBe(1);
    const again = await anonymous("/api/v1/products?q=ch%C3%A8", { "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    const one = await anonymous(`/api/v1/products/${product.slug}`);
    expect(one.headers.get("cache-control")).toBe(CACHE_CONTROL.publicApi);
    expect(one.headers.get("etag")).toMatch(/^W\//);
    await one.arrayBuffer();

    const suggest = await anonymous("/api/v1/suggest?q=ch%C3%A8");
    expect(suggest.headers.get("cache-control")).toBe(CACHE_CONTROL.suggestions);
    await suggest.arrayBuffer();
    const wards = await anonymous("/api/v1/provinces/19/wards");
    expect(wards.headers.get("cache-control")).toBe(CACHE_CONTROL.wards);
    expect(wards.headers.get("etag")).toMatch(/^W\//);
    await wards.arrayBuffer();
  });

  it("remembers a ?lng= address in the language cookie, privately, and keeps that language on the next page", async () => {
    // A visitor whose browser prefers Vietnamese follows an English link (an hreflang alternate, a shared URL).
    const b = new Browserless(server.url, { "accept-language": "vi" });
    const asked = await b.get("/fairs?lng=en");
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('<html lang="en"');
    expect(asked.headers.getSetCookie().some((c) => /^lng=[^;]+/.test(c))).toBe(true);
    // It sets a cookie: the browser may keep it, a shared cache must not.
    expect(asked.headers.get("cache-control")).toBe(CACHE_CONTROL.signedIn);
    expect(directives(asked)).not.toContain("public");
    expect(directives(asked).some((d) => d.startsWith("s-maxage"))).toBe(false);
    expect(asked.headers.get("etag")).toBeNull();

    // The next page, the address without ?lng= (the header's link, the directory's filter form), stays English.
    const next = await b.get("/fairs");
    expect(next.status).toBe(200);
    expect(await next.text()).toContain('<html lang="en"');
    // The lng cookie alone does not make a page private; the copy is varied by it.
    expect(next.headers.get("cache-control")).toBe(CACHE_CONTROL.publicPage);
    expect(vary(next)).toEqual(expect.arrayContaining(["accept-language", "cookie"]));
    expect(next.headers.getSetCookie()).toEqual([]);

    // Asked again with the cookie already saying so: nothing new to remember, so shareable again.
    const again = await b.get("/fairs?lng=en");
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(again.headers.get("cache-control")).toBe(CACHE_CONTROL.publicPage);
    await again.arrayBuffer();

    // A client navigation with JavaScript (Remix's data request) to a ?lng= address remembers it the same way.
    const data = await b.get("/fairs?lng=vi&_data=root");
    expect(data.status).toBe(200);
    expect(data.headers.getSetCookie().some((c) => /^lng=[^;]+/.test(c))).toBe(true);
    expect(directives(data)).not.toContain("public");
    await data.arrayBuffer();
    expect(await (await b.get("/fairs")).text()).toContain('<html lang="vi"');

    // A signed-in user's account keeps it too, as with the header's switch (notifications follow it).
    const user = new Browserless(server.url, { "accept-language": "vi" });
    await user.post("/login", { email: buyerEmail, password: PASSWORD, redirectTo: "/" });
    const mine = await user.get("/fairs?lng=en");
    expect(await mine.text()).toContain('<html lang="en"');
    expect(mine.headers.get("cache-control")).toBe(CACHE_CONTROL.signedIn);
    const stored = await server.container.db.models.User.findOne({ where: { email: buyerEmail } });
    expect(stored?.locale).toBe("en");
    expect(await (await user.get("/fairs")).text()).toContain('<html lang="en"');
  });

  it("serves uploaded images and build assets as immutable", async () => {
    const dir = path.join(server.container.config.uploadsDir, "products");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "3f2a9c-640.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    const image = await anonymous("/uploads/products/3f2a9c-640.jpg");
    expect(image.status).toBe(200);
    expect(directives(image)).toEqual(expect.arrayContaining(["public", "max-age=31536000", "immutable"]));
    await image.arrayBuffer();

    const asset = readdirSync(path.resolve("public/build")).find((f) => f.endsWith(".js"))!;
    const js = await anonymous(`/build/${asset}`);
    expect(js.status).toBe(200);
    expect(directives(js)).toEqual(expect.arrayContaining(["public", "max-age=31536000", "immutable"]));
    await js.arrayBuffer();
  });
});

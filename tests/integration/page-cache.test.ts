import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../support/db";
import { makeCooperative, makeProduct, makeUser, PASSWORD } from "../support/factories";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { VND } from "../support/text";

/**
 * The page cache (server/http/page-cache.ts, decision 0026): an anonymous visitor's page is rendered once and
 * served from memory for a few seconds, never to anyone with a session or cart, never after this process
 * committed a change, never past its time.
 */
describe.each(DIALECTS)("page cache (%s)", (dialect) => {
  let server: TestServer;
  let product: { id: number; slug: string };
  let buyerEmail: string;
  const PRICE = 120_000;

  beforeAll(async () => {
    server = await startTestServer(dialect, { PAGE_CACHE_SECONDS: "2" });
    const c = server.container;
    const coop = await makeCooperative(c, { name: "HTX Miến dong Bình Liêu" });
    const p = await makeProduct(c, coop.id, {
      nameVi: "Miến dong Bình Liêu 500g",
      priceVnd: PRICE,
      stock: 40,
    });
    product = { id: p.id, slug: p.slug };
    buyerEmail = (await makeUser(c, { fullName: "Lê Văn Hùng" })).email;
  });
  afterAll(async () => server?.close());

  const visit = (pathname: string, headers: Record<string, string> = {}) =>
    fetch(server.url + pathname, { headers: { "accept-language": "vi", ...headers } });
  const nonceOf = (res: Response) =>
    /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
  const setPrice = (priceVnd: number) =>
    server.container.db.sequelize.transaction(async (transaction) => {
      await server.container.db.models.Product.update(
        { priceVnd },
        { where: { id: product.id }, transaction },
      );
      await server.container.events.publish(transaction, "product.changed", { productId: product.id });
    });

  it("renders a visitor's page once and serves the same bytes, nonce and all, from memory", async () => {
    await setPrice(PRICE); // starts from an empty cache
    const first = await visit(`/products/${product.slug}`);
    expect(first.headers.get("x-page-cache")).toBe("miss");
    const body = await first.text();
    expect(body).toContain(VND.format(PRICE));

    const second = await visit(`/products/${product.slug}`);
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(await second.text()).toBe(body);
    // The stored CSP goes with the stored body: its nonce is the one in the page's scripts.
    expect(nonceOf(second)).toBe(nonceOf(first));
    expect(body).toContain(`nonce="${nonceOf(second)}"`);
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(second.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
    expect(Number(second.headers.get("age"))).toBeGreaterThanOrEqual(0);

    // Compressed once, answered as asked.
    const raw = await new Promise<{ encoding?: string; bytes: Buffer }>((resolve, reject) => {
      import("node:http").then(({ get }) =>
        get(
          `${server.url}/products/${product.slug}`,
          { headers: { "accept-language": "vi", "accept-encoding": "gzip" } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              resolve({ encoding: res.headers["content-encoding"], bytes: Buffer.concat(chunks) }),
            );
          },
        ).on("error", reject),
      );
    });
    expect(raw.encoding).toBe("gzip");
    expect(gunzipSync(raw.bytes).toString("utf8")).toBe(body);

    // A validator still works from memory: 304, no body, no CSP to merge into the client's copy.
    const same = await visit(`/products/${product.slug}`, { "if-none-match": first.headers.get("etag")! });
    expect(same.status).toBe(304);
    expect(same.headers.get("x-page-cache")).toBe("hit");
    expect(same.headers.get("content-security-policy")).toBeNull();
    expect(await same.text()).toBe("");

    // Another language is another page.
    const en = await visit(`/products/${product.slug}`, { "accept-language": "en" });
    expect(en.headers.get("x-page-cache")).toBe("miss");
    await en.arrayBuffer();
  });

  it("forgets everything when this process commits a change: the new price shows on the next load", async () => {
    await visit(`/products/${product.slug}`).then((r) => r.arrayBuffer());
    expect((await visit(`/products/${product.slug}`)).headers.get("x-page-cache")).toBe("hit");
    try {
      await setPrice(99_000);
      const after = await visit(`/products/${product.slug}`);
      expect(after.headers.get("x-page-cache")).toBe("miss");
      expect(await after.text()).toContain(VND.format(99_000));
    } finally {
      await setPrice(PRICE);
    }
  });

  it("forgets everything after any write this process answers, and keeps nothing past its time", async () => {
    await visit(`/products/${product.slug}`).then((r) => r.arrayBuffer());
    expect((await visit(`/products/${product.slug}`)).headers.get("x-page-cache")).toBe("hit");
    // Writes that touch only the writer's own cart, session or language keep it; a refused write too.
    const b = new Browserless(server.url, { "accept-language": "vi" });
    const added = await b.post("/cart", {
      intent: "add",
      productId: String(product.id),
      slug: product.slug,
      quantity: "1",
    });
    expect(added.status).toBe(302);
    const refused = await fetch(`${server.url}/cooperative/products/new`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: "https://elsewhere.example", "content-type": "application/x-www-form-urlencoded" },
      body: "name=x",
    });
    expect(refused.status).toBe(403);
    expect((await visit(`/products/${product.slug}`)).headers.get("x-page-cache")).toBe("hit");
    // Any other write that went through, with or without a domain event: the data behind any page may have
    // changed (a signed-in buyer's profile form here).
    await b.post("/login", { email: buyerEmail, password: PASSWORD, redirectTo: "/" });
    const saved = await b.post("/account", { intent: "profile", fullName: "Lê Văn Hùng" });
    expect(saved.status).toBeLessThan(400);
    expect((await visit(`/products/${product.slug}`)).headers.get("x-page-cache")).toBe("miss");

    // Two seconds in this test's server: past them the page is rendered again.
    expect((await visit(`/products/${product.slug}`)).headers.get("x-page-cache")).toBe("hit");
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await visit(`/products/${product.slug}`)).headers.get("x-page-cache")).toBe("miss");
  });

  it("never answers a signed-in user or a guest with a cart from memory, and never keeps their pages", async () => {
    await visit(`/products/${product.slug}`).then((r) => r.arrayBuffer());
    const b = new Browserless(server.url, { "accept-language": "vi" });
    const login = await b.post("/login", { email: buyerEmail, password: PASSWORD, redirectTo: "/" });
    expect(login.status).toBe(302);
    for (let i = 0; i < 2; i++) {
      const page = await b.get(`/products/${product.slug}`);
      expect(page.headers.get("x-page-cache")).toBeNull();
      expect(await page.text()).toContain("Lê Văn Hùng");
    }
    // A guest cart's cookie alone (its count is in the header) keeps the request out too.
    const guest = await visit(`/products/${product.slug}`, { cookie: "htx_cart=anything" });
    expect(guest.headers.get("x-page-cache")).toBeNull();
    expect(guest.headers.get("cache-control")).not.toMatch(/public/);
    await guest.arrayBuffer();
    // And the anonymous copy was never replaced by a personal one.
    const visitor = await visit(`/products/${product.slug}`);
    expect(await visitor.text()).not.toContain("Lê Văn Hùng");
  });

  it("keeps neither errors nor redirects", async () => {
    for (let i = 0; i < 2; i++) {
      const missing = await visit("/products/khong-co-san-pham-nay");
      expect(missing.status).toBe(404);
      expect(missing.headers.get("x-page-cache")).toBe("miss");
      await missing.arrayBuffer();
    }
  });
});

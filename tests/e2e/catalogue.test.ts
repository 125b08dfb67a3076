import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAuth from "../../app/locales/vi/auth.json";
import viCatalogue from "../../app/locales/vi/catalogue.json";
import viCooperatives from "../../app/locales/vi/cooperatives.json";
import viDashboard from "../../app/locales/vi/dashboard.json";
import viGeo from "../../app/locales/vi/geo.json";
import viWorkspace from "../../app/locales/vi/workspace.json";
import type { CurrentUser } from "../../server/accounts/current-user";
import { makeCooperative, makeUser, PASSWORD } from "../support/factories";
import { startTestServer, type TestServer } from "../support/server";
import {
  launchBrowser,
  newVietnameseContext,
  watchPage,
  type PageProblem,
  field,
  waitForHydration,
  waitForHeading,
  waitForStatus,
  textOf,
  step,
} from "./browser";
import { interpolate } from "../support/text";

/**
 * The product catalogue, clicked through in a real Chromium: a cooperative member adds a product with a photo,
 * then a visitor finds it through the header's suggestions and through the faceted catalogue.
 */

const COOP = { name: "HTX Chè Tân Cương Hoàng Gia", provinceCode: "19", wardCode: "05503" };
const PRODUCT = {
  sku: "TC-MOCCAU-200",
  nameVi: "Trà móc câu Tân Cương hộp quà 200g",
  nameEn: "Tân Cương hook-shaped green tea, 200 g gift box",
  descriptionVi:
    "Chè búp non hái một tôm hai lá, sao thủ công trên chảo gang. Nước xanh, vị chát dịu, hậu ngọt.",
  descriptionEn:
    "Young buds hand-roasted in cast-iron pans; green liquor, gentle bitterness and a sweet finish.",
  price: "185.000",
  priceVnd: 185_000,
  minOrderQty: "2",
  stock: "120",
  province: "Thái Nguyên",
  region: "Tân Cương",
  tags: "chè xanh, quà biếu",
};
/** Listed in other cooperatives so the facets have something to tell apart. */
const OTHERS = {
  vermicelli: "Miến dong Na Rì gói 500g",
  // From another province (Tuyên Quang, with the former Hà Giang), so the province facet has two choices.
  shanTea: "Chè Shan tuyết Hoàng Su Phì túi 200g",
  laBangTea: "Chè búp La Bằng gói 500g",
};

/** Prices are formatted with a no-break space before the currency sign. */
const normalizeSpaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ").trim();

/** The catalogue's result cards, in the order shown. */
function resultCards(page: Page) {
  return page.locator(".results article.product-card");
}

async function resultNames(page: Page) {
  return (await resultCards(page).locator("h3").allInnerTexts()).map((s) => s.trim());
}

async function resultPrices(page: Page) {
  return (await resultCards(page).locator(".price strong").allInnerTexts()).map((s) =>
    Number(s.replace(/\D/g, "")),
  );
}

describe("product catalogue in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let memberEmail: string;
  let tempDir: string;
  let photo: string;
  const contexts: BrowserContext[] = [];

  /** A member as the services see them, from a real login (as the storefront integration test does). */
  async function memberOf(email: string): Promise<CurrentUser> {
    const { token } = await server.container.services.accounts.login({
      form: { email, password: PASSWORD },
      meta: { ip: null, userAgent: null, locale: "vi" },
    });
    return (await server.container.services.accounts.getUserForSession({ token }))!;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const c = server.container;

    const member = await makeUser(c, { role: "cooperative", fullName: "Lê Thị Minh" });
    memberEmail = member.email;
    await makeCooperative(c, { ...COOP, ownerId: member.id, sectors: ["tea"] });

    const nariOwner = await makeUser(c, { role: "cooperative" });
    await makeCooperative(c, {
      name: "HTX Nông sản Na Rì",
      provinceCode: "19",
      wardCode: "02185",
      ownerId: nariOwner.id,
      sectors: ["vermicelli_noodles", "tea"],
    });
    const laBangOwner = await makeUser(c, { role: "cooperative" });
    await makeCooperative(c, {
      name: "HTX Chè La Bằng",
      provinceCode: "19",
      wardCode: "05818",
      ownerId: laBangOwner.id,
    });

    const base = {
      minOrderQty: "1",
      stock: "50",
      status: "active",
      certifications: [] as string[],
      tags: "",
    };
    const nari = await memberOf(nariOwner.email);
    await c.services.catalogue.createProduct(nari, {
      ...base,
      sku: "MD-NARI-500",
      nameVi: OTHERS.vermicelli,
      nameEn: "Na Rì canna vermicelli 500 g",
      descriptionVi: "Miến làm từ tinh bột dong riềng, sợi dai, không chất tẩy trắng.",
      category: "vermicelli_noodles",
      unit: "goi",
      priceVnd: "65000",
      originProvinceCode: "19",
      originRegion: "Na Rì, Bắc Kạn",
    });
    await c.services.catalogue.createProduct(nari, {
      ...base,
      sku: "SHAN-200",
      nameVi: OTHERS.shanTea,
      descriptionVi: "Chè Shan tuyết cổ thụ hái trên núi cao Hoàng Su Phì, phơi héo tự nhiên.",
      category: "tea",
      unit: "tui",
      priceVnd: "95000",
      originProvinceCode: "08",
      originRegion: "Hoàng Su Phì, Hà Giang",
    });
    await c.services.catalogue.createProduct(await memberOf(laBangOwner.email), {
      ...base,
      sku: "LB-500",
      nameVi: OTHERS.laBangTea,
      descriptionVi: "Chè búp xanh La Bằng trồng theo tiêu chuẩn VietGAP dưới chân núi Tam Đảo.",
      category: "tea",
      unit: "goi",
      priceVnd: "120000",
      originProvinceCode: "19",
      originRegion: "La Bằng",
      certifications: ["vietgap"],
    });
    await c.worker.drain();

    tempDir = mkdtempSync(path.join(tmpdir(), "htx-e2e-catalogue-"));
    photo = path.join(tempDir, "tra-moc-cau.jpg");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
      <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
        <stop offset="0" stop-color="#2f6b2f"/><stop offset="1" stop-color="#c8e0a0"/>
      </linearGradient></defs>
      <rect width="1600" height="1200" fill="url(#g)"/>
      <circle cx="800" cy="600" r="320" fill="#7a4a1e"/>
    </svg>`;
    await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(photo);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  // Later steps build on earlier ones: when one fails, the next ones are skipped rather than failing twice.
  let productSlug: string | null = null;
  let found = false;
  let visitor: Page;
  let visitorProblems: PageProblem[];

  it("lets a cooperative member add a product, publish it and upload a photo", async () => {
    const context = await newVietnameseContext(browser, server.url);
    contexts.push(context);
    const page = await context.newPage();
    const problems = watchPage(page);

    await step(page, "add-product", async () => {
      // Nothing in the site links to the product dashboard ("Sản phẩm của tôi" is translated but never
      // rendered), so the member arrives with it as the page to return to after logging in.
      await page.goto(`/login?redirectTo=${encodeURIComponent("/cooperative/products")}`);
      await waitForHydration(page);
      await waitForHeading(page, viAuth.login.title);
      const login = page.locator("main form");
      await field(login, viAuth.fields.email).fill(memberEmail);
      await field(login, viAuth.fields.password).fill(PASSWORD);
      await login.getByRole("button", { name: viAuth.login.submit, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/cooperative/products");
      await waitForHeading(page, viDashboard.list.title);
      expect(await textOf(page.getByText(viDashboard.list.empty, { exact: true }))).toBe(
        viDashboard.list.empty,
      );

      await page.getByRole("link", { name: viDashboard.list.add, exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/cooperative/products/new");
      await waitForHeading(page, viDashboard.new.title);

      const form = page.locator("main form");
      await field(form, viDashboard.fields.sku).fill(PRODUCT.sku);
      await field(form, viDashboard.fields.nameVi).fill(PRODUCT.nameVi);
      await field(form, viDashboard.fields.nameEn).fill(PRODUCT.nameEn);
      await field(form, viDashboard.fields.descriptionVi).fill(PRODUCT.descriptionVi);
      await field(form, viDashboard.fields.descriptionEn).fill(PRODUCT.descriptionEn);
      await field(form, viDashboard.fields.category).selectOption({ label: viCooperatives.sector.tea });
      // The new-product form offers the status directly: put it on sale straight away.
      await field(form, viDashboard.fields.status).selectOption({ label: viCatalogue.status.active });
      await field(form, viDashboard.fields.tags).fill(PRODUCT.tags);
      await field(form, viDashboard.fields.priceVnd).fill(PRODUCT.price);
      await field(form, viDashboard.fields.unit).selectOption({ label: viCatalogue.unit.hop });
      await field(form, viDashboard.fields.minOrderQty).fill(PRODUCT.minOrderQty);
      await field(form, viDashboard.fields.stock).fill(PRODUCT.stock);
      await field(form, viDashboard.fields.originProvince).selectOption({ label: PRODUCT.province });
      // The origin's region is typed: the name buyers know it by.
      await field(form, viGeo.originRegion).fill(PRODUCT.region);
      for (const month of ["3", "4", "5"] as const)
        await form.getByRole("checkbox", { name: viCatalogue.month[month], exact: true }).check();
      await field(form, viDashboard.fields.shelfLifeDays).fill("365");
      await form
        .getByRole("checkbox", { name: viCatalogue.certification.geographical_indication, exact: true })
        .check();

      await form.getByRole("button", { name: viDashboard.new.submit, exact: true }).click();
      await page.waitForURL(
        (url) => /^\/cooperative\/products\/\d+$/.test(url.pathname) && url.searchParams.has("created"),
      );
      await waitForHeading(page, PRODUCT.nameVi);
      await waitForStatus(page, viDashboard.edit.created);
      expect(await textOf(page.getByText(viDashboard.edit.status.body.active, { exact: true }))).toBe(
        viDashboard.edit.status.body.active,
      );
      // Already on sale: the "more actions" menu offers only "back to draft" and "archive".
      const more = page.locator("details.menu");
      await more.locator("summary").click();
      expect(
        await more.getByRole("link", { name: viWorkspace.more.status.draft.label, exact: true }).isVisible(),
      ).toBe(true);
      expect(
        await more.getByRole("link", { name: viWorkspace.more.status.active.label, exact: true }).count(),
      ).toBe(0);
      await more.locator("summary").click();

      const images = page.getByRole("region", { name: viDashboard.edit.images.title, exact: true });
      expect(await textOf(images.getByText(viDashboard.edit.images.none, { exact: true }))).toBe(
        viDashboard.edit.images.none,
      );
      await images.locator("input[name=images]").setInputFiles(photo);
      await images.getByRole("button", { name: viDashboard.edit.images.upload, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("saved") === "images");
      await waitForStatus(page, viDashboard.edit.saved.images);

      const item = images.locator("ul.image-list > li");
      await item.first().waitFor();
      expect(await item.count()).toBe(1);
      expect(await textOf(item.getByText(viDashboard.edit.images.main, { exact: true }))).toBe(
        viDashboard.edit.images.main,
      );
      const picture = item.locator("picture");
      expect(await picture.locator("source[type='image/avif']").count()).toBe(1);
      expect(await picture.locator("source[type='image/webp']").count()).toBe(1);
      expect(await picture.locator("source[type='image/avif']").getAttribute("srcset")).toMatch(
        /\.avif \d+w/,
      );
      expect(await picture.locator("source[type='image/webp']").getAttribute("srcset")).toMatch(
        /\.webp \d+w/,
      );
      const img = picture.locator("img");
      expect(await img.getAttribute("alt")).toBe(
        interpolate(viCatalogue.product.image, { n: 1, name: PRODUCT.nameVi }),
      );
      const srcset = (await img.getAttribute("srcset")) ?? "";
      expect(srcset).toContain(".jpg");
      // Of the four widths made from the 1600 px upload, the 160 px thumbnail lists what a 3× screen needs.
      expect(srcset.split(",").map((s) => s.trim().split(" ")[1])).toEqual(["320w", "640w"]);
      expect(await img.getAttribute("width")).toBe("1600");
      expect(await img.getAttribute("height")).toBe("1200");
    });

    const product = await server.container.db.models.Product.findOne({ where: { sku: PRODUCT.sku } });
    expect(product).toMatchObject({
      nameVi: PRODUCT.nameVi,
      category: "tea",
      unit: "hop",
      priceVnd: PRODUCT.priceVnd,
      stock: 120,
      minOrderQty: 2,
      status: "active",
      originProvinceCode: COOP.provinceCode,
      originRegion: PRODUCT.region,
    });
    expect(await server.container.db.models.ProductImage.count({ where: { productId: product!.id } })).toBe(
      1,
    );
    expect(problems).toEqual([]);

    await server.container.worker.drain();
    productSlug = product!.slug;
  });

  it("lets a visitor pick the product from the header's suggestions and read its page", async (ctx) => {
    if (!productSlug) return ctx.skip("the product was not created");
    const slug = productSlug;
    const context = await newVietnameseContext(browser, server.url);
    contexts.push(context);
    visitor = await context.newPage();
    visitorProblems = watchPage(visitor);

    await step(visitor, "suggestions", async () => {
      await visitor.goto("/");
      await waitForHydration(visitor);
      const box = visitor.getByRole("combobox", { name: viCatalogue.search.label, exact: true });
      await box.click();
      // Slower than a machine, faster than the 150 ms debounce: one suggestion request, for the whole text.
      await box.pressSequentially("tra tan cuo", { delay: 60 });
      const listbox = visitor.getByRole("listbox", { name: viCatalogue.search.suggestions, exact: true });
      const option = listbox.getByRole("option").filter({ hasText: PRODUCT.nameVi });
      await option.waitFor();
      expect(await box.getAttribute("aria-expanded")).toBe("true");
      // The best match comes first, so one ↓ chooses it.
      expect(normalizeSpaces(await listbox.getByRole("option").first().innerText())).toBe(
        `${PRODUCT.nameVi} · ${COOP.name}`,
      );
      expect(await textOf(option.locator("mark").first())).not.toBe("");

      await box.press("ArrowDown");
      await expect.poll(() => option.getAttribute("aria-selected")).toBe("true");
      expect(await box.getAttribute("aria-activedescendant")).toBe(await option.getAttribute("id"));
      await box.press("Enter");
      await visitor.waitForURL((url) => url.pathname === `/products/${slug}`);
      await waitForHeading(visitor, PRODUCT.nameVi);
      expect(await listbox.isHidden()).toBe(true);

      expect(normalizeSpaces(await textOf(visitor.locator(".product-price .price strong")))).toBe(
        "185.000 ₫",
      );
      expect(await visitor.title()).toBe(`${PRODUCT.nameVi} · ${COOP.name} · HTX Connect`);
      // Where it comes from: the region as the cooperative wrote it, then the province it lies in.
      expect(await textOf(visitor.locator(".product-summary > p.muted").first())).toContain(
        interpolate(viGeo.originWithRegion, { region: PRODUCT.region, province: PRODUCT.province }),
      );

      const ldScripts = visitor.locator("script[type='application/ld+json']");
      await expect.poll(() => ldScripts.count()).toBe(1);
      const ld = JSON.parse((await ldScripts.textContent()) ?? "") as {
        "@type": string;
        name: string;
        image: string[];
        offers: { price: number; priceCurrency: string; availability: string };
      };
      expect(ld["@type"]).toBe("Product");
      expect(ld.name).toBe(PRODUCT.nameVi);
      expect(ld.offers.price).toBe(PRODUCT.priceVnd);
      expect(ld.offers.priceCurrency).toBe("VND");
      expect(ld.offers.availability).toBe("https://schema.org/InStock");
      expect(ld.image).toHaveLength(1);
      expect(ld.image[0]).toMatch(/\.jpg$/);

      const canonical = visitor.locator("link[rel='canonical']");
      expect(await canonical.count()).toBe(1);
      expect(await canonical.getAttribute("href")).toBe(`${server.url}/products/${slug}`);

      const main = visitor.locator(".gallery picture img.gallery-main");
      expect(await main.getAttribute("alt")).toBe(
        interpolate(viCatalogue.product.image, { n: 1, name: PRODUCT.nameVi }),
      );
      await visitor.waitForFunction(
        (img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0,
        await main.elementHandle(),
      );
      // Chromium understands AVIF, so that is the source it chose.
      expect(await main.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\.avif$/);
    });

    expect(visitorProblems).toEqual([]);
    found = true;
  });

  it("lets the visitor search in English, filter by province, go back, sort by price and open the product", async (ctx) => {
    if (!found) return ctx.skip("the visitor did not reach the product");
    const slug = productSlug!;

    await step(visitor, "catalogue", async () => {
      // The box still holds the previous query: clear it, type, and submit without choosing a suggestion.
      const box = visitor.getByRole("combobox", { name: viCatalogue.search.label, exact: true });
      await box.fill("");
      await box.pressSequentially("tea", { delay: 60 });
      const listbox = visitor.getByRole("listbox", { name: viCatalogue.search.suggestions, exact: true });
      await listbox.getByRole("option").first().waitFor();
      await box.press("Enter");
      await visitor.waitForURL(
        (url) =>
          url.pathname === "/products" && url.search === "?q=tea" && url.searchParams.get("q") === "tea",
      );
      await waitForHeading(visitor, interpolate(viCatalogue.list.titleFor, { q: "tea" }));

      // "tea" finds the Vietnamese "chè" and "trà" products; the vermicelli does not match.
      const all = [PRODUCT.nameVi, OTHERS.laBangTea, OTHERS.shanTea];
      await expect.poll(async () => (await resultNames(visitor)).sort()).toEqual([...all].sort());
      expect(
        await textOf(
          visitor.getByText(interpolate(viCatalogue.list.count_other, { count: 3 }), { exact: true }),
        ),
      ).toBe("3 sản phẩm");

      const facets = visitor.getByRole("complementary", { name: viCatalogue.list.filters, exact: true });
      const provinceFacet = facets.locator("section.facet").filter({
        has: visitor.getByRole("heading", { name: viCatalogue.facet.province, exact: true }),
      });
      expect((await provinceFacet.getByRole("link").allInnerTexts()).map(normalizeSpaces)).toEqual([
        "☐ Thái Nguyên (2)",
        "☐ Tuyên Quang (1)",
      ]);

      await provinceFacet.getByRole("link", { name: "Thái Nguyên (2)", exact: true }).click();
      await visitor.waitForURL(
        (url) =>
          url.pathname === "/products" &&
          url.searchParams.get("province") === COOP.provinceCode &&
          url.searchParams.get("q") === "tea",
      );
      const thaiNguyen = provinceFacet.getByRole("link", { name: /^Thái Nguyên \(\d+\)$/ });
      await expect.poll(() => thaiNguyen.getAttribute("aria-current")).toBe("true");
      await expect
        .poll(async () => (await resultNames(visitor)).sort())
        .toEqual([PRODUCT.nameVi, OTHERS.laBangTea].sort());
      const names = await resultNames(visitor);
      expect(names).not.toContain(OTHERS.vermicelli);
      expect(names).not.toContain(OTHERS.shanTea);
      expect(
        await textOf(
          visitor.getByText(interpolate(viCatalogue.list.count_other, { count: 2 }), { exact: true }),
        ),
      ).toBe("2 sản phẩm");
      expect(
        await facets.getByRole("link", { name: viCatalogue.list.clearAll, exact: true }).isVisible(),
      ).toBe(true);

      // The filter lives in the URL, so the browser's back button takes it off again.
      await visitor.goBack();
      await visitor.waitForURL((url) => url.pathname === "/products" && url.search === "?q=tea");
      await expect.poll(async () => (await resultNames(visitor)).sort()).toEqual([...all].sort());
      expect(await thaiNguyen.getAttribute("aria-current")).toBeNull();
      expect(await facets.getByRole("link", { name: viCatalogue.list.clearAll, exact: true }).count()).toBe(
        0,
      );

      const sort = visitor.getByLabel(viCatalogue.sort.label, { exact: true });
      expect(await sort.inputValue()).toBe("relevance");
      await sort.selectOption({ label: viCatalogue.sort.price_asc });
      await visitor.waitForURL(
        (url) =>
          url.pathname === "/products" &&
          url.searchParams.get("sort") === "price_asc" &&
          url.searchParams.get("q") === "tea" &&
          !url.searchParams.has("province"),
      );
      await expect
        .poll(() => resultNames(visitor))
        .toEqual([OTHERS.shanTea, OTHERS.laBangTea, PRODUCT.nameVi]);
      const prices = await resultPrices(visitor);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
      expect(prices).toEqual([95_000, 120_000, PRODUCT.priceVnd]);
      expect(await sort.inputValue()).toBe("price_asc");

      await resultCards(visitor)
        .locator("h3")
        .getByRole("link", { name: PRODUCT.nameVi, exact: true })
        .click();
      await visitor.waitForURL((url) => url.pathname === `/products/${slug}`);
      await waitForHeading(visitor, PRODUCT.nameVi);
      expect(normalizeSpaces(await textOf(visitor.locator(".product-price .price strong")))).toBe(
        "185.000 ₫",
      );
    });

    expect(visitorProblems).toEqual([]);
  });
});

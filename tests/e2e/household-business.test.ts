import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAccount from "../../app/locales/vi/account.json";
import viAuth from "../../app/locales/vi/auth.json";
import viCatalogue from "../../app/locales/vi/catalogue.json";
import viErrors from "../../app/locales/vi/errors.json";
import viGeo from "../../app/locales/vi/geo.json";
import viOrders from "../../app/locales/vi/orders.json";
import viShop from "../../app/locales/vi/shop.json";
import { makeCooperative, makeProduct, makeUser } from "../support/factories";
import { startTestServer, type TestServer } from "../support/server";
import { interpolate, plain } from "../support/text";
import {
  chooseWard,
  field,
  launchBrowser,
  newVietnameseContext,
  step,
  textOf,
  waitForHeading,
  waitForHydration,
  watchPage,
  type PageProblem,
} from "./browser";

/**
 * A household business (hộ kinh doanh) on the 2025 map, clicked through in Chromium: it registers with the
 * 12-digit personal identity number that household businesses use as their tax code since 1 July 2025 (an
 * 11-digit one is refused beside the field, nothing typed is lost), its address in a ward of Thái Nguyên, then
 * checks out to a commune of the former Thái Bình, now Hưng Yên.
 */
const HOUSEHOLD = {
  fullName: "Vũ Thị Thanh",
  email: `hkd.${Date.now()}@example.com`,
  password: "mat-khau-rat-dai-2026",
  organisation: "Hộ kinh doanh Tạp hóa Thanh Vân",
  badTaxCode: "03418600123",
  taxCode: "034186001234",
  home: { province: "Thái Nguyên", ward: "Phường Phan Đình Phùng", street: "Số 5 đường Lương Ngọc Quyến" },
  delivery: {
    province: "Hưng Yên",
    ward: "Phường Vũ Phúc",
    wardCode: "12466",
    street: "Thôn Trung",
    phone: "0300 000 456",
  },
};
const PRODUCT = "Chè búp Tân Cương 200g";
const CONSENT = viAuth.register.consent.replace(/<\/?notice>/g, "");

const rejectedRegistration = (p: PageProblem) =>
  (p.kind === "http" &&
    p.text.startsWith("POST ") &&
    p.text.includes("/register") &&
    p.text.endsWith("→ 400")) ||
  (p.kind === "console" && p.text.includes("status of 400"));

describe("a household business on the 2025 map", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let productSlug: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const c = server.container;
    const owner = await makeUser(c, { role: "cooperative", fullName: "Đỗ Thị Hồng" });
    const coop = await makeCooperative(c, { name: "HTX Chè Đồi Mây", ownerId: owner.id });
    const product = await makeProduct(c, coop.id, {
      nameVi: PRODUCT,
      priceVnd: 95_000,
      stock: 30,
      unit: "goi",
    });
    productSlug = product.slug;
    context = await newVietnameseContext(browser, server.url);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it("registers with a 12-digit tax code and an address in a ward, then checks out to a ward", async () => {
    const problems = watchPage(page, [rejectedRegistration]);
    const { Organisation, User, Checkout } = server.container.db.models;

    await step(page, "register", async () => {
      await page.goto("/register");
      await waitForHydration(page);
      const form = page.locator("main form");
      await field(form, viAuth.fields.fullName).fill(HOUSEHOLD.fullName);
      await field(form, viAuth.fields.email).fill(HOUSEHOLD.email);
      await field(form, viAuth.fields.password).fill(HOUSEHOLD.password);
      await field(form, viAuth.fields.passwordConfirm).fill(HOUSEHOLD.password);
      await form.getByRole("checkbox", { name: viAuth.register.isBusiness, exact: true }).check();
      await field(form, viAccount.organisation.name).fill(HOUSEHOLD.organisation);
      await field(form, viAccount.organisation.kind).selectOption({
        label: viAccount.organisationKind.household,
      });
      const taxCode = field(form, viAccount.organisation.taxCode);
      await taxCode.fill(HOUSEHOLD.badTaxCode);
      // The ward list follows the province: none before one is chosen, then that province's own.
      const ward = field(form, viGeo.ward);
      expect(await ward.locator("option").count()).toBe(1);
      await chooseWard(form, HOUSEHOLD.home);
      const options = await ward.locator("option").allInnerTexts();
      expect(options).toContain("Xã Tân Cương");
      expect(options).not.toContain("Phường Vũ Phúc");
      await field(form, viAccount.organisation.address).fill(HOUSEHOLD.home.street);
      await form.getByRole("checkbox", { name: CONSENT, exact: true }).check();

      const submit = form.getByRole("button", { name: viAuth.register.submitBuyer, exact: true });
      const refused = page.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/register",
      );
      await submit.click();
      expect((await refused).status()).toBe(400);
      // The message sits beside the tax code; everything typed, the ward included, is still there.
      expect(await textOf(form.locator("#taxCode-error"))).toBe(viErrors.tax_code);
      expect(await taxCode.getAttribute("aria-invalid")).toBe("true");
      expect(await field(form, viAccount.organisation.name).inputValue()).toBe(HOUSEHOLD.organisation);
      expect(await ward.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(
        HOUSEHOLD.home.ward,
      );
      expect(await User.count({ where: { email: HOUSEHOLD.email } })).toBe(0);

      await taxCode.fill(HOUSEHOLD.taxCode);
      await field(form, viAuth.fields.password).fill(HOUSEHOLD.password);
      await field(form, viAuth.fields.passwordConfirm).fill(HOUSEHOLD.password);
      await submit.click();
      await page.waitForURL((url) => url.pathname === "/account");
    });

    const user = await User.findOne({ where: { email: HOUSEHOLD.email } });
    const organisation = await Organisation.findByPk(user!.organisationId!);
    expect(organisation).toMatchObject({
      kind: "household",
      taxCode: HOUSEHOLD.taxCode,
      provinceCode: "19",
      wardCode: "05443",
      address: HOUSEHOLD.home.street,
    });

    await step(page, "add to cart", async () => {
      await page.goto(`/products/${productSlug}`);
      await waitForHydration(page);
      await waitForHeading(page, PRODUCT);
      const form = page.locator("form.cart-add");
      await field(form, interpolate(viShop.add.quantity, { unit: viCatalogue.unit.goi })).fill("3");
      await form.getByRole("button", { name: viShop.add.submit, exact: true }).click();
      await form.getByRole("status").waitFor();
      await page.goto("/checkout");
      await waitForHydration(page);
      await waitForHeading(page, viShop.checkout.title);
    });

    await step(page, "checkout to a commune of the former Thái Bình", async () => {
      const form = page.locator("main form.checkout-form");
      await field(form, viAuth.fields.phone).fill(HOUSEHOLD.delivery.phone);
      // Only the 34 provinces are offered: the former Thái Bình is not one of them.
      const provinces = await field(form, viGeo.province).locator("option").allInnerTexts();
      expect(provinces).toHaveLength(35);
      expect(provinces).not.toContain("Thái Bình");
      // The form starts from the business's own address; this order goes elsewhere.
      const selected = (label: string) =>
        field(form, label).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent);
      expect(await selected(viGeo.province)).toBe(HOUSEHOLD.home.province);
      expect(await selected(viGeo.ward)).toBe(HOUSEHOLD.home.ward);
      expect(await field(form, viShop.checkout.address).inputValue()).toBe(HOUSEHOLD.home.street);
      await chooseWard(form, HOUSEHOLD.delivery);
      await field(form, viShop.checkout.address).fill(HOUSEHOLD.delivery.street);
      await form
        .getByRole("radio", { name: new RegExp(`^${viOrders.paymentMethod.cod.replace(/[()]/g, "\\$&")}`) })
        .check();
      await form.getByRole("button", { name: viShop.checkout.submit, exact: true }).click();
      await page.waitForURL((url) => /^\/checkout\/[\w-]+$/.test(url.pathname));
      await waitForHeading(page, viShop.confirmation.heading);
    });

    const checkout = await Checkout.findOne({ where: { buyerId: user!.id } });
    expect(checkout).toMatchObject({ provinceCode: "33", wardCode: HOUSEHOLD.delivery.wardCode });

    await step(page, "the order names the ward and the province", async () => {
      await page.goto("/orders");
      await waitForHydration(page);
      await page.locator("main a[href^='/orders/']").first().click();
      await page.waitForURL((url) => /^\/orders\/[\w-]+$/.test(url.pathname));
      const address = plain(await textOf(page.locator("address.shop-order-address")));
      // The street on its line, then the ward and the province on the next.
      expect(address).toContain(`${HOUSEHOLD.delivery.street}\n${HOUSEHOLD.delivery.ward}, Tỉnh Hưng Yên`);
    });
    expect(problems).toEqual([]);
  });
});

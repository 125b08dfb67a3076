import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viErrors from "../../app/locales/vi/errors.json";
import type { CurrentUser } from "../../server/accounts/current-user";
import { DIALECTS } from "../support/db";
import {
  checkoutForm,
  cooperativeForm,
  currentUser,
  makeCooperative,
  makeProduct,
  makeUser,
  META,
  PASSWORD,
  productForm,
} from "../support/factories";
import { Browserless, startTestServer, type TestServer } from "../support/server";

/**
 * What a crowd does at once: double clicks, many cooperatives saving together, one name taken twenty times. Each
 * case failed on MariaDB before its fix (SQLite serialises writers, so there they pass either way; they run on
 * both so the guarantee is kept on the embedded default too).
 */

const teaForm = (overrides: Record<string, string | string[]> = {}) =>
  productForm({
    sku: "CHE-200",
    nameVi: "Chè móc câu Tân Cương hộp 200g",
    descriptionVi: "Chè búp non sao thủ công, nước xanh, hậu ngọt.",
    harvestMonths: ["3", "4"],
    tags: "chè xanh",
    ...overrides,
  });

/** The hidden inputs of the page's first form with this action, as a browser would submit them. */
function hiddenInputs(page: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of page.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1];
    if (name) out[name] = value ?? "";
  }
  return out;
}

describe.each(DIALECTS)("a crowd at once on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => server?.close());

  async function loggedIn(email: string) {
    const b = new Browserless(server.url, { "accept-language": "vi" });
    expect((await b.post("/login", { email, password: PASSWORD, redirectTo: "/" })).status).toBe(302);
    return b;
  }

  async function buyerWithCart(quantity: number) {
    const c = server.container;
    const owner = await makeUser(c, { role: "cooperative" });
    const coop = await makeCooperative(c, { ownerId: owner.id });
    const product = await makeProduct(c, coop.id, { stock: 100, priceVnd: 95_000 });
    const buyer = await makeUser(c);
    const b = await loggedIn(buyer.email);
    const add = await b.post("/cart", {
      intent: "add",
      productId: String(product.id),
      quantity: String(quantity),
    });
    expect(add.status).toBe(302);
    return { b, buyer, product };
  }

  it("makes one checkout of a cart whose form is posted twenty times at once; every post lands on it", async () => {
    const { b, buyer, product } = await buyerWithCart(4);
    const page = await (await b.get("/checkout")).text();
    const form = { ...hiddenInputs(page), ...checkoutForm() };

    const answers = await Promise.all(Array.from({ length: 20 }, () => b.post("/checkout?index", form)));

    const { Checkout, Order, Product } = server.container.db.models;
    const checkouts = await Checkout.findAll({ where: { buyerId: buyer.id } });
    expect(checkouts).toHaveLength(1);
    expect(await Order.count({ where: { buyerId: buyer.id } })).toBe(1);
    expect((await Product.findByPk(product.id))!.stock).toBe(96);
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(302));
    expect(new Set(answers.map((r) => r.headers.get("location")))).toEqual(
      new Set([`/checkout/${checkouts[0]!.publicId}`]),
    );
  });

  it("makes one checkout when a form without its submission key is posted ten times at once", async () => {
    const { b, buyer, product } = await buyerWithCart(3);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => b.post("/checkout?index", checkoutForm())),
    );

    const { Checkout, Product } = server.container.db.models;
    expect(await Checkout.count({ where: { buyerId: buyer.id } })).toBe(1);
    expect((await Product.findByPk(product.id))!.stock).toBe(97);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([302, ...Array(9).fill(409)]);
    const refused = await Promise.all(answers.filter((r) => r.status === 409).map((r) => r.text()));
    for (const text of refused) expect(text).toContain(viErrors.cart_empty);
  });

  it("counts every one of twenty add-to-cart clicks at once", async () => {
    const c = server.container;
    const owner = await makeUser(c, { role: "cooperative" });
    const coop = await makeCooperative(c, { ownerId: owner.id });
    const product = await makeProduct(c, coop.id, { stock: 500 });
    const buyer = await makeUser(c);
    const add = () =>
      c.services.orders.addToCart({
        owner: { userId: buyer.id },
        form: { productId: product.id, quantity: 1 },
      });
    // The first click makes the cart; the twenty then race on its line.
    await add();
    await Promise.all(Array.from({ length: 20 }, add));
    const cart = await c.db.models.Cart.findOne({ where: { userId: buyer.id } });
    const line = await c.db.models.CartItem.findOne({ where: { cartId: cart!.id, productId: product.id } });
    expect(line!.quantity).toBe(21);
  });

  it("saves the products of twenty cooperatives at once, certifications and all", async () => {
    const c = server.container;
    const members: Array<{ user: CurrentUser; productId: number }> = [];
    for (let i = 0; i < 20; i++) {
      const owner = await makeUser(c, { role: "cooperative" });
      await makeCooperative(c, { ownerId: owner.id });
      const user = await currentUser(c, owner.email);
      const { id } = await c.services.catalogue.createProduct(
        user,
        // Most products have no certification yet: on MySQL, deleting none of a product's rows locks the gap
        // its neighbours' new rows go into, and two such saves used to deadlock.
        teaForm({ sku: `CHE-${i}`, certifications: [] }),
      );
      members.push({ user, productId: id });
    }
    // Three rounds of everyone saving at once, the certifications changing each time.
    const sets = [["organic", "vietgap"], ["globalgap"], ["haccp", "vietgap", "iso22000"]];
    const setFor = (round: number, i: number) => sets[(round + i) % sets.length]!;
    for (const round of [0, 1, 2]) {
      const outcomes = await Promise.allSettled(
        members.map(({ user, productId }, i) =>
          c.services.catalogue.updateProduct(user, {
            productId,
            form: teaForm({
              sku: `CHE-${i}`,
              stock: String(50 + i + round),
              certifications: setFor(round, i),
            }),
          }),
        ),
      );
      expect(outcomes.filter((o) => o.status === "rejected").map((o) => String(o.reason))).toEqual([]);
    }
    for (const [i, { productId }] of members.entries()) {
      const certs = await c.db.models.ProductCertification.findAll({ where: { productId } });
      expect(certs.map((r) => r.certification).sort()).toEqual([...setFor(2, i)].sort());
      expect((await c.db.models.Product.findByPk(productId))!.stock).toBe(52 + i);
    }
  });

  it("registers forty cooperatives at once, each with its sectors", async () => {
    const c = server.container;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        c.services.cooperatives.registerCooperative({
          form: cooperativeForm({
            cooperativeName: `HTX Nông sản sạch số ${i}`,
            sectors: ["tea", "medicinal_herbs"],
          }),
          meta: META,
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => String(o.reason))).toEqual([]);
    const ids = outcomes.map((o) => (o as PromiseFulfilledResult<{ userId: number }>).value.userId);
    const members = await c.db.models.CooperativeMember.findAll({ where: { userId: ids } });
    expect(members).toHaveLength(40);
    expect(
      await c.db.models.CooperativeSector.count({
        where: { cooperativeId: members.map((m) => m.cooperativeId) },
      }),
    ).toBe(80);
  });

  it("gives twenty cooperatives registering one name at once twenty different addresses", async () => {
    const c = server.container;
    const name = "HTX Miến dong Bình Liêu";
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        c.services.cooperatives.registerCooperative({
          form: cooperativeForm({ cooperativeName: name }),
          meta: META,
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => String(o.reason))).toEqual([]);
    const slugs = (await c.db.models.Cooperative.findAll({ where: { name } })).map((r) => r.slug);
    expect(slugs).toHaveLength(20);
    expect(new Set(slugs).size).toBe(20);
    for (const slug of slugs) expect(slug).toMatch(/^htx-mien-dong-binh-lieu(-[0-9a-f-]+)?$/);
  });

  it("gives twenty products of one name, created at once, twenty different addresses", async () => {
    const c = server.container;
    const owner = await makeUser(c, { role: "cooperative" });
    await makeCooperative(c, { ownerId: owner.id });
    const user = await currentUser(c, owner.email);
    const nameVi = "Hồng không hạt Bắc Kạn";
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        c.services.catalogue.createProduct(user, teaForm({ sku: `HONG-${i}`, nameVi })),
      ),
    );
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => String(o.reason))).toEqual([]);
    const slugs = (await c.db.models.Product.findAll({ where: { nameVi } })).map((r) => r.slug);
    expect(new Set(slugs).size).toBe(20);
  });
});

import { randomBytes } from "node:crypto";
import { describe, it } from "vitest";
import { DIALECTS } from "../support/db";
import { fuzzSite, itSawNoStrayNul, PROPERTY_MS, type Rows } from "../support/fuzz/site";

/**
 * Issue 9: hostile input over the shopping forms: the cart, checkout, and shipping and cancelling an order.
 * Every answer is a success or a 4xx with a translated message (never a 500, never a stack trace), a refused
 * form keeps what was typed (not passwords) and writes nothing, and the database keeps its invariants
 * (tests/support/fuzz/invariants.ts) after every property.
 *
 * Each property has a fixed seed and number of runs; a failure prints every distinct wrong answer with the
 * smallest input that gave it, and how to replay it (FUZZ_SEED, FUZZ_PATH; FUZZ_RUNS runs longer). The site
 * they post to, and how a form is fuzzed, are in tests/support/fuzz/site.ts.
 */
describe.each(DIALECTS)("fuzzing the cart, checkout and order forms on %s", (dialect) => {
  const site = fuzzSite(dialect);

  it(
    "add to the cart (guest and signed in)",
    () =>
      site.fuzzForm({
        name: "/cart (add)",
        seed: 911,
        as: (pick) => (pick % 2 ? site.visitor() : site.people.buyer),
        // The tea, or the dearest product there may be (quantities then test the money bounds).
        prepare: async (pick) => (pick < 3 ? site.products.tea : site.products.pricey),
        path: () => "/cart",
        base: (product) => [
          ["intent", "add"],
          ["productId", String(product.id)],
          ["slug", product.slug],
          ["quantity", "1"],
        ],
        fields: ["intent", "productId", "slug", "quantity", "quantity", "stay"],
        watch: ["carts", "cart_items"],
      }),
    PROPERTY_MS,
  );

  it(
    "change a cart line",
    () =>
      site.fuzzForm({
        name: "/cart (update)",
        seed: 912,
        as: () => site.people.buyer,
        // One of the dearest product in the cart, whatever the last run left there.
        prepare: async () => {
          const { orders } = site.server.container.services;
          const userId = (await site.server.container.services.accounts.getCurrentUser({
            email: site.emails.buyer,
          }))!.id;
          await orders.removeFromCart({ owner: { userId }, productId: site.products.pricey.id });
          await orders.addToCart({
            owner: { userId },
            form: { productId: String(site.products.pricey.id), quantity: "1" },
          });
        },
        path: () => "/cart",
        base: () => [
          ["intent", "update"],
          ["productId", String(site.products.pricey.id)],
          ["quantity", "2"],
        ],
        fields: ["intent", "productId", "quantity", "quantity"],
        watch: ["carts", "cart_items"],
      }),
    PROPERTY_MS,
  );

  it(
    "check out",
    () =>
      site.fuzzForm({
        name: "/checkout",
        seed: 913,
        as: () => site.people.orderBuyer,
        // A cart of tea; on some picks with ten of the dearest product as well, a total past the checkout bound.
        prepare: async (pick) => {
          const { orders } = site.server.container.services;
          const owner = { userId: site.orderBuyer.id };
          await orders.removeFromCart({ owner, productId: site.products.pricey.id });
          await orders.addToCart({ owner, form: { productId: String(site.products.tea.id), quantity: "1" } });
          if (pick >= 4)
            await orders.addToCart({
              owner,
              form: { productId: String(site.products.pricey.id), quantity: "10" },
            });
        },
        path: () => "/checkout?index",
        base: () => [
          ["submissionKey", randomBytes(16).toString("base64url")],
          ["contactName", "Nông Văn Páo"],
          ["phone", "0987 654 321"],
          ["email", "pao@example.vn"],
          ["provinceCode", "19"],
          ["wardCode", "05503"],
          ["address", "Số 12 đường Quang Trung"],
          ["note", "Gọi trước khi giao"],
          ["paymentMethod", "cod"],
        ],
        fields: [
          "submissionKey",
          "contactName",
          "phone",
          "email",
          "provinceCode",
          "wardCode",
          "address",
          "note",
          "paymentMethod",
        ],
        echo: ["contactName", "phone", "email", "address", "note"],
        watch: ["checkouts", "orders", "order_items", "stock"],
        once: "checkouts",
      }),
    PROPERTY_MS,
  );

  const orderRows = async (code: string) => {
    const o = await site.server.container.db.models.Order.findOne({ where: { code } });
    return { ...o?.toJSON(), updatedAt: null } as Rows;
  };

  it(
    "ship an order with carrier and tracking number",
    () =>
      site.fuzzForm({
        name: "/cooperative/orders/:code (ship)",
        seed: 922,
        as: () => site.people.owner,
        prepare: () => site.placeOrder(true),
        path: (code) => `/cooperative/orders/${code}`,
        base: () => [
          ["intent", "ship"],
          ["carrier", "Giao Hàng Tiết Kiệm (GHTK)"],
          ["trackingNumber", "S22843.SG01.A7"],
        ],
        fields: ["intent", "carrier", "trackingNumber", "trackingNumber"],
        fixed: ["intent"],
        echo: ["carrier", "trackingNumber"],
        rows: orderRows,
        tables: ["orders", "order_events", "notifications"],
      }),
    PROPERTY_MS,
  );

  it(
    "cancel an order with a reason (cooperative)",
    () =>
      site.fuzzForm({
        name: "/cooperative/orders/:code (cancel)",
        seed: 923,
        as: () => site.people.owner,
        prepare: () => site.placeOrder(false),
        path: (code) => `/cooperative/orders/${code}`,
        base: () => [
          ["intent", "cancel"],
          ["reason", "Hết hàng trong kho, xin lỗi quý khách."],
        ],
        fields: ["intent", "reason", "reason"],
        fixed: ["intent"],
        echo: ["reason"],
        watch: ["stock", "order_events"],
        rows: orderRows,
        tables: ["orders", "order_events", "notifications"],
      }),
    PROPERTY_MS,
  );

  it(
    "cancel an order with a reason (buyer)",
    () =>
      site.fuzzForm({
        name: "/orders/:code (cancel)",
        seed: 924,
        as: () => site.people.orderBuyer,
        prepare: () => site.placeOrder(false),
        path: (code) => `/orders/${code}`,
        base: () => [
          ["intent", "cancel"],
          ["reason", "Tôi đặt nhầm số lượng."],
        ],
        fields: ["intent", "reason", "reason"],
        fixed: ["intent"],
        echo: ["reason"],
        watch: ["stock", "order_events"],
        rows: orderRows,
        tables: ["orders", "order_events", "notifications"],
      }),
    PROPERTY_MS,
  );

  itSawNoStrayNul();
});

import { wardsOf } from "../vocabulary/wards";
import { randomBytes } from "node:crypto";
import { MAX_CHECKOUT_VND, type OrderStatus } from "../vocabulary/domain";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import { cooperativeContacts } from "../cooperatives";
import type { OrderRecord } from "../db/models/orders";
import { Conflict, Invalid } from "../errors";
import { enqueueJob } from "../jobs";
import { TransitionRefused } from "../lifecycle";
import { parseOrInvalid } from "../validation";
import type { Locale } from "../vocabulary/locale";
import type { CardPayments } from "./card-payments";
import {
  CARD_WINDOW_MINUTES,
  EXPIRE_CHECKOUT,
  newOrderCode,
  TRANSFER_WINDOW_DAYS,
  transferReferenceOf,
  type OrdersKit,
} from "./kit";
import { notifyBuyer, notifyCooperative, type BuyerContact } from "./notify";
import type { OrderLifecycle } from "./order-lifecycle";
import { checkoutSchema } from "./schemas";
import { chooseShipping, loadShippingPolicies } from "./shipping";
import type { ShippingOption } from "../vocabulary/shipping";
import { summaryOf, type CheckoutDetail, type Loaded } from "./views";

/** From cart to orders: the checkout form, placing one order per cooperative, the confirmation page, giving up. */
export function checkoutUseCases(kit: OrdersKit, orders: OrderLifecycle, payments: CardPayments) {
  const { db, models, stock, logger, gateway, cart, orderIncludes, bankInstructions } = kit;
  const { loadCheckoutFor } = kit;
  const { cancelUnpaidCheckout } = orders;
  const { applyCardPaid, reconcileCard } = payments;

  return {
    /** What the checkout page needs: the cart, which payment methods can be offered, and a prefilled contact. */
    async getCheckoutForm(user: CurrentUser, { locale }: { locale: Locale }) {
      const view = await cart.view({ userId: user.id }, locale);
      const contacts = await cooperativeContacts(
        db,
        view.groups.map((g) => g.cooperative.id),
      );
      const withoutBank = view.groups
        .filter((g) => !contacts.get(g.cooperative.id)?.bank)
        .map((g) => g.cooperative.name);
      const last = await models.Checkout.findOne({ where: { buyerId: user.id }, order: [["id", "DESC"]] });
      const org = user.organisation;
      const place = last ?? (org?.provinceCode ? org : null);
      const policies = await loadShippingPolicies(
        db,
        view.groups.map((g) => g.cooperative.id),
      );
      return {
        cart: view,
        /** Each cooperative's delivery options: the page prices them for the province as the buyer picks it. */
        shipping: Object.fromEntries(policies),
        submissionKey: randomBytes(16).toString("base64url"),
        methods: {
          cod: { available: true },
          bank_transfer: { available: withoutBank.length === 0, missingFor: withoutBank },
          card: { available: gateway !== null },
        },
        defaults: {
          contactName: last?.contactName ?? user.fullName,
          phone: last?.phone ?? user.phone ?? "",
          email: last?.email ?? user.email,
          // The last delivery address, else the business's own: a household business delivers to itself.
          provinceCode: place?.provinceCode ?? "",
          wardCode: place?.wardCode ?? "",
          address: place?.address ?? "",
          // A business buyer buys for their business, invoiced as last time; the PO number is each order's.
          forBusiness: Boolean(last?.taxCode || org),
          organisationName: last?.organisationName ?? org?.name ?? "",
          taxCode: last?.taxCode ?? org?.taxCode ?? "",
          invoice: Boolean(last?.invoiceName),
          invoiceName: last?.invoiceName ?? org?.name ?? "",
          invoiceAddress: last?.invoiceAddress ?? "",
          invoiceEmail: last?.invoiceEmail ?? user.email,
        },
        /** The wards of the province the form starts with (the rest come from /api/v1/provinces/:code/wards). */
        wards: wardsOf(place?.provinceCode),
      };
    },

    /**
     * Place the buyer's cart: one checkout, one order per cooperative, totals from current prices, stock
     * reserved in the same transaction. A card checkout then gets its Stripe session; if Stripe refuses, the
     * checkout is cancelled and the stock released.
     */
    async placeOrder(
      user: CurrentUser,
      {
        form,
        locale,
        origin,
        shippingLineName = (cooperative) => cooperative,
      }: {
        form: unknown;
        /** What a card payment calls one cooperative's delivery fee, in the buyer's language. */
        shippingLineName?: (cooperative: string) => string;
        /** The buyer's page language: the cart's names, and Stripe's page. */
        locale: Locale;
        /** Where Stripe sends the buyer back to. */
        origin: string;
      },
    ): Promise<{ publicId: string; payUrl: string | null }> {
      const input = parseOrInvalid(checkoutSchema, form);
      if (input.paymentMethod === "card" && !gateway)
        throw new Invalid({ paymentMethod: { code: "card_unavailable" } });

      const placed = await db.transaction(async (transaction) => {
        // Submissions of one cart queue on its row lock (taken first, so what follows is read after the one
        // before committed). A resent form then finds the checkout it already made; another finds the cart empty.
        await cart.lock({ userId: user.id }, transaction);
        if (input.submissionKey) {
          const earlier = await models.Checkout.findOne({
            where: { buyerId: user.id, submissionKey: input.submissionKey },
            transaction,
          });
          if (earlier) return { checkout: earlier, lines: null, fees: [] };
        }
        const view = await cart.view({ userId: user.id }, locale, transaction);
        if (view.lineCount === 0) throw new Conflict("cart_empty");
        const shipping = chooseShipping(
          form,
          view.groups,
          await loadShippingPolicies(
            db,
            view.groups.map((g) => g.cooperative.id),
            transaction,
          ),
          input.provinceCode,
        );
        const feeOf = (cooperativeId: number) => shipping.get(cooperativeId)?.feeVnd ?? 0;
        const totalVnd = view.totalVnd + view.groups.reduce((s, g) => s + feeOf(g.cooperative.id), 0);
        if (totalVnd > MAX_CHECKOUT_VND) throw new Conflict("checkout_too_large", { max: MAX_CHECKOUT_VND });
        // Stock is left to stock.reserve's conditional UPDATE below: whether this read came before or after a
        // competing buyer's commit, a shortfall is then reported the same way (`insufficient_stock`, with the
        // product and what is left). Anything else that changed (price, minimum, availability) waits for the
        // buyer to accept it; a price change is checked on its own, as a stock problem would hide it.
        const changed = view.groups
          .flatMap((g) => g.lines)
          .filter(
            (l) =>
              (l.problem && l.problem.code !== "insufficient_stock" && l.problem.code !== "out_of_stock") ||
              l.priceVnd !== l.seenPriceVnd ||
              l.quantity < l.minOrderQty,
          );
        if (changed.length > 0) throw new Conflict("cart_changed", { count: view.problemCount });
        const contacts = await cooperativeContacts(
          db,
          view.groups.map((g) => g.cooperative.id),
          transaction,
        );
        if (input.paymentMethod === "bank_transfer") {
          const missing = view.groups.filter((g) => !contacts.get(g.cooperative.id)?.bank);
          if (missing.length)
            throw new Invalid({
              paymentMethod: {
                code: "bank_transfer_unavailable",
                params: { cooperatives: missing.map((g) => g.cooperative.name).join(", ") },
              },
            });
        }
        // Stock first: a buyer who cannot have the goods should not leave a half-made checkout behind.
        await stock.reserve(
          transaction,
          view.groups.flatMap((g) => g.lines.map((l) => ({ productId: l.productId, quantity: l.quantity }))),
        );
        const now = new Date();
        const unpaid = input.paymentMethod !== "cod";
        const expiresAt =
          input.paymentMethod === "card"
            ? new Date(now.getTime() + CARD_WINDOW_MINUTES * 60_000)
            : input.paymentMethod === "bank_transfer"
              ? new Date(now.getTime() + TRANSFER_WINDOW_DAYS * 86_400_000)
              : null;
        const checkout = await models.Checkout.create(
          {
            publicId: randomBytes(12).toString("base64url"),
            buyerId: user.id,
            contactName: input.contactName,
            phone: input.phone,
            email: input.email,
            provinceCode: input.provinceCode,
            wardCode: input.wardCode,
            address: input.address,
            note: input.note ?? null,
            organisationName: input.forBusiness ? (input.organisationName ?? null) : null,
            taxCode: input.forBusiness ? (input.taxCode ?? null) : null,
            purchaseOrderNo: input.forBusiness ? (input.purchaseOrderNo ?? null) : null,
            invoiceName: input.invoice ? (input.invoiceName ?? null) : null,
            invoiceAddress: input.invoice ? (input.invoiceAddress ?? null) : null,
            invoiceEmail: input.invoice ? (input.invoiceEmail ?? null) : null,
            paymentMethod: input.paymentMethod,
            totalVnd,
            status: unpaid ? "pending_payment" : "placed",
            submissionKey: input.submissionKey ?? null,
            expiresAt,
          },
          { transaction },
        );
        // The order keeps the SKU and both names as they were when bought.
        const snapshot = await stock.purchasable(
          view.groups.flatMap((g) => g.lines.map((l) => l.productId)),
          transaction,
        );
        const buyer: BuyerContact = { email: input.email, locale: user.locale, name: input.contactName };
        const initial: OrderStatus = unpaid ? "pending_payment" : "placed";
        const orders: OrderRecord[] = [];
        for (const group of [...view.groups].sort((a, b) => a.cooperative.id - b.cooperative.id)) {
          const code = newOrderCode();
          const order = await models.Order.create(
            {
              code,
              checkoutId: checkout.id,
              cooperativeId: group.cooperative.id,
              buyerId: user.id,
              status: initial,
              paymentMethod: input.paymentMethod,
              paymentStatus: "unpaid",
              subtotalVnd: group.subtotalVnd,
              ...orderShipping(shipping.get(group.cooperative.id)),
              transferReference: transferReferenceOf(code),
            },
            { transaction },
          );
          await models.OrderItem.bulkCreate(
            group.lines.map((l) => ({
              orderId: order.id,
              productId: l.productId,
              sku: snapshot.get(l.productId)?.sku ?? "",
              nameVi: snapshot.get(l.productId)?.nameVi ?? l.name,
              nameEn: snapshot.get(l.productId)?.nameEn ?? null,
              unit: l.unit,
              unitPriceVnd: l.priceVnd,
              quantity: l.quantity,
              lineTotalVnd: l.lineTotalVnd,
            })),
            { transaction },
          );
          // A line from a quote marks its quote ordered with this order, or the whole checkout is refused.
          await kit.quotes.markOrdered(transaction, {
            buyerId: user.id,
            orderCode: code,
            lines: group.lines,
          });
          await models.OrderEvent.create(
            {
              orderId: order.id,
              fromStatus: null,
              toStatus: initial,
              actorId: user.id,
              actorKind: "buyer",
              note: null,
            },
            { transaction },
          );
          const contact = contacts.get(group.cooperative.id);
          await notifyBuyer(models, transaction, "order_placed", order, buyer, group.cooperative);
          await notifyCooperative(models, transaction, "order_received", order, contact, input.contactName);
          orders.push(order);
        }
        await cart.clear({ userId: user.id }, transaction);
        if (expiresAt)
          await enqueueJob(
            models,
            transaction,
            EXPIRE_CHECKOUT,
            { checkoutId: checkout.id },
            { runAt: expiresAt },
          );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "checkout.placed",
          entityType: "checkout",
          entityId: checkout.publicId,
          data: { total: totalVnd, method: input.paymentMethod, orders: orders.map((o) => o.code) },
        });
        const fees = view.groups
          .filter((g) => feeOf(g.cooperative.id) > 0)
          .map((g) => ({ name: shippingLineName(g.cooperative.name), fee: feeOf(g.cooperative.id) }));
        return { checkout, lines: view.groups.flatMap((g) => g.lines), fees };
      });

      const { checkout, lines, fees } = placed;
      if (!lines) {
        // The same form again: back to the checkout it made, or on to its card payment while that is open.
        const payable = checkout.status === "pending_payment" && checkout.stripeSessionUrl;
        return { publicId: checkout.publicId, payUrl: payable ? checkout.stripeSessionUrl : null };
      }
      if (checkout.paymentMethod !== "card") return { publicId: checkout.publicId, payUrl: null };
      const base = origin;
      try {
        const session = await gateway!.createCheckoutSession({
          reference: checkout.publicId,
          purpose: "checkout",
          lineItems: [
            ...lines.map((l) => ({ name: l.name, unitAmountVnd: l.priceVnd, quantity: l.quantity })),
            ...fees.map((f) => ({ name: f.name, unitAmountVnd: f.fee, quantity: 1 })),
          ],
          customerEmail: checkout.email,
          successUrl: `${base}/checkout/${checkout.publicId}?paid=1`,
          cancelUrl: `${base}/checkout/${checkout.publicId}?cancelled=1`,
          expiresAt: checkout.expiresAt!,
          locale,
          metadata: { checkout_id: String(checkout.id), checkout_public_id: checkout.publicId },
        });
        await checkout.update({ stripeSessionId: session.id, stripeSessionUrl: session.url });
        return { publicId: checkout.publicId, payUrl: session.url };
      } catch (error) {
        logger.error({ err: error, checkout: checkout.publicId }, "Stripe refused the checkout session");
        await db.transaction(async (t) => {
          // The buyer is asked to pay another way, so the lines go back into the cart they came from, and the
          // form (sent again with its key) makes a new checkout instead of finding this cancelled one.
          if (await cancelUnpaidCheckout(t, checkout, "system", null, "card_unavailable")) {
            await models.Checkout.update(
              { submissionKey: null },
              { where: { id: checkout.id }, transaction: t },
            );
            await cart.restore(
              user.id,
              // A quoted line goes back as quoted: its quote was reopened with the cancelled orders.
              lines.map((l) => ({
                productId: l.productId,
                quantity: l.quantity,
                seenPriceVnd: l.priceVnd,
                quoteId: l.quoteId,
              })),
              t,
            );
          }
        });
        throw new Conflict("card_unavailable");
      }
    },

    /** The buyer's confirmation page: each cooperative's order, with bank transfer details or the card link. */
    async getCheckout(user: CurrentUser, { publicId }: { publicId: string }): Promise<CheckoutDetail> {
      let checkout = await loadCheckoutFor(user, publicId);
      if (checkout.status === "pending_payment" && checkout.paymentMethod === "card") {
        try {
          await reconcileCard(checkout);
          checkout = await loadCheckoutFor(user, publicId);
        } catch (error) {
          logger.warn({ err: error, checkout: publicId }, "could not ask Stripe about the checkout");
        }
      }
      const orders = (await models.Order.findAll({
        where: { checkoutId: checkout.id },
        include: orderIncludes(),
        order: [
          ["id", "ASC"],
          [{ model: models.OrderItem, as: "items" }, "id", "ASC"],
        ],
      })) as Loaded[];
      const contacts = await cooperativeContacts(
        db,
        orders.map((o) => o.cooperativeId),
      );
      return {
        publicId: checkout.publicId,
        status: checkout.status,
        paymentMethod: checkout.paymentMethod,
        totalVnd: checkout.totalVnd,
        createdAt: checkout.createdAt.toISOString(),
        expiresAt: checkout.expiresAt?.toISOString() ?? null,
        paidAt: checkout.paidAt?.toISOString() ?? null,
        lastPaymentError: checkout.lastPaymentError,
        payUrl: checkout.status === "pending_payment" ? checkout.stripeSessionUrl : null,
        orders: await Promise.all(
          orders.map(async (o) => ({
            ...summaryOf(o),
            bankTransfer: await bankInstructions(o, contacts.get(o.cooperativeId)),
          })),
        ),
      };
    },

    /** The buyer gives up on an unpaid card checkout: the Stripe session is closed and the stock released. */
    async cancelCheckout(user: CurrentUser, { publicId }: { publicId: string }) {
      const checkout = await loadCheckoutFor(user, publicId);
      if (checkout.status !== "pending_payment") throw new TransitionRefused(checkout.status, "cancel");
      if (checkout.stripeSessionId && gateway) {
        const session = await gateway.expireCheckoutSession(checkout.stripeSessionId);
        if (session.paymentStatus === "paid") {
          await db.transaction((t) => applyCardPaid(t, checkout.id, session.paymentIntentId));
          throw new Conflict("already_paid");
        }
      }
      await db.transaction((t) => cancelUnpaidCheckout(t, checkout, "buyer", user.id, null));
    },
  };
}

/** An order's delivery columns from the option chosen for its cooperative. */
function orderShipping(option: ShippingOption | undefined) {
  return {
    shippingMethod: option?.method ?? null,
    shippingZone: option?.zone ?? null,
    shippingFeeVnd: option?.feeVnd ?? 0,
    deliveryDaysMin: option?.daysMin ?? null,
    deliveryDaysMax: option?.daysMax ?? null,
  };
}

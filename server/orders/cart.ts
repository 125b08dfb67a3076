import { randomBytes } from "node:crypto";
import { QueryTypes, type Transaction } from "sequelize";
import type { CatalogueStock, PurchasableProduct } from "../catalogue/stock";
import type { Picture } from "../catalogue/views";
import type { Database } from "../db";
import { uniqueViolation } from "../db/slugs";
import { MAX_CART_LINES, MAX_CHECKOUT_VND, MAX_LINE_QUANTITY } from "../vocabulary/domain";
import { Invalid, NotFound } from "../errors";
import { enqueueJob, type JobHandler } from "../jobs";
import type { QuotedLine, QuotesForOrders } from "../quotes";
import { parseOrInvalid } from "../validation";
import type { Locale } from "../vocabulary/locale";
import { unitPriceAt } from "../vocabulary/price-tiers";
import { cartLineSchema } from "./schemas";

/** A guest's cart is found by the token in its cookie; a signed-in buyer's by the user id. */
export type CartOwner = { userId: number } | { token: string | null };

/** Why a line cannot be paid as it stands. Shown beside the line; checkout refuses until it is resolved. */
export type CartProblem =
  | { code: "unavailable" }
  | { code: "out_of_stock" }
  | { code: "insufficient_stock"; available: number }
  | { code: "below_minimum"; min: number }
  | { code: "price_changed"; from: number; to: number }
  /** The line's quote is no longer answered and valid: it cannot be bought at that price any more. */
  | { code: "quote_expired" };

export interface CartLine {
  productId: number;
  slug: string;
  name: string;
  unit: string;
  image: Picture | null;
  quantity: number;
  minOrderQty: number;
  stock: number;
  /** The unit price charged: the quote's, else the list or volume price at the line's quantity. */
  priceVnd: number;
  /**
   * The unit price the buyer was last shown for this line. A quantity moved along an unchanged price list moves
   * it to that quantity's tier (the buyer's own change, not the cooperative's); a price the cooperative changed
   * differs from it until the buyer accepts the change.
   */
  seenPriceVnd: number;
  lineTotalVnd: number;
  /** The product's list price, and the volume price applied to this quantity ("from 50 kg"), if any. */
  listPriceVnd: number;
  tier: { minQty: number } | null;
  /** The quote the line was put in from: its quantity and price are fixed ("Order at this price"). */
  quoteId: number | null;
  problem: CartProblem | null;
}

export interface CartGroup {
  cooperative: { id: number; slug: string; name: string };
  lines: CartLine[];
  subtotalVnd: number;
}

export interface CartView {
  groups: CartGroup[];
  totalVnd: number;
  lineCount: number;
  problemCount: number;
}

export const EXPIRE_GUEST_CART = "orders.expire-guest-cart";
/** A guest cart lives as long as its cookie after its last change; then the job removes it. */
export const GUEST_CART_DAYS = 30;

export function newCartToken(): string {
  return randomBytes(24).toString("base64url");
}

/** What stands in the way of a line at the list or volume price `priceVnd` (the price at its quantity). */
export function problemOf(
  product: PurchasableProduct | undefined,
  quantity: number,
  seenPriceVnd: number,
  priceVnd = product ? unitPriceAt(product, quantity).priceVnd : seenPriceVnd,
): CartProblem | null {
  if (!product || !product.purchasable) return { code: "unavailable" };
  if (product.stock <= 0) return { code: "out_of_stock" };
  if (quantity > product.stock) return { code: "insufficient_stock", available: product.stock };
  if (quantity < product.minOrderQty) return { code: "below_minimum", min: product.minOrderQty };
  if (priceVnd !== seenPriceVnd) return { code: "price_changed", from: seenPriceVnd, to: priceVnd };
  return null;
}

/**
 * A line from a quote: its price and quantity are the cooperative's answer, so neither a price change nor the
 * minimum order is a problem; the quote must still be answered and valid, and stock is taken at checkout as for
 * any line.
 */
function quotedProblemOf(
  product: PurchasableProduct | undefined,
  quantity: number,
  quote: QuotedLine | undefined,
): CartProblem | null {
  if (!product || !product.purchasable) return { code: "unavailable" };
  if (!quote || quote.status !== "answered") return { code: "quote_expired" };
  if (product.stock <= 0) return { code: "out_of_stock" };
  if (quantity > product.stock) return { code: "insufficient_stock", available: product.stock };
  return null;
}

/**
 * The price a line's buyer has seen once its quantity is `quantity`: moving along a price list that has not
 * changed since they saw it, the new quantity's price (a volume price is theirs to reach, not a change to
 * accept); with a change still to accept, what they saw, so the change stays shown until they accept it.
 */
export function seenAfterQuantityChange(
  product: PurchasableProduct | undefined,
  line: { quantity: number; seenPriceVnd: number },
  quantity: number,
): number {
  if (!product || line.seenPriceVnd !== unitPriceAt(product, line.quantity).priceVnd)
    return line.seenPriceVnd;
  return unitPriceAt(product, quantity).priceVnd;
}

/** The quantity a buyer may ask for: at least the minimum order, at most what is in stock and a checkout's worth. */
function checkQuantity(product: PurchasableProduct | undefined, quantity: number, inCart = 0) {
  if (!product) throw new NotFound("product_not_found");
  if (quantity > MAX_LINE_QUANTITY || product.priceVnd * quantity > MAX_CHECKOUT_VND)
    throw new Invalid({ quantity: { code: "line_too_large", params: { max: MAX_CHECKOUT_VND } } });
  if (!product.purchasable) throw new Invalid({ quantity: { code: "product_unavailable" } });
  if (product.stock <= 0) throw new Invalid({ quantity: { code: "out_of_stock" } });
  if (quantity > product.stock)
    throw new Invalid({
      quantity: inCart
        ? { code: "not_enough_stock_in_cart", params: { available: product.stock, inCart } }
        : { code: "not_enough_stock", params: { available: product.stock } },
    });
  if (quantity < product.minOrderQty)
    throw new Invalid({
      quantity: { code: "below_minimum", params: { min: product.minOrderQty, unitCode: product.unit } },
    });
}

/**
 * Two requests at once (a double click, two tabs) can both find no cart and both create it; the unique index
 * lets one through and the other's transaction runs again, finding what the first one made.
 */
const createRace = { retryIf: (error: unknown) => uniqueViolation(error) !== null };

export function createCart(db: Database, stock: CatalogueStock, quotes: QuotesForOrders) {
  const { models } = db;
  type CartWithItems = InstanceType<typeof models.Cart> & {
    items: Array<InstanceType<typeof models.CartItem>>;
  };

  async function findCart(owner: CartOwner, transaction?: Transaction) {
    const where = ownerWhere(owner);
    return where ? models.Cart.findOne({ where, transaction }) : null;
  }

  /**
   * The cart's row, locked for the rest of the transaction. Every change to a cart's lines, and checkout, takes
   * this lock first, so clicks and submissions of one cart queue behind each other; taken before any other read,
   * it also makes MySQL's snapshot start after the one before has committed, so nothing is read stale.
   */
  async function lockCart(owner: CartOwner, transaction: Transaction) {
    const where = ownerWhere(owner);
    return where ? models.Cart.findOne({ where, transaction, lock: transaction.LOCK.UPDATE }) : null;
  }

  async function findOrCreateCart(owner: CartOwner, transaction: Transaction) {
    const existing = await lockCart(owner, transaction);
    if (existing) return existing;
    if ("userId" in owner) return models.Cart.create({ userId: owner.userId, token: null }, { transaction });
    const cart = await models.Cart.create({ userId: null, token: newCartToken() }, { transaction });
    await enqueueJob(
      models,
      transaction,
      EXPIRE_GUEST_CART,
      { cartId: cart.id },
      {
        runAt: new Date(Date.now() + GUEST_CART_DAYS * 86_400_000),
      },
    );
    return cart;
  }

  /**
   * Add lines to a cart inside the caller's transaction; a product already there gets the quantities summed (at
   * the summed quantity's price, unless a change is still to be accepted), except on a line from a quote, whose
   * quantity is the quote's.
   */
  async function addLines(
    cartId: number,
    lines: Array<{ productId: number; quantity: number; seenPriceVnd: number; quoteId?: number | null }>,
    transaction: Transaction,
  ) {
    const products = await stock.purchasable([...new Set(lines.map((l) => l.productId))], transaction);
    for (const line of lines) {
      const existing = await models.CartItem.findOne({
        where: { cartId, productId: line.productId },
        transaction,
      });
      if (line.quoteId) {
        // A quoted line stands for its quote: it replaces a list-price line of the product, as when it was added.
        const quoted = { quantity: line.quantity, seenPriceVnd: line.seenPriceVnd, quoteId: line.quoteId };
        if (existing) await existing.update(quoted, { transaction });
        else await models.CartItem.create({ cartId, productId: line.productId, ...quoted }, { transaction });
        continue;
      }
      if (existing?.quoteId) continue;
      if (existing) {
        const p = products.get(line.productId);
        const quantity = Math.min(MAX_LINE_QUANTITY, existing.quantity + line.quantity);
        // A line whose price changed since its buyer saw it keeps showing that; else the summed quantity's price.
        const stale = (l: { quantity: number; seenPriceVnd: number }) =>
          !p || l.seenPriceVnd !== unitPriceAt(p, l.quantity).priceVnd;
        const pending = [line, existing].find(stale);
        await existing.update(
          { quantity, seenPriceVnd: pending ? pending.seenPriceVnd : unitPriceAt(p!, quantity).priceVnd },
          { transaction },
        );
      } else {
        await models.CartItem.create(
          { cartId, productId: line.productId, quantity: line.quantity, seenPriceVnd: line.seenPriceVnd },
          { transaction },
        );
      }
    }
  }

  /** Which cart row is the owner's; null when the owner cannot have one (a guest without a cart cookie). */
  function ownerWhere(owner: CartOwner) {
    if ("userId" in owner) return { userId: owner.userId };
    return owner.token ? { token: owner.token, userId: null } : null;
  }

  /** Today's facts behind cart lines: their products, and the quotes some were put in from. */
  async function factsOf(
    items: Array<{ productId: number; quoteId?: number | null }>,
    transaction?: Transaction,
  ) {
    const [products, quoted] = await Promise.all([
      stock.purchasable(
        items.map((i) => i.productId),
        transaction,
      ),
      quotes.lines(
        items.flatMap((i) => (i.quoteId ? [i.quoteId] : [])),
        transaction,
      ),
    ]);
    return { products, quoted };
  }

  /** Lines with today's product facts, in the caller's transaction when there is one. */
  async function view(owner: CartOwner, locale: Locale, transaction?: Transaction): Promise<CartView> {
    const where = ownerWhere(owner);
    // The cart and its lines in one statement.
    const cart = where
      ? ((await models.Cart.findOne({
          where,
          include: [{ model: models.CartItem, as: "items" }],
          // Lines in the order they were added; MariaDB keeps whole seconds, so lines added in the same second
          // go by product, the same way every time (their order items, and the cooperative's CSV, follow it).
          order: [
            [{ model: models.CartItem, as: "items" }, "createdAt", "ASC"],
            [{ model: models.CartItem, as: "items" }, "productId", "ASC"],
          ],
          transaction,
        })) as CartWithItems | null)
      : null;
    const items = cart?.items ?? [];
    const { products, quoted } = await factsOf(items, transaction);
    const groups = new Map<number, CartGroup>();
    let problemCount = 0;
    for (const item of items) {
      const p = products.get(item.productId);
      if (!p) continue;
      const quote = item.quoteId ? quoted.get(item.quoteId) : undefined;
      const at = unitPriceAt(p, item.quantity);
      const priceVnd = item.quoteId ? (quote?.unitPriceVnd ?? item.seenPriceVnd) : at.priceVnd;
      const problem = item.quoteId
        ? quotedProblemOf(p, item.quantity, quote)
        : problemOf(p, item.quantity, item.seenPriceVnd, priceVnd);
      if (problem) problemCount++;
      const line: CartLine = {
        productId: p.id,
        slug: p.slug,
        name: locale === "en" && p.nameEn ? p.nameEn : p.nameVi,
        unit: p.unit,
        image: p.image,
        quantity: item.quantity,
        // A quoted quantity was agreed with the cooperative: its minimum order does not apply to it.
        minOrderQty: item.quoteId ? Math.min(p.minOrderQty, item.quantity) : p.minOrderQty,
        stock: p.stock,
        priceVnd,
        seenPriceVnd: item.seenPriceVnd,
        lineTotalVnd: priceVnd * item.quantity,
        listPriceVnd: p.priceVnd,
        tier: !item.quoteId && at.tier ? { minQty: at.tier.minQty } : null,
        quoteId: item.quoteId ?? null,
        problem,
      };
      const group = groups.get(p.cooperative.id) ?? { cooperative: p.cooperative, lines: [], subtotalVnd: 0 };
      group.lines.push(line);
      group.subtotalVnd += line.lineTotalVnd;
      groups.set(p.cooperative.id, group);
    }
    const list = [...groups.values()].sort((a, b) =>
      a.cooperative.name.localeCompare(b.cooperative.name, "vi"),
    );
    return {
      groups: list,
      totalVnd: list.reduce((s, g) => s + g.subtotalVnd, 0),
      lineCount: list.reduce((s, g) => s + g.lines.length, 0),
      problemCount,
    };
  }

  return {
    view,
    findCart,

    /** The cart page: lines grouped by cooperative, with today's prices and what stands in the way of paying. */
    viewCart({ owner, locale }: { owner: CartOwner; locale: Locale }): Promise<CartView> {
      return view(owner, locale);
    },

    /**
     * How many units the header's cart link shows (2 boxes of tea and 3 packets of vermicelli: 5), as shops count
     * what is in a basket: one statement on every page a signed-in user opens.
     */
    async countCartUnits({ owner }: { owner: CartOwner }): Promise<number> {
      const where = ownerWhere(owner);
      if (!where) return 0;
      const [row] = await db.sequelize.query<{ n: number | string | null }>(
        `SELECT SUM(i.quantity) AS n FROM cart_items i JOIN carts c ON c.id = i.cart_id WHERE ${
          "userId" in owner ? "c.user_id = :userId" : "c.token = :token AND c.user_id IS NULL"
        }`,
        { type: QueryTypes.SELECT, replacements: where },
      );
      return Number(row?.n ?? 0);
    },

    /** Add to the line (or start it). Returns the cart token a guest's cookie must carry. */
    async addToCart({ owner, form }: { owner: CartOwner; form: unknown }): Promise<{ token: string | null }> {
      const input = parseOrInvalid(cartLineSchema, form);
      return db.transaction(async (transaction) => {
        const cart = await findOrCreateCart(owner, transaction);
        const products = await stock.purchasable([input.productId], transaction);
        const product = products.get(input.productId);
        const existing = await models.CartItem.findOne({
          where: { cartId: cart.id, productId: input.productId },
          transaction,
        });
        // A quoted line's quantity is the quote's: more of the product at the list price waits until it is bought.
        if (existing?.quoteId) throw new Invalid({ quantity: { code: "quoted_line_in_cart" } });
        const quantity = (existing?.quantity ?? 0) + input.quantity;
        checkQuantity(product, quantity, existing?.quantity ?? 0);
        // Adding from the product page takes its prices as they are shown there, a volume price included.
        const seenPriceVnd = unitPriceAt(product!, quantity).priceVnd;
        if (existing) {
          await existing.update({ quantity, seenPriceVnd }, { transaction });
        } else {
          if ((await models.CartItem.count({ where: { cartId: cart.id }, transaction })) >= MAX_CART_LINES)
            throw new Invalid({ quantity: { code: "cart_full", params: { max: MAX_CART_LINES } } });
          await models.CartItem.create(
            { cartId: cart.id, productId: input.productId, quantity, seenPriceVnd },
            { transaction },
          );
        }
        return { token: cart.token };
      }, createRace);
    },

    /** Set a line's quantity; 0 removes it. */
    async updateCartLine({ owner, form }: { owner: CartOwner; form: unknown }): Promise<void> {
      const values = form as Record<string, unknown>;
      if (String(values.quantity ?? "").trim() === "0") {
        const productId = Number(values.productId);
        const cart = await findCart(owner);
        if (cart && Number.isInteger(productId))
          await models.CartItem.destroy({ where: { cartId: cart.id, productId } });
        return;
      }
      const input = parseOrInvalid(cartLineSchema, form);
      await db.transaction(async (transaction) => {
        const cart = await lockCart(owner, transaction);
        const item = cart
          ? await models.CartItem.findOne({
              where: { cartId: cart.id, productId: input.productId },
              transaction,
            })
          : null;
        if (!item) throw new NotFound("cart_line_not_found");
        if (item.quoteId) throw new Invalid({ quantity: { code: "quote_quantity_fixed" } });
        const product = (await stock.purchasable([input.productId], transaction)).get(input.productId);
        checkQuantity(product, input.quantity);
        // Changing the quantity is not accepting a new price: a price the cooperative changed stays shown until
        // the buyer accepts it; reaching (or leaving) a volume price is no such change.
        await item.update(
          { quantity: input.quantity, seenPriceVnd: seenAfterQuantityChange(product, item, input.quantity) },
          { transaction },
        );
      });
    },

    async removeFromCart({ owner, productId }: { owner: CartOwner; productId: number }): Promise<void> {
      const cart = await findCart(owner);
      if (cart) await models.CartItem.destroy({ where: { cartId: cart.id, productId } });
    },

    /**
     * "Order at this price": the buyer's answered quote goes into their cart as a line of the quoted quantity at
     * the quoted price, replacing a line of the product at the list price. Under the cart's lock, so a double
     * click finds the line the first click made and leaves it as it is: one line, never the quantity twice.
     * Stock is taken at checkout, as for every line.
     */
    async orderAtQuotedPrice({ userId, quoteId }: { userId: number; quoteId: number }): Promise<void> {
      await db.transaction(async (transaction) => {
        const cart = await findOrCreateCart({ userId }, transaction);
        const quote = await quotes.orderable(userId, quoteId, transaction);
        const existing = await models.CartItem.findOne({
          where: { cartId: cart.id, productId: quote.productId },
          transaction,
        });
        if (existing?.quoteId === quote.quoteId) return;
        const line = { quantity: quote.quantity, seenPriceVnd: quote.unitPriceVnd, quoteId: quote.quoteId };
        if (existing) {
          await existing.update(line, { transaction });
          return;
        }
        if ((await models.CartItem.count({ where: { cartId: cart.id }, transaction })) >= MAX_CART_LINES)
          throw new Invalid({ _form: { code: "cart_full", params: { max: MAX_CART_LINES } } });
        await models.CartItem.create(
          { cartId: cart.id, productId: quote.productId, ...line },
          { transaction },
        );
      }, createRace);
    },

    /**
     * The buyer accepts what changed: new prices become the seen prices, quantities shrink to what is in stock
     * (or grow to the minimum order), and lines that can no longer be bought are removed.
     */
    async acceptCartChanges({ owner }: { owner: CartOwner }): Promise<void> {
      await db.transaction(async (transaction) => {
        const cart = await lockCart(owner, transaction);
        if (!cart) return;
        const items = await models.CartItem.findAll({ where: { cartId: cart.id }, transaction });
        const { products, quoted } = await factsOf(items, transaction);
        for (const item of items) {
          const p = products.get(item.productId);
          if (item.quoteId) {
            // A quote's line is bought as quoted or not at all: it goes once the quote or the product does; a
            // shortage of stock is left for the buyer to wait out or remove (the quantity is not theirs to cut).
            if (!p?.purchasable || quoted.get(item.quoteId)?.status !== "answered")
              await item.destroy({ transaction });
            continue;
          }
          if (!p || !p.purchasable || p.stock < p.minOrderQty) {
            await item.destroy({ transaction });
            continue;
          }
          const quantity = Math.max(p.minOrderQty, Math.min(item.quantity, p.stock));
          await item.update({ quantity, seenPriceVnd: unitPriceAt(p, quantity).priceVnd }, { transaction });
        }
      });
    },

    /** At login: the guest's lines join the buyer's cart (quantities add up) and the guest cart goes away. */
    async mergeGuestCart({
      guestToken,
      userId,
    }: {
      guestToken: string | null;
      userId: number;
    }): Promise<void> {
      if (!guestToken) return;
      await db.transaction(async (transaction) => {
        const guest = await lockCart({ token: guestToken }, transaction);
        if (!guest) return;
        const target = await findOrCreateCart({ userId }, transaction);
        const items = await models.CartItem.findAll({ where: { cartId: guest.id }, transaction });
        await addLines(target.id, items, transaction);
        await models.CartItem.destroy({ where: { cartId: guest.id }, transaction });
        await guest.destroy({ transaction });
      }, createRace);
    },

    /** Give a checkout that could not go ahead its lines back, inside the caller's transaction. */
    async restore(
      userId: number,
      lines: Array<{ productId: number; quantity: number; seenPriceVnd: number; quoteId?: number | null }>,
      transaction: Transaction,
    ): Promise<void> {
      const target = await findOrCreateCart({ userId }, transaction);
      await addLines(target.id, lines, transaction);
    },

    lock: lockCart,

    /** Empty the cart inside the order's transaction: the lines go if and only if the order exists. */
    async clear(owner: CartOwner, transaction: Transaction): Promise<void> {
      const cart = await findCart(owner, transaction);
      if (cart) await models.CartItem.destroy({ where: { cartId: cart.id }, transaction });
    },
  };
}

export type CartService = ReturnType<typeof createCart>;

/**
 * Job: a guest cart untouched for GUEST_CART_DAYS (its cookie has expired too) is removed; one changed since
 * is looked at again when that last change is old enough.
 */
export function guestCartExpiry(db: Database, now: () => Date = () => new Date()): JobHandler {
  const { models } = db;
  return async (payload) => {
    await db.transaction(async (transaction) => {
      const cart = await models.Cart.findByPk(Number(payload.cartId), { transaction });
      if (!cart || cart.userId !== null) return;
      const items = await models.CartItem.findAll({
        where: { cartId: cart.id },
        attributes: ["updatedAt"],
        transaction,
      });
      const last = Math.max(cart.updatedAt.getTime(), ...items.map((i) => i.updatedAt.getTime()));
      const due = last + GUEST_CART_DAYS * 86_400_000;
      if (due > now().getTime()) {
        await enqueueJob(
          models,
          transaction,
          EXPIRE_GUEST_CART,
          { cartId: cart.id },
          { runAt: new Date(due) },
        );
        return;
      }
      await models.CartItem.destroy({ where: { cartId: cart.id }, transaction });
      await cart.destroy({ transaction });
    });
  };
}

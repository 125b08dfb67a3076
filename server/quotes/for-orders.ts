import type { Transaction } from "sequelize";
import { Conflict, NotFound } from "../errors";
import type { QuoteStatus } from "../vocabulary/quotes";
import type { QuotesKit } from "./kit";
import { statusOf } from "./views";

/** A quote as a cart line carries it: what was quoted, and whether it can still be bought at that. */
export interface QuotedLine {
  quoteId: number;
  buyerId: number;
  productId: number;
  quantity: number;
  unitPriceVnd: number;
  /** Today's status: only an "answered" quote can be ordered. */
  status: QuoteStatus;
}

/** A cart line placed in a checkout: `quoteId` when it came from a quote. */
export interface PlacedLine {
  productId: number;
  quantity: number;
  priceVnd: number;
  quoteId?: number | null;
}

/**
 * What the orders domain asks of quotes (it depends on quotes, never the other way): the quote a buyer orders at,
 * the quotes behind cart lines, and marking them ordered inside the checkout's transaction.
 */
export interface QuotesForOrders {
  /** The buyer's answered, still valid quote; another buyer's does not exist, any other state is a conflict. */
  orderable(buyerId: number, quoteId: number, transaction: Transaction): Promise<QuotedLine>;
  /** The quotes behind cart lines, with their status today. */
  lines(quoteIds: number[], transaction?: Transaction): Promise<Map<number, QuotedLine>>;
  /**
   * The checkout placing `lines` as order `orderCode` is being committed: each line from a quote marks its quote
   * ordered (conditional on its being answered and still valid, and on the line being what was quoted), with the
   * order's code, or the whole checkout is refused (`quote_no_longer_valid`).
   */
  markOrdered(
    transaction: Transaction,
    placed: { buyerId: number; orderCode: string; lines: readonly PlacedLine[] },
  ): Promise<void>;
  /**
   * Orders are being cancelled (each locked by the caller): the quotes they were placed from can be ordered again,
   * until their last valid day.
   */
  reopen(
    transaction: Transaction,
    orders: ReadonlyArray<{ code: string; cooperativeId: number }>,
  ): Promise<void>;
}

export function quotesForOrders(kit: QuotesKit): QuotesForOrders {
  const { models, quotes, now } = kit;
  const asLine = (q: InstanceType<typeof models.Quote>, at: Date): QuotedLine => ({
    quoteId: q.id,
    buyerId: q.buyerId,
    productId: q.productId,
    quantity: q.quantity,
    unitPriceVnd: q.unitPriceVnd ?? 0,
    status: statusOf(q, at),
  });

  return {
    async orderable(buyerId, quoteId, transaction) {
      const quote = await models.Quote.findOne({ where: { id: quoteId, buyerId }, transaction });
      if (!quote) throw new NotFound("quote_not_found");
      const line = asLine(quote, now());
      if (line.status !== "answered") throw new Conflict("quote_not_orderable", { status: line.status });
      return line;
    },

    async lines(quoteIds, transaction) {
      if (quoteIds.length === 0) return new Map();
      const rows = await models.Quote.findAll({ where: { id: quoteIds }, transaction });
      const at = now();
      return new Map(rows.map((q) => [q.id, asLine(q, at)]));
    },

    async markOrdered(transaction, { buyerId, orderCode, lines }) {
      // Locked in one order (by id), so two checkouts never wait on each other's quotes crosswise.
      const quoted = lines
        .filter((l): l is PlacedLine & { quoteId: number } => typeof l.quoteId === "number")
        .sort((a, b) => a.quoteId - b.quoteId);
      for (const line of quoted) {
        const quote = await models.Quote.findByPk(line.quoteId, {
          transaction,
          lock: transaction.LOCK.UPDATE,
        });
        const at = now();
        const same =
          quote !== null &&
          quote.buyerId === buyerId &&
          quote.productId === line.productId &&
          quote.quantity === line.quantity &&
          quote.unitPriceVnd === line.priceVnd;
        if (!quote || !same || statusOf(quote, at) !== "answered")
          throw new Conflict("quote_no_longer_valid", { quote: line.quoteId });
        await quotes.move(transaction, {
          subject: quote,
          action: "order",
          actor: "buyer",
          actorId: buyerId,
          changes: { orderCode, orderedAt: at },
          note: orderCode,
        });
        const product = await kit.productOf(quote, transaction);
        const buyer = await models.User.findByPk(buyerId, {
          attributes: ["fullName", "organisationId"],
          include: [{ model: models.Organisation, as: "organisation", attributes: ["name"] }],
          transaction,
        });
        const buyerName =
          (buyer as (typeof buyer & { organisation?: { name: string } | null }) | null)?.organisation?.name ??
          buyer?.fullName ??
          "";
        await kit.notifyCooperative(transaction, quote, "quote_ordered", (locale) => ({
          buyer: buyerName,
          product: kit.nameIn(product, locale),
          code: orderCode,
        }));
      }
    },

    async reopen(transaction, orders) {
      if (orders.length === 0) return;
      // Found through the cooperatives' index. No lock: a quote names one order, and the caller holds that
      // order's, so nothing else reopens it meanwhile; the move itself is conditional on "ordered".
      const ordered = await models.Quote.findAll({
        where: {
          cooperativeId: [...new Set(orders.map((o) => o.cooperativeId))],
          status: "ordered",
          orderCode: orders.map((o) => o.code),
        },
        order: [["id", "ASC"]],
        transaction,
      });
      for (const quote of ordered) {
        await quotes.move(transaction, {
          subject: quote,
          action: "reopen",
          actor: "system",
          actorId: null,
          changes: { orderCode: null, orderedAt: null },
          note: quote.orderCode,
        });
      }
    },
  };
}

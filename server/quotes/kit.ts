import type { Transaction } from "sequelize";
import { approvedCooperativeOf, type CurrentUser } from "../accounts/current-user";
import type { CatalogueStock, PurchasableProduct } from "../catalogue/stock";
import { cooperativeContacts, notifyCooperativeContacts } from "../cooperatives";
import type { Database } from "../db";
import type { QuoteRecord } from "../db/models/quotes";
import { Forbidden, NotFound } from "../errors";
import { lifecycle } from "../lifecycle";
import { emailUser } from "../notifications";
import type { Locale } from "../vocabulary/locale";
import { quoteMachine } from "./state-machine";

export interface QuotesDeps {
  db: Database;
  /** Products as the cart sees them (names, unit, prices, stock, cooperative): the catalogue's, not its tables. */
  products: Pick<CatalogueStock, "purchasable">;
  now?: () => Date;
}

export const BUYER_QUOTES_PATH = "/account/quotes";
export const COOPERATIVE_QUOTES_PATH = "/cooperative/quotes";

/** What every quotes use case shares: dependencies, who may act, the lifecycle, and telling the other side. */
export function quotesKit({ db, products, now = () => new Date() }: QuotesDeps) {
  const { models } = db;

  /** Quotes move only through their lifecycle; the quote's own columns are its timeline, the audit log keeps who. */
  const quotes = lifecycle(quoteMachine, {
    models,
    model: models.Quote,
    name: "quote",
    changedCode: "quote_changed",
    recordEvent: async () => {},
  });

  function buyerOf(user: CurrentUser) {
    if (user.role !== "buyer") throw new Forbidden("quote_buyers_only");
    return user.id;
  }

  /** The product's name in the reader's language. */
  const nameIn = (product: Pick<PurchasableProduct, "nameVi" | "nameEn"> | undefined, locale: Locale) =>
    product ? (locale === "en" && product.nameEn ? product.nameEn : product.nameVi) : "";

  async function productOf(quote: QuoteRecord, transaction?: Transaction) {
    return (await products.purchasable([quote.productId], transaction)).get(quote.productId);
  }

  /** The quote, locked for the rest of the transaction, if it is this cooperative's; otherwise it does not exist. */
  async function cooperativeQuote(cooperativeId: number, quoteId: number, transaction: Transaction) {
    const quote = await models.Quote.findOne({
      where: { id: quoteId, cooperativeId },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    if (!quote) throw new NotFound("quote_not_found");
    return quote;
  }

  /** The buyer, in their language, through the outbox; `params` is called with their locale. */
  async function notifyBuyer(
    transaction: Transaction,
    quote: QuoteRecord,
    template: string,
    params: (locale: Locale) => Record<string, string>,
  ) {
    const buyer = await models.User.findByPk(quote.buyerId, { transaction });
    if (!buyer || buyer.disabledAt) return;
    await emailUser(models, transaction, buyer, template, (locale) => ({
      link: BUYER_QUOTES_PATH,
      ...params(locale),
    }));
  }

  /** The cooperative's people, each in their language. */
  async function notifyCooperative(
    transaction: Transaction,
    quote: QuoteRecord,
    template: string,
    params: (locale: Locale) => Record<string, string>,
  ) {
    const contact = (await cooperativeContacts(db, [quote.cooperativeId], transaction)).get(
      quote.cooperativeId,
    );
    await notifyCooperativeContacts(models, transaction, contact, template, (locale) => ({
      link: COOPERATIVE_QUOTES_PATH,
      ...params(locale),
    }));
  }

  return {
    db,
    models,
    products,
    now,
    quotes,
    buyerOf,
    cooperativeOf: approvedCooperativeOf,
    nameIn,
    productOf,
    cooperativeQuote,
    notifyBuyer,
    notifyCooperative,
  };
}

export type QuotesKit = ReturnType<typeof quotesKit>;

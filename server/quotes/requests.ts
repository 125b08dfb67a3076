import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import { uniqueViolation } from "../db/slugs";
import { Conflict, Invalid, NotFound } from "../errors";
import { parseOrInvalid } from "../validation";
import { formatNumber } from "../vocabulary/format";
import type { Locale } from "../vocabulary/locale";
import type { QuotesKit } from "./kit";
import { quoteRequestSchema } from "./schemas";
import { toQuoteView, type QuoteView } from "./views";

/** How many of a buyer's quotes their page lists, newest first. */
export const BUYER_QUOTES_LIMIT = 200;

/** The buyer's side: asking a cooperative for a price, and the list of their quotes. */
export function quoteRequests(kit: QuotesKit) {
  const { db, models, products, now } = kit;

  return {
    /**
     * A buyer asks for a price on a quantity of a product on sale (at least its minimum order, whatever its
     * stock). One request per product waits for its answer at a time: the unique `open_key` settles a double
     * click or two tabs, where a lookup first could let both through.
     */
    async requestQuote(
      user: CurrentUser,
      { productId, form }: { productId: number; form: Record<string, unknown> },
    ): Promise<{ id: number }> {
      const buyerId = kit.buyerOf(user);
      const input = parseOrInvalid(quoteRequestSchema, form);
      const openKey = `${buyerId}:${productId}`;
      return db
        .transaction(async (transaction) => {
          const product = (await products.purchasable([productId], transaction)).get(productId);
          if (!product?.purchasable) throw new NotFound("product_not_found");
          if (input.quantity < product.minOrderQty)
            throw new Invalid({
              quantity: {
                code: "below_minimum",
                params: { min: product.minOrderQty, unitCode: product.unit },
              },
            });
          if (await models.Quote.count({ where: { openKey }, transaction }))
            throw new Conflict("quote_already_requested");
          const quote = await models.Quote.create(
            {
              productId,
              cooperativeId: product.cooperative.id,
              buyerId,
              unit: product.unit,
              quantity: input.quantity,
              wantedBy: input.wantedBy ?? null,
              provinceCode: input.provinceCode,
              message: input.message,
              status: "requested",
              openKey,
            },
            { transaction },
          );
          await recordAudit(models, transaction, {
            actorId: user.id,
            action: "quote.request",
            entityType: "quote",
            entityId: quote.id,
            data: { productId, quantity: input.quantity },
          });
          const buyer = user.organisation?.name ?? user.fullName;
          await kit.notifyCooperative(transaction, quote, "quote_requested", (locale) => ({
            buyer,
            product: kit.nameIn(product, locale),
            quantity: formatNumber(quote.quantity, locale),
            unit: quote.unit,
          }));
          return { id: quote.id };
        })
        .catch((error: unknown) => {
          if (uniqueViolation(error)?.some((f) => f.includes("open_key") || f.includes("openKey")))
            throw new Conflict("quote_already_requested");
          throw error;
        });
    },

    /** The buyer's quotes, newest first, each with its status today. */
    async listBuyerQuotes(user: CurrentUser, { locale }: { locale: Locale }): Promise<QuoteView[]> {
      const buyerId = kit.buyerOf(user);
      const rows = await models.Quote.findAll({
        where: { buyerId },
        order: [
          ["createdAt", "DESC"],
          ["id", "DESC"],
        ],
        limit: BUYER_QUOTES_LIMIT,
      });
      const facts = await products.purchasable([...new Set(rows.map((q) => q.productId))]);
      const at = now();
      return rows.map((q) => toQuoteView(q, facts.get(q.productId), locale, at));
    },
  };
}

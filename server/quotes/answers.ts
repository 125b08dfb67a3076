import { Op } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import { enqueueJob, type JobHandler } from "../jobs";
import { parseOrInvalid } from "../validation";
import { shiftDay } from "../vocabulary/dates";
import { formatDate, formatNumber, formatVnd } from "../vocabulary/format";
import type { Locale } from "../vocabulary/locale";
import type { QuotesKit } from "./kit";
import { quoteAnswerSchema, quoteDeclineSchema } from "./schemas";
import { quoteMachine } from "./state-machine";
import { statusOf, toCooperativeQuoteView, type CooperativeQuoteView } from "./views";

export const EXPIRE_QUOTE = "quotes.expire";
/** How many of a cooperative's quotes its page lists: every waiting request, and the latest of the rest. */
export const COOPERATIVE_QUOTES_LIMIT = 200;

/** The first moment after a quote's last valid day, in Vietnam: when the expiry job runs. */
export function endOfValidity(validUntil: string): Date {
  return new Date(`${shiftDay(validUntil, { days: 1 })}T00:00:00+07:00`);
}

/** The cooperative's side: its quote requests, answering with a price or declining, and answers lapsing. */
export function quoteAnswers(kit: QuotesKit) {
  const { db, models, products, quotes, now } = kit;

  return {
    /** The cooperative's quotes: those waiting for an answer first (oldest first), then the rest, newest first. */
    async listCooperativeQuotes(
      user: CurrentUser,
      { locale }: { locale: Locale },
    ): Promise<CooperativeQuoteView[]> {
      const cooperativeId = kit.cooperativeOf(user);
      const [waiting, rest] = await Promise.all([
        models.Quote.findAll({
          where: { cooperativeId, status: "requested" },
          order: [["id", "ASC"]],
          limit: COOPERATIVE_QUOTES_LIMIT,
        }),
        models.Quote.findAll({
          where: { cooperativeId, status: { [Op.ne]: "requested" } },
          order: [["id", "DESC"]],
          limit: COOPERATIVE_QUOTES_LIMIT,
        }),
      ]);
      const rows = [...waiting, ...rest];
      const [facts, buyers] = await Promise.all([
        products.purchasable([...new Set(rows.map((q) => q.productId))]),
        models.User.findAll({
          where: { id: [...new Set(rows.map((q) => q.buyerId))] },
          attributes: ["id", "fullName", "organisationId"],
          include: [{ model: models.Organisation, as: "organisation", attributes: ["name"] }],
        }),
      ]);
      const who = new Map(
        buyers.map((b) => [
          b.id,
          {
            name: b.fullName,
            organisation:
              (b as typeof b & { organisation?: { name: string } | null }).organisation?.name ?? null,
          },
        ]),
      );
      const at = now();
      return rows.map((q) =>
        toCooperativeQuoteView(
          q,
          facts.get(q.productId),
          who.get(q.buyerId) ?? { name: "", organisation: null },
          locale,
          at,
        ),
      );
    },

    /**
     * Answer with a unit price held until a day. Of two hands answering or declining at once, the first moves the
     * quote and the other is refused (the row lock, then the lifecycle's conditional update): one outcome.
     */
    async answerQuote(
      user: CurrentUser,
      { quoteId, form }: { quoteId: number; form: Record<string, unknown> },
    ) {
      const cooperativeId = kit.cooperativeOf(user);
      await db.transaction(async (transaction) => {
        // Whose quote it is is settled before what was sent: another cooperative's is not found, never "invalid".
        const quote = await kit.cooperativeQuote(cooperativeId, quoteId, transaction);
        const input = parseOrInvalid(quoteAnswerSchema, form);
        await quotes.move(transaction, {
          subject: quote,
          action: "answer",
          actor: "cooperative",
          actorId: user.id,
          changes: {
            unitPriceVnd: input.unitPriceVnd,
            validUntil: input.validUntil,
            answerNote: input.note ?? null,
            answeredAt: now(),
            openKey: null,
          },
        });
        await enqueueJob(
          models,
          transaction,
          EXPIRE_QUOTE,
          { quoteId: quote.id },
          { runAt: endOfValidity(input.validUntil) },
        );
        const product = await kit.productOf(quote, transaction);
        await kit.notifyBuyer(transaction, quote, "quote_answered", (locale) => ({
          cooperative: product?.cooperative.name ?? "",
          product: kit.nameIn(product, locale),
          quantity: formatNumber(quote.quantity, locale),
          unit: quote.unit,
          price: formatVnd(input.unitPriceVnd, locale),
          total: formatVnd(input.unitPriceVnd * quote.quantity, locale),
          validUntil: formatDate(input.validUntil, locale),
        }));
      });
    },

    /** Decline with a reason the buyer reads. */
    async declineQuote(
      user: CurrentUser,
      { quoteId, form }: { quoteId: number; form: Record<string, unknown> },
    ) {
      const cooperativeId = kit.cooperativeOf(user);
      await db.transaction(async (transaction) => {
        // Whose quote it is is settled before what was sent: another cooperative's is not found, never "invalid".
        const quote = await kit.cooperativeQuote(cooperativeId, quoteId, transaction);
        const input = parseOrInvalid(quoteDeclineSchema, form);
        await quotes.move(transaction, {
          subject: quote,
          action: "decline",
          actor: "cooperative",
          actorId: user.id,
          changes: { declineReason: input.reason, answeredAt: now(), openKey: null },
          note: input.reason,
        });
        const product = await kit.productOf(quote, transaction);
        await kit.notifyBuyer(transaction, quote, "quote_declined", (locale) => ({
          cooperative: product?.cooperative.name ?? "",
          product: kit.nameIn(product, locale),
          reason: input.reason,
        }));
      });
    },

    jobHandlers(): Record<string, JobHandler> {
      return {
        /**
         * An answer's last valid day is over: it expires, and the buyer hears so. Pages already show it expired
         * from that moment (statusOf); a checkout placed first has made it ordered, and this does nothing.
         */
        [EXPIRE_QUOTE]: async (payload) => {
          await db.transaction(async (transaction) => {
            const quote = await models.Quote.findByPk(Number(payload.quoteId), {
              transaction,
              lock: transaction.LOCK.UPDATE,
            });
            if (!quote || !quote.validUntil) return;
            if (!quoteMachine.next("expire", quote, "system")) return;
            if (statusOf(quote, now()) !== "expired") return;
            await quotes.move(transaction, {
              subject: quote,
              action: "expire",
              actor: "system",
              actorId: null,
            });
            const product = await kit.productOf(quote, transaction);
            await kit.notifyBuyer(transaction, quote, "quote_expired", (locale) => ({
              cooperative: product?.cooperative.name ?? "",
              product: kit.nameIn(product, locale),
            }));
          });
        },
      };
    },
  };
}

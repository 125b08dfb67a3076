import type { PurchasableProduct } from "../catalogue/stock";
import type { Picture } from "../catalogue/views";
import type { QuoteRecord } from "../db/models/quotes";
import { vietnamDay } from "../vocabulary/dates";
import { provinceByCode } from "../vocabulary/geo";
import type { Locale } from "../vocabulary/locale";
import { unitPriceAt } from "../vocabulary/price-tiers";
import type { QuoteStatus } from "../vocabulary/quotes";

/**
 * The status as people see it: an answer whose last valid day is over is expired from the next day on in
 * Vietnam, before the expiry job gets to it (and if it never does).
 */
export function statusOf(quote: { status: QuoteStatus; validUntil: string | null }, now: Date): QuoteStatus {
  if (quote.status === "answered" && quote.validUntil !== null && quote.validUntil < vietnamDay(now))
    return "expired";
  return quote.status;
}

/** A quote as both of its parties see it: the request, the answer, and where it led. */
export interface QuoteView {
  id: number;
  status: QuoteStatus;
  product: { id: number; slug: string; name: string; image: Picture | null } | null;
  cooperative: { id: number; slug: string; name: string };
  unit: string;
  quantity: number;
  wantedBy: string | null;
  province: { code: string; name: string };
  message: string;
  unitPriceVnd: number | null;
  totalVnd: number | null;
  validUntil: string | null;
  note: string | null;
  declineReason: string | null;
  orderCode: string | null;
  createdAt: string;
  answeredAt: string | null;
}

/** What the cooperative sees besides: who asks, and its own prices and stock for that quantity today. */
export interface CooperativeQuoteView extends QuoteView {
  buyer: { name: string; organisation: string | null };
  listPriceVnd: number | null;
  /** The list or volume price at the asked quantity. */
  priceAtQuantityVnd: number | null;
  stock: number | null;
}

export function toQuoteView(
  q: QuoteRecord,
  product: PurchasableProduct | undefined,
  locale: Locale,
  now: Date,
): QuoteView {
  return {
    id: q.id,
    status: statusOf(q, now),
    product: product
      ? {
          id: product.id,
          slug: product.slug,
          name: locale === "en" && product.nameEn ? product.nameEn : product.nameVi,
          image: product.image,
        }
      : null,
    cooperative: product?.cooperative ?? { id: q.cooperativeId, slug: "", name: "" },
    unit: q.unit,
    quantity: q.quantity,
    wantedBy: q.wantedBy,
    province: { code: q.provinceCode, name: provinceByCode(q.provinceCode)?.name ?? q.provinceCode },
    message: q.message,
    unitPriceVnd: q.unitPriceVnd,
    totalVnd: q.unitPriceVnd === null ? null : q.unitPriceVnd * q.quantity,
    validUntil: q.validUntil,
    note: q.answerNote,
    declineReason: q.declineReason,
    orderCode: q.orderCode,
    createdAt: q.createdAt.toISOString(),
    answeredAt: q.answeredAt?.toISOString() ?? null,
  };
}

export function toCooperativeQuoteView(
  q: QuoteRecord,
  product: PurchasableProduct | undefined,
  buyer: { name: string; organisation: string | null },
  locale: Locale,
  now: Date,
): CooperativeQuoteView {
  return {
    ...toQuoteView(q, product, locale, now),
    buyer,
    listPriceVnd: product?.priceVnd ?? null,
    priceAtQuantityVnd: product ? unitPriceAt(product, q.quantity).priceVnd : null,
    stock: product?.stock ?? null,
  };
}

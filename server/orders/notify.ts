import type { Transaction } from "sequelize";
import { formatVnd } from "../vocabulary/format";
import { notifyCooperativeContacts, type CooperativeContact } from "../cooperatives";
import type { Models } from "../db/models";
import { enqueueNotification } from "../notifications";
import type { Locale } from "../vocabulary/locale";
import { amountDueOf } from "./views";

export interface OrderForNotice {
  code: string;
  subtotalVnd: number;
  shippingFeeVnd?: number | null;
  buyerId: number;
}

export interface BuyerContact {
  email: string;
  locale: Locale;
  name: string;
}

/** Order messages go through the notification outbox, so email or SMS can be attached without touching orders. */
export async function notifyBuyer(
  models: Models,
  transaction: Transaction,
  template: "order_placed" | "order_paid" | "order_shipped" | "order_cancelled" | "order_refunded",
  order: OrderForNotice,
  buyer: BuyerContact,
  cooperative: { name: string },
  extra: Record<string, string> = {},
) {
  await enqueueNotification(models, transaction, {
    userId: order.buyerId,
    channel: "email",
    recipient: buyer.email,
    template,
    locale: buyer.locale,
    params: {
      name: buyer.name,
      code: order.code,
      cooperative: cooperative.name,
      total: formatVnd(amountDueOf(order), buyer.locale),
      ...extra,
    },
  });
}

export async function notifyCooperative(
  models: Models,
  transaction: Transaction,
  template: "order_received" | "order_paid_cooperative" | "order_cancelled_cooperative",
  order: OrderForNotice,
  cooperative: CooperativeContact | undefined,
  buyerName: string,
  extra: Record<string, string> = {},
) {
  await notifyCooperativeContacts(models, transaction, cooperative, template, (locale) => ({
    code: order.code,
    buyer: buyerName,
    total: formatVnd(amountDueOf(order), locale),
    ...extra,
  }));
}

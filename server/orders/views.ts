import type { AddressView } from "../vocabulary/wards";
import type { OrderActor, OrderStatus, PaymentMethod } from "../vocabulary/domain";
import type { CheckoutRecord, OrderRecord } from "../db/models/orders";
import type { BankTransferInstructions } from "../payments/vietqr";
import type { OrderAction } from "./state-machine";
import type { Locale } from "../vocabulary/locale";
import type { ShippingMethod, ShippingZone } from "../vocabulary/shipping";

export interface OrderSummary {
  code: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  paymentStatus: string;
  /** The goods. */
  subtotalVnd: number;
  /** How the goods travel and what that adds (null method: placed before shipping options existed). */
  shipping: {
    method: ShippingMethod | null;
    zone: ShippingZone | null;
    feeVnd: number;
    daysMin: number | null;
    daysMax: number | null;
  };
  /** What the buyer pays for this order: the goods and their delivery. */
  totalVnd: number;
  itemCount: number;
  createdAt: string;
  cooperative: { id: number; slug: string; name: string };
  buyer: { id: number; name: string };
}

export interface OrderDetail extends OrderSummary {
  checkoutPublicId: string;
  /** What the buyer writes in a bank transfer's description; the cooperative looks for it in its statement. */
  transferReference: string;
  carrier: string | null;
  trackingNumber: string | null;
  cancelReason: string | null;
  paidAt: string | null;
  contact: {
    name: string;
    phone: string;
    email: string;
    /** Where to deliver, named on the 2025 map (older orders show the units they were placed under). */
    location: AddressView;
    address: string;
    note: string | null;
    /** Bought for a business: the organisation, its tax code and the buyer's purchase-order number. */
    business: { organisationName: string; taxCode: string; purchaseOrderNo: string | null } | null;
    /** The VAT e-invoice the buyer asked for, if any. */
    invoice: { name: string; address: string; email: string } | null;
  };
  items: Array<{
    productId: number;
    sku: string;
    name: string;
    unit: string;
    unitPriceVnd: number;
    quantity: number;
    lineTotalVnd: number;
  }>;
  timeline: Array<{
    from: OrderStatus | null;
    to: OrderStatus;
    actorKind: OrderActor;
    actorName: string | null;
    note: string | null;
    at: string;
  }>;
  bankTransfer: BankTransferInstructions | null;
  /** What the person looking may do now (buttons), and as whom. */
  viewerAs: OrderActor;
  actions: OrderAction[];
}

export interface CheckoutDetail {
  publicId: string;
  status: string;
  paymentMethod: PaymentMethod;
  totalVnd: number;
  createdAt: string;
  expiresAt: string | null;
  paidAt: string | null;
  lastPaymentError: string | null;
  /** Where to pay by card while the checkout waits for it. */
  payUrl: string | null;
  orders: Array<OrderSummary & { bankTransfer: BankTransferInstructions | null }>;
}

export type Loaded = OrderRecord & {
  cooperative?: { id: number; slug: string; name: string };
  buyer?: { id: number; fullName: string; email: string; locale: Locale };
  items?: OrderRecord["items"];
  checkout?: CheckoutRecord;
};

/** What the buyer owes for one order: its goods and their delivery fee (freight agreed later is not in it). */
export function amountDueOf(o: { subtotalVnd: number; shippingFeeVnd?: number | null }): number {
  return o.subtotalVnd + (o.shippingFeeVnd ?? 0);
}

export function summaryOf(o: Loaded, itemCount?: number): OrderSummary {
  return {
    code: o.code,
    status: o.status,
    paymentMethod: o.paymentMethod,
    paymentStatus: o.paymentStatus,
    subtotalVnd: o.subtotalVnd,
    shipping: {
      method: o.shippingMethod ?? null,
      zone: o.shippingZone ?? null,
      feeVnd: o.shippingFeeVnd ?? 0,
      daysMin: o.deliveryDaysMin ?? null,
      daysMax: o.deliveryDaysMax ?? null,
    },
    totalVnd: amountDueOf(o),
    itemCount: itemCount ?? o.items?.length ?? 0,
    createdAt: o.createdAt.toISOString(),
    cooperative: {
      id: o.cooperativeId,
      slug: o.cooperative?.slug ?? "",
      name: o.cooperative?.name ?? "",
    },
    buyer: { id: o.buyerId, name: o.buyer?.fullName ?? "" },
  };
}

import type { AgreementContent } from "./content";

export interface DeliveryLine {
  scheduledOn: string | null;
  deliveredOn: string;
  quantity: number;
  valueVnd: number;
  status: "recorded" | "confirmed" | "disputed";
}

export interface Fulfilment {
  planned: { quantity: number; valueVnd: number };
  /** Confirmed by the other party: what counts. */
  delivered: { quantity: number; valueVnd: number };
  /** Recorded, not yet confirmed or disputed. */
  awaiting: { quantity: number; valueVnd: number };
  /** Delivered quantity over planned, whole per cent, at most 100. */
  percent: number;
  /** Scheduled dates already past with no delivery recorded against them (a disputed one does not count). */
  overdue: string[];
  /** The next scheduled date still to come, or null. */
  nextDue: string | null;
}

/**
 * Planned against delivered, for the agreement page, the lists and the reports. A scheduled delivery is met by a
 * delivery recorded against its date that is not disputed; `today` is the Vietnam calendar day (YYYY-MM-DD).
 */
export function fulfilmentOf(
  content: Pick<AgreementContent, "quantity" | "totalVnd" | "deliveries">,
  deliveries: DeliveryLine[],
  today: string,
): Fulfilment {
  const sum = (lines: DeliveryLine[]) => ({
    quantity: lines.reduce((n, d) => n + d.quantity, 0),
    valueVnd: lines.reduce((n, d) => n + d.valueVnd, 0),
  });
  const delivered = sum(deliveries.filter((d) => d.status === "confirmed"));
  const met = new Set(deliveries.filter((d) => d.status !== "disputed").map((d) => d.scheduledOn));
  const open = content.deliveries.filter((s) => !met.has(s.date)).map((s) => s.date);
  return {
    planned: { quantity: content.quantity, valueVnd: content.totalVnd },
    delivered,
    awaiting: sum(deliveries.filter((d) => d.status === "recorded")),
    percent:
      content.quantity > 0 ? Math.min(100, Math.floor((delivered.quantity * 100) / content.quantity)) : 0,
    overdue: open.filter((date) => date < today).sort(),
    nextDue: open.filter((date) => date >= today).sort()[0] ?? null,
  };
}

import {
  agreementSearchText,
  CONTENT_SCHEMA,
  type AgreementContent,
  type AgreementType,
} from "../server/agreements/content";
import { fulfilmentOf, type DeliveryLine } from "../server/agreements/fulfilment";
import { DEFAULT_CLAUSES, DEFAULT_VALIDITY_MONTHS } from "../server/agreements/template";
import { shiftDay } from "../server/vocabulary/dates";
import { PROVINCES, provinceByCode } from "../server/vocabulary/geo";
import { addressLine, wardsOf } from "../server/vocabulary/wards";
import {
  SECTORS,
  type AgreementStatus,
  type DeliveryStatus,
  type OrganisationKind,
  type Sector,
  type Unit,
} from "../server/vocabulary/domain";
import { FAMILY, GIVEN, MIDDLE, PLACE_WORDS, QUALIFIERS, rng, SECTOR_WORDS, SPAN_DAYS } from "./synthetic";

/**
 * Deterministic synthetic buyers and the sealed agreements they made with synthetic cooperatives, for the reports'
 * benchmark and load tests (seeds/synthetic-seed.ts writes them): the same seed gives the same rows.
 */

/** Who buys from cooperatives, most common first; a quarter of buyers act for no organisation. */
const BUYER_KINDS: readonly OrganisationKind[] = [
  "distributor",
  "supermarket",
  "restaurant",
  "processor",
  "exporter",
  "household",
];
const ORGANISATION_NAMES: Record<OrganisationKind, (place: string, person: string) => string> = {
  distributor: (place) => `Công ty TNHH Phân phối Nông sản ${place}`,
  supermarket: (place) => `Siêu thị ${place}`,
  restaurant: (place) => `Nhà hàng ${place}`,
  processor: (place) => `Công ty TNHH Chế biến Thực phẩm ${place}`,
  exporter: (place) => `Công ty CP Xuất nhập khẩu ${place}`,
  household: (_, person) => `Hộ kinh doanh ${person}`,
};

/** The tax authority's check digit of a ten-digit code: weights 31 … 3 over the first nine; 10 is never issued. */
function taxCheckDigit(first9: string) {
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  return 10 - (weights.reduce((sum, w, k) => sum + w * Number(first9[k]), 0) % 11);
}

/**
 * A ten-digit tax code no business can hold: its last digit fails the check (as the demo's, seeds/agreements.ts), so
 * synthetic agreements name no registered business.
 */
export function fictitiousTaxCode(n: number) {
  const first9 = String(100_000_000 + ((n * 7_919) % 899_999_999)).padStart(9, "0");
  return `${first9}${(taxCheckDigit(first9) + 5) % 10}`;
}

export interface SyntheticBuyer {
  email: string;
  fullName: string;
  phone: string;
  organisation: {
    name: string;
    kind: OrganisationKind;
    taxCode: string;
    provinceCode: string;
    wardCode: string;
    address: string;
  } | null;
  joinedDaysAgo: number;
}

/** The i-th synthetic buyer: most buy for an organisation in Hà Nội or Hồ Chí Minh, a quarter for themselves. */
export function syntheticBuyer(seed: number, i: number): SyntheticBuyer {
  const r = rng(seed * 13_000_019 + i);
  const fullName = `${r.pick(FAMILY)} ${r.pick(MIDDLE)} ${r.pick(GIVEN)}`;
  const x = r.next();
  const kind = x < 0.25 ? null : r.zipf(BUYER_KINDS);
  const y = r.next();
  const province = y < 0.35 ? provinceByCode("01")! : y < 0.6 ? provinceByCode("79")! : r.zipf(PROVINCES);
  const ward = r.pick(wardsOf(province.code));
  const place = `${r.pick(PLACE_WORDS)} ${r.pick(PLACE_WORDS)}`;
  return {
    // .example is reserved (RFC 2606): no mail can reach these.
    email: `nguoimua${i + 1}.s${seed}@synthetic.example`,
    fullName,
    phone: `03009${String(r.int(0, 99_999)).padStart(5, "0")}`,
    organisation: kind
      ? {
          name: ORGANISATION_NAMES[kind](place, fullName),
          kind,
          taxCode: fictitiousTaxCode(seed * 100_003 + i),
          provinceCode: province.code,
          wardCode: ward.code,
          address: `Số ${r.int(1, 400)} đường ${r.pick(PLACE_WORDS)} ${r.pick(PLACE_WORDS)}`,
        }
      : null,
    joinedDaysAgo: Math.floor(SPAN_DAYS * r.next()),
  };
}

/** A cooperative as an agreement names it (the seeded row). */
export interface AgreementCooperative {
  id: number;
  name: string;
  provinceCode: string;
  wardCode: string;
  sectors: readonly Sector[];
  representative: string;
  phone: string;
}
/** A buyer as an agreement names it (the seeded row, with its organisation's id). */
export interface AgreementBuyer {
  id: number;
  email: string;
  fullName: string;
  phone: string;
  organisationId: number | null;
  organisation: SyntheticBuyer["organisation"];
}

export interface SyntheticDelivery {
  requestId: string;
  scheduledOn: string;
  deliveredOn: string;
  quantity: number;
  valueVnd: number;
  side: "buyer" | "supplier";
  recordedBy: number | null;
  status: DeliveryStatus;
  answeredBy: number | null;
  answeredAt: Date | null;
  disputeReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SyntheticAgreement {
  /** The agreements row, as the agreements service leaves it after the seal and the deliveries below. */
  agreement: {
    publicId: string;
    type: AgreementType;
    status: AgreementStatus;
    method: "platform" | "paper";
    buyerId: number;
    buyerOrganisationId: number | null;
    cooperativeId: number;
    currentVersion: 1;
    totalVnd: number;
    sealedAt: Date;
    provinceCode: string;
    statusReason: string | null;
    category: Sector;
    searchText: string;
    nextDueOn: string | null;
    deliveredQuantity: number;
    deliveredVnd: number;
    quantity: number;
    createdAt: Date;
    updatedAt: Date;
  };
  /** Version 1, the one sealed. */
  content: AgreementContent;
  deliveries: SyntheticDelivery[];
}

/** Wholesale price per unit, thousand VND (kg, or the piece for handicrafts, the bottle for some honey). */
const WHOLESALE_K: Record<Sector, [number, number]> = {
  tea: [80, 900],
  vermicelli_noodles: [35, 120],
  medicinal_herbs: [60, 700],
  mushrooms: [40, 500],
  rice_grains: [18, 90],
  fruit_vegetables: [12, 150],
  honey_bee: [150, 600],
  spices: [50, 350],
  meat_processed: [90, 700],
  handicrafts: [60, 1200],
  other: [30, 400],
};
const STALL_REASONS = [
  "Hợp tác xã báo mất mùa do mưa lũ; hai bên hẹn giao lại khi có vụ mới.",
  "Bên mua tạm dừng nhận hàng để sắp xếp lại kho.",
  "Lô hàng chưa đạt kết quả kiểm nghiệm; đang chờ kiểm nghiệm lại.",
  "Hai bên đang thương lượng lại giá do giá vật tư tăng.",
];
const CANCEL_REASONS = [
  "Bên mua ngừng kinh doanh mặt hàng này.",
  "Hợp tác xã không đáp ứng được sản lượng theo lịch giao.",
  "Hai bên thống nhất chấm dứt thỏa thuận trước hạn.",
];
const DISPUTE_REASONS = ["Thiếu số lượng so với phiếu giao.", "Hàng không đúng quy cách đã thỏa thuận."];
const DAY_MS = 86_400_000;

/** 08:00–17:00 on Vietnam's clock of the given day, as an instant. */
const workingHour = (day: string, fraction: number) =>
  new Date(Date.parse(`${day}T01:00:00Z`) + Math.floor(fraction * 9 * 3_600_000));

/**
 * The i-th synthetic sealed agreement of a run, between cooperatives and buyers of the given pools, sealed within the
 * SPAN_DAYS before `today` (Vietnam's day, "YYYY-MM-DD"), more of them recently, as a platform grows. Its state
 * follows its schedule as of `today`: nothing due yet → sealed; everything delivered and confirmed → completed; in
 * between in_implementation, some with a delivery missed (overdue) or awaiting confirmation; a few stalled or
 * cancelled with a reason, whatever their schedule. The figures kept on the row (delivered, next date due, search
 * text) are computed by the agreements' own functions, as the service keeps them.
 *
 * Benchmark data: the row carries the hash of its one version as `sealedHash`, so the tracking and reports read
 * the sealed content as for a real agreement, but no seal signature, token, sealed PDF, signatures or audit chain —
 * its detail page reports the seal as missing, and `agreements:verify` fails it.
 */
export function syntheticAgreement(
  seed: number,
  i: number,
  pools: {
    cooperatives: readonly AgreementCooperative[];
    buyers: readonly AgreementBuyer[];
    today: string;
  },
): SyntheticAgreement {
  const { cooperatives, buyers, today } = pools;
  if (cooperatives.length === 0 || buyers.length === 0)
    throw new Error("synthetic agreements need cooperatives and buyers");
  const r = rng(seed * 17_000_023 + i);
  const publicId = `SY${seed}-${i + 1}`;
  if (publicId.length > 16)
    throw new Error(`synthetic agreement id ${publicId} is longer than 16 characters`);
  // Busier cooperatives and buyers (lower in their pools) make more agreements.
  const coop = cooperatives[Math.floor(cooperatives.length * r.next() ** 1.5)]!;
  const buyer = buyers[Math.floor(buyers.length * r.next() ** 1.3)]!;
  const category = r.pick(coop.sectors.length ? coop.sectors : SECTORS);
  const word = r.zipf(SECTOR_WORDS[category]);
  const qualifier = r.zipf(QUALIFIERS);

  // Sealed: a third uniformly over the span, the rest more densely lately (a triangle peaking today).
  const u = r.next();
  const daysAgo = Math.min(
    SPAN_DAYS - 1,
    Math.floor(SPAN_DAYS * (r.next() < 0.3 ? u : 1 - Math.sqrt(1 - u * 0.999))),
  );
  const sealedDay = shiftDay(today, { days: -daysAgo });
  const sealedAt = workingHour(sealedDay, r.next());

  const t = r.next();
  const type: AgreementType = t < 0.5 ? "principle_contract" : t < 0.75 ? "memorandum" : "purchase_contract";
  const months = DEFAULT_VALIDITY_MONTHS[type];
  const validFrom = shiftDay(sealedDay, { days: r.int(0, 10) });
  const pieces = category === "handicrafts";
  const unit: Unit = pieces ? "cai" : category === "honey_bee" && r.next() < 0.5 ? "chai" : "kg";
  const perDelivery = pieces ? r.int(2, 60) * 10 : r.int(5, 200) * 10;
  const [lo, hi] = WHOLESALE_K[category];
  const unitPriceVnd = r.int(lo, hi) * 1000;
  const firstDelivery = shiftDay(validFrom, { days: r.int(7, 30) });
  const schedule = Array.from({ length: months }, (_, k) => ({
    date: shiftDay(firstDelivery, { months: k }),
    quantity: perDelivery,
  }));
  const quantity = perDelivery * months;
  const totalVnd = quantity * unitPriceVnd;
  const method = r.next() < 0.3 ? ("paper" as const) : ("platform" as const);
  const bilingual = r.next() < 0.15;
  const org = buyer.organisation;
  const content: AgreementContent = {
    schema: CONTENT_SCHEMA,
    publicId,
    type,
    version: 1,
    languages: bilingual ? ["vi", "en"] : ["vi"],
    parties: {
      buyer: {
        legalName: org?.name ?? buyer.fullName,
        representative: buyer.fullName,
        representativeTitle: !org ? "Cá nhân" : org.kind === "household" ? "Chủ hộ kinh doanh" : "Giám đốc",
        taxCode: org?.taxCode ?? fictitiousTaxCode(seed * 200_003 + buyer.id),
        address: org ? addressLine(org) : "—",
        phone: buyer.phone,
        email: buyer.email,
      },
      supplier: {
        legalName: coop.name,
        representative: coop.representative,
        representativeTitle: "Giám đốc",
        taxCode: fictitiousTaxCode(seed * 300_007 + coop.id),
        address: addressLine({ provinceCode: coop.provinceCode, wardCode: coop.wardCode }),
        phone: coop.phone,
        email: "",
      },
    },
    product: {
      name: `${word} ${qualifier}`,
      category,
      qualityStandard: `${word} ${qualifier} đúng quy cách như mẫu đã chào; mỗi lô kèm phiếu kiểm nghiệm.`,
      certifications: r.next() < 0.3 ? ["vietgap"] : [],
      minOcopStars: null,
    },
    quantity,
    unit,
    deliveries: schedule,
    unitPriceVnd,
    totalVnd,
    paymentTerms: { vi: DEFAULT_CLAUSES.payment.vi, en: bilingual ? DEFAULT_CLAUSES.payment.en : "" },
    deliveryTerms: { vi: DEFAULT_CLAUSES.delivery.vi, en: bilingual ? DEFAULT_CLAUSES.delivery.en : "" },
    disputeClause: { vi: DEFAULT_CLAUSES.dispute.vi, en: bilingual ? DEFAULT_CLAUSES.dispute.en : "" },
    validFrom,
    validUntil: shiftDay(validFrom, { months, days: -1 }),
    origin: { kind: method === "paper" ? "paper" : r.next() < 0.6 ? "match" : "meeting", ref: null },
  };

  // Where it stands today.
  const due = schedule.filter((s) => s.date < today);
  const x = r.next();
  let status: AgreementStatus;
  let delivered: typeof schedule;
  let statusReason: string | null = null;
  if (x < 0.05) {
    status = "cancelled";
    delivered = due.slice(0, r.int(0, Math.min(2, due.length)));
    statusReason = r.pick(CANCEL_REASONS);
  } else if (x < 0.13) {
    status = "stalled";
    delivered = due.slice(0, r.int(0, Math.max(0, Math.min(3, due.length - 1))));
    statusReason = r.pick(STALL_REASONS);
  } else if (due.length === 0) {
    status = "sealed";
    delivered = [];
  } else if (due.length === schedule.length && r.next() < 0.85) {
    status = "completed";
    delivered = schedule;
  } else if (r.next() < 0.08) {
    // Nothing came yet though a date has passed: sealed and overdue.
    status = "sealed";
    delivered = [];
  } else {
    status = "in_implementation";
    // One in ten scheduled deliveries is late (still owed: overdue), never the first.
    delivered = due.filter((_, k) => k === 0 || r.next() >= 0.1);
  }
  const completed = status === "completed";
  const deliveries: SyntheticDelivery[] = delivered.map((s, k) => {
    const deliveredOn = [shiftDay(s.date, { days: r.int(-2, 4) }), today].sort()[0]!;
    const last = k === delivered.length - 1;
    const y = r.next();
    const deliveryStatus: DeliveryStatus = completed
      ? "confirmed"
      : last && y < 0.3
        ? "recorded"
        : y > 0.97
          ? "disputed"
          : "confirmed";
    const side = r.next() < 0.85 ? ("supplier" as const) : ("buyer" as const);
    // A completed agreement got what it was owed; under way, a delivery is sometimes a little short.
    const q =
      completed || r.next() < 0.7 ? s.quantity : Math.max(1, Math.round(s.quantity * (0.8 + 0.2 * r.next())));
    const recordedAt = workingHour(deliveredOn, r.next());
    const answeredAt =
      deliveryStatus === "recorded"
        ? null
        : new Date(
            Math.min(recordedAt.getTime() + r.int(1, 72) * 3_600_000, Date.parse(`${today}T10:00:00Z`)),
          );
    return {
      requestId: `syn-${publicId}-${k + 1}`,
      scheduledOn: s.date,
      deliveredOn,
      quantity: q,
      valueVnd: q * unitPriceVnd,
      side,
      // Synthetic cooperatives have no member accounts: what their side did is recorded without a person.
      recordedBy: side === "buyer" ? buyer.id : null,
      status: deliveryStatus,
      answeredBy: deliveryStatus !== "recorded" && side === "supplier" ? buyer.id : null,
      answeredAt,
      disputeReason: deliveryStatus === "disputed" ? r.pick(DISPUTE_REASONS) : null,
      createdAt: recordedAt,
      updatedAt: answeredAt ?? recordedAt,
    };
  });
  const lines: DeliveryLine[] = deliveries.map((d) => ({
    scheduledOn: d.scheduledOn,
    deliveredOn: d.deliveredOn,
    quantity: d.quantity,
    valueVnd: d.valueVnd,
    status: d.status,
  }));
  const f = fulfilmentOf(content, lines, today);
  const lastChange = Math.max(sealedAt.getTime(), ...deliveries.map((d) => d.updatedAt.getTime()));
  return {
    agreement: {
      publicId,
      type,
      status,
      method,
      buyerId: buyer.id,
      buyerOrganisationId: buyer.organisationId,
      cooperativeId: coop.id,
      currentVersion: 1,
      totalVnd,
      sealedAt,
      provinceCode: coop.provinceCode,
      statusReason,
      category,
      searchText: agreementSearchText(content),
      nextDueOn: f.overdue[0] ?? f.nextDue,
      deliveredQuantity: f.delivered.quantity,
      deliveredVnd: f.delivered.valueVnd,
      quantity,
      createdAt: new Date(sealedAt.getTime() - r.int(1, 30) * DAY_MS),
      updatedAt: new Date(lastChange),
    },
    content,
    deliveries,
  };
}

import { addressView, type AddressView } from "../vocabulary/wards";
import { Op, QueryTypes } from "sequelize";
import type { BookingStatus, BoothState, FairStatus, PlanElementKind } from "../vocabulary/domain";
import { vietnamDay } from "../vocabulary/dates";
import { provinceByCode } from "../vocabulary/geo";
import type { Picture } from "../catalogue/views";
import type { ImageVariant } from "../images";
import { compactSources } from "../vocabulary/pictures";
import type {
  BookingRecord,
  BoothRecord,
  FairModels,
  FairRecord,
  PlanElementRecord,
} from "../db/models/fairs";
import type { FairsKit } from "./kit";
import type { Locale } from "../vocabulary/locale";

export interface PlanBooth {
  id: number;
  code: string;
  type: string;
  xM: number;
  yM: number;
  widthM: number;
  depthM: number;
  priceVnd: number;
  state: BoothState;
  /** Shown once the booth is booked (the public exhibitor); staff see it for every active booking. */
  exhibitor: { id: number; name: string; slug: string; logoUrl: string | null } | null;
  /** The viewer's own booking on this booth, if any. */
  mine: { publicId: string; status: BookingStatus; expiresAt: string | null } | null;
  blockedReason: string | null;
}

/** An entrance, the stage, an aisle or a label on a hall, its label in the page's language. */
export interface PlanElement {
  id: number;
  kind: PlanElementKind;
  xM: number;
  yM: number;
  widthM: number;
  depthM: number;
  label: string | null;
  /** Both labels as stored, for the staff form. */
  labelVi: string | null;
  labelEn: string | null;
}

export interface PlanHall {
  id: number;
  /** In the page's language (English when given, else Vietnamese). */
  name: string;
  nameVi: string;
  nameEn: string | null;
  widthM: number;
  depthM: number;
  booths: PlanBooth[];
  elements: PlanElement[];
}

export interface FairSummary {
  id: number;
  slug: string;
  name: string;
  organiser: string;
  venue: string;
  province: { code: string; name: string };
  /** The venue's full address on the 2025 map. */
  location: AddressView;
  startsOn: string;
  endsOn: string;
  bookingOpensAt: string;
  bookingClosesAt: string;
  status: FairStatus;
  /** Its last day is behind Vietnam's today: nothing is available any more, whatever its status says. */
  over: boolean;
  cover: Picture | null;
  boothCount: number;
  availableCount: number;
}

/** A fair is over once its last day has passed in Vietnam (a calendar day, compared as "YYYY-MM-DD"). */
export function fairIsOver(fair: { endsOn: string }, now: Date = new Date()): boolean {
  return fair.endsOn < vietnamDay(now);
}

/** English when the fair gives it and the page is English; Vietnamese otherwise. */
export function inLocale(vi: string, en: string | null | undefined, locale: Locale): string {
  return locale === "en" && en ? en : vi;
}

function stateOf(booth: BoothRecord, booking: BookingRecord | undefined): BoothState {
  if (booking?.status === "booked") return "booked";
  if (booking?.status === "held") return "held";
  if (booking) return "pending";
  if (booth.blockedReason) return "blocked";
  return "available";
}

/** A fair's cover as fair-setup.ts stores it: the pipeline's variants, keys and sizes included. */
export type StoredCover = Omit<Picture, "sources"> & { variants: ImageVariant[] };

/** A fair's stored cover as pages receive it (server/vocabulary/pictures.ts). */
function coverPicture({ variants, ...cover }: StoredCover): Picture {
  return { ...cover, sources: compactSources(variants) };
}

export function summaryOf(
  f: FairRecord,
  locale: Locale,
  counts?: { booths: number; available: number },
  now: Date = new Date(),
): FairSummary {
  const over = fairIsOver(f, now);
  const venue = inLocale(f.venue, f.venueEn, locale);
  return {
    id: f.id,
    slug: f.slug,
    name: inLocale(f.nameVi, f.nameEn, locale),
    organiser: inLocale(f.organiser, f.organiserEn, locale),
    venue,
    province: { code: f.provinceCode, name: provinceByCode(f.provinceCode)?.name ?? f.provinceCode },
    location: addressView({ address: venue, provinceCode: f.provinceCode, wardCode: f.wardCode }),
    startsOn: f.startsOn,
    endsOn: f.endsOn,
    bookingOpensAt: f.bookingOpensAt.toISOString(),
    bookingClosesAt: f.bookingClosesAt.toISOString(),
    status: f.status,
    over,
    cover: f.cover ? coverPicture(JSON.parse(f.cover) as StoredCover) : null,
    boothCount: counts?.booths ?? 0,
    availableCount: over ? 0 : (counts?.available ?? 0),
  };
}

/** The cooperative holding an active booking, as far as a plan or the exhibitor directory shows it. */
export interface PlanCooperative {
  id: number;
  name: string;
  slug: string;
  /** Read only for the exhibitor directory (`planRows(…, { exhibitors: true })`). */
  provinceCode?: string;
  logoUrl?: string | null;
  searchName?: string;
}

export type PlanBooking = BookingRecord & {
  cooperative?: PlanCooperative;
  /** The products the booking shows; read only for the exhibitor directory. */
  products?: Array<{ productId: number }>;
};

/** What a floor plan is drawn from: the fair's halls, its booths and its active bookings, read once. */
export interface PlanRows {
  halls: Array<InstanceType<FairModels["FairHall"]>>;
  booths: BoothRecord[];
  bookings: PlanBooking[];
  elements: PlanElementRecord[];
}

/** How many booths the fair has, and how many are free (neither taken by an active booking nor blocked). */
export function countsOf({ booths, bookings }: Pick<PlanRows, "booths" | "bookings">) {
  const taken = new Set(bookings.map((b) => b.boothId));
  return {
    booths: booths.length,
    available: booths.filter((b) => !taken.has(b.id) && !b.blockedReason).length,
  };
}

/**
 * Halls, their plan elements and booths with each booth's state, as the viewer may see it. Once the fair is over
 * (`over`) visitors see no booth as free, held or waiting: only who exhibited, the rest `unused`.
 */
export function drawPlan(
  { halls, booths, bookings, elements }: PlanRows,
  viewer: { cooperativeId?: number; staff?: boolean },
  { locale = "vi", over = false }: { locale?: Locale; over?: boolean } = {},
): PlanHall[] {
  const byBooth = new Map(bookings.map((b) => [b.boothId, b]));
  return halls.map((h) => ({
    id: h.id,
    name: inLocale(h.name, h.nameEn, locale),
    nameVi: h.name,
    nameEn: h.nameEn ?? null,
    widthM: h.widthM,
    depthM: h.depthM,
    elements: elements
      .filter((e) => e.hallId === h.id)
      .map((e) => ({
        id: e.id,
        kind: e.kind,
        xM: e.xM,
        yM: e.yM,
        widthM: e.widthM,
        depthM: e.depthM,
        label: e.labelVi ? inLocale(e.labelVi, e.labelEn, locale) : (e.labelEn ?? null),
        labelVi: e.labelVi,
        labelEn: e.labelEn,
      })),
    booths: booths
      .filter((b) => b.hallId === h.id)
      .map((b) => {
        const booking = byBooth.get(b.id);
        const coop = booking?.cooperative;
        const real = stateOf(b, booking);
        const state: BoothState =
          over && !viewer.staff && real !== "booked" && real !== "blocked" ? "unused" : real;
        const showExhibitor = coop && (state === "booked" || viewer.staff);
        return {
          id: b.id,
          code: b.code,
          type: b.type,
          xM: b.xM,
          yM: b.yM,
          widthM: b.widthM,
          depthM: b.depthM,
          priceVnd: b.priceVnd,
          state,
          exhibitor: showExhibitor
            ? { id: coop.id, name: coop.name, slug: coop.slug, logoUrl: coop.logoUrl ?? null }
            : null,
          mine:
            booking && viewer.cooperativeId && booking.cooperativeId === viewer.cooperativeId
              ? {
                  publicId: booking.publicId,
                  status: booking.status,
                  expiresAt: booking.expiresAt?.toISOString() ?? null,
                }
              : null,
          blockedReason: viewer.staff ? b.blockedReason : null,
        };
      }),
  }));
}

/** How fairs look: the floor plan with each booth's state, and how many booths each fair has free. */
export function fairViews(kit: FairsKit) {
  const { models, db } = kit;
  /** Three statements whatever the fair holds; with `exhibitors`, each booking's cooperative and products too. */
  async function planRows(fairId: number, options: { exhibitors?: boolean } = {}): Promise<PlanRows> {
    const [halls, booths, bookings, elements] = await Promise.all([
      models.FairHall.findAll({
        where: { fairId },
        order: [
          ["position", "ASC"],
          ["id", "ASC"],
        ],
      }),
      models.Booth.findAll({ where: { fairId }, order: [["code", "ASC"]] }),
      models.BoothBooking.findAll({
        where: { fairId, activeBoothId: { [Op.ne]: null } },
        include: [
          {
            model: models.Cooperative,
            as: "cooperative",
            attributes: options.exhibitors
              ? ["id", "name", "slug", "provinceCode", "logoUrl", "searchName"]
              : ["id", "name", "slug", "logoUrl"],
          },
          ...(options.exhibitors
            ? [{ model: models.BookingProduct, as: "products", attributes: ["productId"] }]
            : []),
        ],
      }) as Promise<PlanBooking[]>,
      models.FairPlanElement.findAll({ where: { fairId }, order: [["id", "ASC"]] }),
    ]);
    return { halls, booths, bookings, elements };
  }

  /**
   * Booths and free booths per fair, in one statement for any number of fairs. A booth is taken while an active
   * booking holds it: `active_booth_id` is the booth's id exactly then (its unique index is the guarantee).
   */
  async function counts(fairIds: number[]) {
    const out = new Map<number, { booths: number; available: number }>();
    if (fairIds.length === 0) return out;
    const rows = await db.sequelize.query<{ fairId: number; booths: number; available: number | null }>(
      `SELECT b.fair_id AS fairId, COUNT(*) AS booths,
         SUM(CASE WHEN (b.blocked_reason IS NULL OR b.blocked_reason = '')
           AND NOT EXISTS (SELECT 1 FROM booth_bookings k WHERE k.active_booth_id = b.id)
           THEN 1 ELSE 0 END) AS available
       FROM booths b WHERE b.fair_id IN (:fairIds) GROUP BY b.fair_id`,
      { type: QueryTypes.SELECT, replacements: { fairIds } },
    );
    for (const r of rows)
      out.set(Number(r.fairId), { booths: Number(r.booths), available: Number(r.available ?? 0) });
    return out;
  }

  /** Halls and booths with each booth's state, as the viewer may see it. */
  async function plan(
    fair: FairRecord,
    viewer: { cooperativeId?: number; staff?: boolean },
    locale: Locale = "vi",
  ): Promise<PlanHall[]> {
    return drawPlan(await planRows(fair.id), viewer, { locale, over: fairIsOver(fair, kit.now()) });
  }

  return { counts, plan, planRows };
}

export type FairViews = ReturnType<typeof fairViews>;

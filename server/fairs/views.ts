import { addressView, type AddressView } from "../vocabulary/wards";
import { Op, type Transaction } from "sequelize";
import type { BookingStatus, BoothState, FairStatus } from "../vocabulary/domain";
import { provinceByCode } from "../vocabulary/geo";
import type { Picture } from "../catalogue/views";
import type { BookingRecord, BoothRecord, FairRecord } from "../db/models/fairs";
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
  exhibitor: { id: number; name: string; slug: string } | null;
  /** The viewer's own booking on this booth, if any. */
  mine: { publicId: string; status: BookingStatus; expiresAt: string | null } | null;
  blockedReason: string | null;
}

export interface PlanHall {
  id: number;
  name: string;
  widthM: number;
  depthM: number;
  booths: PlanBooth[];
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
  cover: Picture | null;
  boothCount: number;
  availableCount: number;
}

function stateOf(booth: BoothRecord, booking: BookingRecord | undefined): BoothState {
  if (booking?.status === "booked") return "booked";
  if (booking?.status === "held") return "held";
  if (booking) return "pending";
  if (booth.blockedReason) return "blocked";
  return "available";
}

export function summaryOf(
  f: FairRecord,
  locale: Locale,
  counts?: { booths: number; available: number },
): FairSummary {
  return {
    id: f.id,
    slug: f.slug,
    name: locale === "en" && f.nameEn ? f.nameEn : f.nameVi,
    organiser: f.organiser,
    venue: f.venue,
    province: { code: f.provinceCode, name: provinceByCode(f.provinceCode)?.name ?? f.provinceCode },
    location: addressView({ address: f.venue, provinceCode: f.provinceCode, wardCode: f.wardCode }),
    startsOn: f.startsOn,
    endsOn: f.endsOn,
    bookingOpensAt: f.bookingOpensAt.toISOString(),
    bookingClosesAt: f.bookingClosesAt.toISOString(),
    status: f.status,
    cover: f.cover ? (JSON.parse(f.cover) as Picture) : null,
    boothCount: counts?.booths ?? 0,
    availableCount: counts?.available ?? 0,
  };
}

/** How fairs look: the floor plan with each booth's state, and how many booths each fair has free. */
export function fairViews({ models }: FairsKit) {
  async function activeBookings(fairId: number, transaction?: Transaction) {
    return models.BoothBooking.findAll({
      where: { fairId, activeBoothId: { [Op.ne]: null } },
      include: [{ model: models.Cooperative, as: "cooperative", attributes: ["id", "name", "slug"] }],
      transaction,
    });
  }

  async function counts(fairIds: number[]) {
    if (fairIds.length === 0) return new Map<number, { booths: number; available: number }>();
    const booths = await models.Booth.findAll({
      where: { fairId: fairIds },
      attributes: ["id", "fairId", "blockedReason"],
    });
    const taken = new Set(
      (
        await models.BoothBooking.findAll({
          where: { fairId: fairIds, activeBoothId: { [Op.ne]: null } },
          attributes: ["boothId"],
        })
      ).map((b) => b.boothId),
    );
    const out = new Map<number, { booths: number; available: number }>();
    for (const b of booths) {
      const c = out.get(b.fairId) ?? { booths: 0, available: 0 };
      c.booths++;
      if (!taken.has(b.id) && !b.blockedReason) c.available++;
      out.set(b.fairId, c);
    }
    return out;
  }

  /** Halls and booths with each booth's state, as the viewer may see it. */
  async function plan(
    fair: FairRecord,
    viewer: { cooperativeId?: number; staff?: boolean },
  ): Promise<PlanHall[]> {
    const [halls, booths, bookings] = await Promise.all([
      models.FairHall.findAll({
        where: { fairId: fair.id },
        order: [
          ["position", "ASC"],
          ["id", "ASC"],
        ],
      }),
      models.Booth.findAll({ where: { fairId: fair.id }, order: [["code", "ASC"]] }),
      activeBookings(fair.id),
    ]);
    const byBooth = new Map(bookings.map((b) => [b.boothId, b]));
    return halls.map((h) => ({
      id: h.id,
      name: h.name,
      widthM: h.widthM,
      depthM: h.depthM,
      booths: booths
        .filter((b) => b.hallId === h.id)
        .map((b) => {
          const booking = byBooth.get(b.id);
          const coop = (
            booking as
              (BookingRecord & { cooperative?: { id: number; name: string; slug: string } }) | undefined
          )?.cooperative;
          const state = stateOf(b, booking);
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
            exhibitor: showExhibitor ? { id: coop.id, name: coop.name, slug: coop.slug } : null,
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

  return { counts, plan };
}

export type FairViews = ReturnType<typeof fairViews>;

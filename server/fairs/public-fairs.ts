import { Op } from "sequelize";
import { vietnamDay } from "../vocabulary/dates";
import { provinceByCode } from "../vocabulary/geo";
import { foldVietnamese } from "../vocabulary/text";
import type { CurrentUser } from "../accounts/current-user";
import type { Picture } from "../catalogue/views";
import type { BookingRecord, FairRecord } from "../db/models/fairs";
import { NotFound } from "../errors";
import type { Locale } from "../vocabulary/locale";
import type { FairsKit } from "./kit";
import { exhibitorQuerySchema } from "./schemas";
import {
  countsOf,
  drawPlan,
  fairIsOver,
  inLocale,
  summaryOf,
  type FairSummary,
  type FairViews,
  type PlanRows,
} from "./views";

interface Exhibitor {
  cooperative: { id: number; slug: string; name: string; logoUrl: string | null };
  province: { code: string; name: string };
  booths: string[];
  products: Array<{
    id: number;
    slug: string;
    name: string;
    category: string;
    priceVnd: number;
    unit: string;
    image: Picture | null;
  }>;
  /** Folded names of the cooperative and its products, for the directory's search box. */
  search: string;
}

/** What visitors see: the list of fairs, each fair's page with its plan and exhibitor directory. */
export function publicFairs(kit: FairsKit, views: FairViews) {
  const { models, catalogue, now, loadFair, bookingOpen } = kit;

  /**
   * Booked exhibitors with their booths and the products they show (still on sale), in booth order: from the
   * plan's bookings (read with their cooperatives and products), and one more statement for the products.
   */
  async function exhibitorsOf(rows: PlanRows, locale: Locale): Promise<Exhibitor[]> {
    const codes = new Map(rows.booths.map((b) => [b.id, b.code]));
    const booked = rows.bookings.filter((b) => b.status === "booked").sort((a, b) => a.id - b.id);
    const products = await catalogue.productsByIds(
      [...new Set(booked.flatMap((b) => (b.products ?? []).map((p) => p.productId)))],
      locale,
    );
    const exhibitors = new Map<number, Exhibitor>();
    for (const b of booked) {
      const c = b.cooperative!;
      const provinceCode = c.provinceCode!;
      const entry = exhibitors.get(c.id) ?? {
        cooperative: { id: c.id, slug: c.slug, name: c.name, logoUrl: c.logoUrl ?? null },
        province: { code: provinceCode, name: provinceByCode(provinceCode)?.name ?? provinceCode },
        booths: [],
        products: [],
        search: c.searchName ?? "",
      };
      entry.booths.push(codes.get(b.boothId)!);
      for (const { productId } of b.products ?? []) {
        const p = products.get(productId);
        if (!p || !p.active || entry.products.some((x) => x.id === p.id)) continue;
        const { id, slug, name, category, priceVnd, unit, image } = p;
        entry.products.push({ id, slug, name, category, priceVnd, unit, image });
        entry.search += ` ${p.nameVi} ${p.nameEn ?? ""}`;
      }
      exhibitors.set(c.id, entry);
    }
    return [...exhibitors.values()].sort((a, b) => a.booths[0]!.localeCompare(b.booths[0]!));
  }

  /** Fairs out of draft: not yet over (soonest first), over (most recent first), or both. */
  function visibleFairs(upcoming: boolean | undefined, limit: number) {
    const today = vietnamDay(now());
    return models.Fair.findAll({
      where: {
        status: { [Op.ne]: "draft" },
        ...(upcoming === true ? { endsOn: { [Op.gte]: today } } : {}),
        ...(upcoming === false ? { endsOn: { [Op.lt]: today } } : {}),
      },
      order: [["startsOn", upcoming === false ? "DESC" : "ASC"]],
      limit,
    });
  }

  return {
    /** Fairs visitors can see: open, closed and finished ones (never drafts), soonest first or most recent. */
    async listFairs({
      locale,
      upcoming,
      limit = 50,
    }: {
      locale: Locale;
      /** Only fairs not yet over (soonest first), or only past ones (most recent first); both when unset. */
      upcoming?: boolean;
      limit?: number;
    }) {
      const fairs = await visibleFairs(upcoming, limit);
      const c = await views.counts(fairs.map((f) => f.id));
      return fairs.map((f) => summaryOf(f, locale, c.get(f.id), now()));
    },

    /** The fairs page: fairs not yet over, and the most recent past ones, with one count of booths for both. */
    async listFairsPage({ locale, pastLimit = 12 }: { locale: Locale; pastLimit?: number }) {
      const [upcoming, past] = await Promise.all([visibleFairs(true, 50), visibleFairs(false, pastLimit)]);
      const c = await views.counts([...upcoming, ...past].map((f) => f.id));
      return {
        upcoming: upcoming.map((f) => summaryOf(f, locale, c.get(f.id), now())),
        past: past.map((f) => summaryOf(f, locale, c.get(f.id), now())),
      };
    },

    /** The public fair page: details, plan with exhibitors on booked booths, and the exhibitor directory. */
    async getPublicFair({
      slug,
      query: rawQuery,
      locale,
      viewer,
    }: {
      slug: string;
      /** The exhibitor directory's filters, from the query string. */
      query: unknown;
      locale: Locale;
      viewer: CurrentUser | null;
    }) {
      const fair = await loadFair(slug);
      if (fair.status === "draft" && viewer?.role !== "staff") throw new NotFound("fair_not_found");
      // A stale or hand-edited link (an unknown province) shows the whole directory rather than an error page.
      const parsed = exhibitorQuerySchema.safeParse(rawQuery);
      const q = parsed.success ? parsed.data : { q: undefined, province: undefined, category: undefined };
      // The plan, the exhibitors and the booth counts from one read of the fair's halls, booths and bookings.
      const rows = await views.planRows(fair.id, { exhibitors: true });
      const over = fairIsOver(fair, now());
      const halls = drawPlan(
        rows,
        { cooperativeId: viewer?.cooperative?.id, staff: viewer?.role === "staff" },
        { locale, over },
      );
      const all = await exhibitorsOf(rows, locale);
      const needle = q.q ? foldVietnamese(q.q) : null;
      const filtered = all.filter(
        (e) =>
          (!needle || foldVietnamese(e.search).includes(needle)) &&
          (!q.province || e.province.code === q.province) &&
          (!q.category || e.products.some((p) => p.category === q.category)),
      );
      return {
        fair: {
          ...summaryOf(fair, locale, countsOf(rows), now()),
          description: inLocale(fair.descriptionVi, fair.descriptionEn, locale),
          maxBoothsPerCooperative: fair.maxBoothsPerCooperative,
          requiresApproval: fair.requiresApproval,
          holdMinutes: fair.holdMinutes,
          bookingOpen: bookingOpen(fair),
        },
        halls,
        query: q,
        exhibitors: filtered.map(({ search: _search, ...e }) => e),
        exhibitorTotal: all.length,
        facets: {
          provinces: [...new Map(all.map((e) => [e.province.code, e.province])).values()],
          categories: [...new Set(all.flatMap((e) => e.products.map((p) => p.category)))],
        },
      };
    },

    /** The fairs a cooperative exhibits at (its public profile). */
    async listFairsOfCooperative({ cooperativeId, locale }: { cooperativeId: number; locale: Locale }) {
      const bookings = await models.BoothBooking.findAll({
        where: { cooperativeId, status: "booked" },
        include: [
          { model: models.Fair, as: "fair" },
          { model: models.Booth, as: "booth", attributes: ["code"] },
        ],
      });
      const byFair = new Map<number, FairSummary & { booths: string[] }>();
      for (const b of bookings as Array<BookingRecord & { fair: FairRecord; booth: { code: string } }>) {
        if (b.fair.status === "draft") continue;
        const entry = byFair.get(b.fairId) ?? { ...summaryOf(b.fair, locale, undefined, now()), booths: [] };
        entry.booths.push(b.booth.code);
        byFair.set(b.fairId, entry);
      }
      return [...byFair.values()].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
    },

    /** Fairs open for booking, for the cooperative dashboard. */
    async listOpenFairs({ locale }: { locale: Locale }) {
      const fairs = await models.Fair.findAll({ where: { status: "open" }, order: [["startsOn", "ASC"]] });
      const c = await views.counts(fairs.map((f) => f.id));
      return fairs.filter(bookingOpen).map((f) => summaryOf(f, locale, c.get(f.id), now()));
    },
  };
}

import { ocopIsValid } from "./documents";
import type { Transaction } from "sequelize";
import type { Database } from "../db";
import { readCards } from "./card-rows";
import { toCard, type Picture } from "./views";
import type { Locale } from "../vocabulary/locale";

export interface LookedUpProduct {
  id: number;
  slug: string;
  /** In the reader's language, Vietnamese when there is no English name. */
  name: string;
  nameVi: string;
  nameEn: string | null;
  category: string;
  priceVnd: number;
  unit: string;
  image: Picture | null;
  /** Still on sale (an archived or draft product is kept by old bookings, but not shown). */
  active: boolean;
  /** Stars of an OCOP certificate valid today; null without one. */
  ocopStars: number | null;
}

/**
 * How other domains (fairs; next matching and agreements) see products: plain data by id or by cooperative,
 * never the catalogue's tables.
 */
export function productLookup(db: Database) {
  const { models } = db;
  const nameIn = (p: { nameVi: string; nameEn: string | null }, locale: Locale) =>
    locale === "en" && p.nameEn ? p.nameEn : p.nameVi;

  return {
    /** The cooperative's active products, by Vietnamese name (what a booth may show). */
    async activeProductsOf(cooperativeId: number, locale: Locale) {
      const rows = await models.Product.findAll({
        where: { cooperativeId, status: "active" },
        attributes: ["id", "nameVi", "nameEn"],
        order: [["nameVi", "ASC"]],
      });
      return rows.map((p) => ({ id: p.id, name: nameIn(p, locale) }));
    },

    /** Which of `ids` are the cooperative's own active products, read in the caller's transaction. */
    async ownActiveProductIds(cooperativeId: number, ids: number[], transaction: Transaction) {
      if (ids.length === 0) return [];
      const rows = await models.Product.findAll({
        where: { id: ids, cooperativeId, status: "active" },
        attributes: ["id"],
        transaction,
      });
      return rows.map((p) => p.id);
    },

    /**
     * What matching scores of linked products: the Vietnamese name and the valid OCOP stars, nothing else (a
     * recompute reads thousands; productsByIds would read their descriptions and images too).
     */
    async productFacts(ids: number[]): Promise<Map<number, ProductFacts>> {
      if (ids.length === 0) return new Map();
      const rows = await models.Product.findAll({
        where: { id: ids },
        attributes: ["id", "nameVi"],
        include: [{ model: models.ProductOcop, as: "ocop", attributes: ["stars", "expiresOn"] }],
      });
      return new Map(
        rows.map((p) => [
          p.id,
          {
            nameVi: p.nameVi,
            ocopStars: ocopStarsOf(p as typeof p & { ocop?: { stars: number; expiresOn: string } | null }),
          },
        ]),
      );
    },

    /** Products as the other domains show them (a fair's exhibitors, offers), from the cards' query. */
    async productsByIds(ids: number[], locale: Locale): Promise<Map<number, LookedUpProduct>> {
      const cards = await readCards(db, ids);
      const now = Date.now();
      return new Map(
        cards.map((p) => {
          const card = toCard(p, locale, now);
          return [
            p.id,
            {
              id: p.id,
              slug: p.slug,
              name: card.name,
              nameVi: p.nameVi,
              nameEn: p.nameEn,
              category: p.category,
              priceVnd: card.priceVnd,
              unit: p.unit,
              image: card.image,
              active: p.status === "active",
              ocopStars: card.ocopStars,
            },
          ];
        }),
      );
    },
  };
}

export type ProductLookup = ReturnType<typeof productLookup>;
export type ProductFacts = Pick<LookedUpProduct, "nameVi" | "ocopStars">;

function ocopStarsOf(p: { ocop?: { stars: number; expiresOn: string } | null }): number | null {
  return p.ocop && ocopIsValid(p.ocop) ? p.ocop.stars : null;
}

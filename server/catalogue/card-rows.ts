/**
 * Products as cards, read in one statement: only the columns a card shows and only its main picture (the first by
 * position), as plain rows. Every list of products (home, catalogue, search, a cooperative's page, the API, a
 * fair's exhibitors) goes through here; reading model instances with every picture and its variants cost a quarter
 * of the home page (issue 14).
 */
import { QueryTypes } from "sequelize";
import type { Database } from "../db";
import type { CardSource } from "./views";

export async function readCards(
  db: Database,
  ids: readonly number[],
): Promise<Array<CardSource & { status: string }>> {
  if (ids.length === 0) return [];
  const rows = await db.sequelize.query<CardRow>(CARDS_SQL, {
    type: QueryTypes.SELECT,
    replacements: { ids },
  });
  return rows.map(cardSourceOf);
}

const CARDS_SQL = `
  SELECT p.id, p.slug, p.name_vi AS nameVi, p.name_en AS nameEn, p.price_vnd AS priceVnd, p.unit,
    p.min_order_qty AS minOrderQty, p.stock, p.category, p.origin_province_code AS originProvinceCode, p.status,
    c.slug AS cooperativeSlug, c.name AS cooperativeName, o.stars AS ocopStars, o.expires_on AS ocopExpiresOn,
    i.id AS imageId, i.width AS imageWidth, i.height AS imageHeight, i.placeholder AS imagePlaceholder,
    i.variants AS imageVariants
  FROM products p
  LEFT JOIN cooperatives c ON c.id = p.cooperative_id
  LEFT JOIN product_ocop o ON o.product_id = p.id
  LEFT JOIN product_images i ON i.id = (
    SELECT pi.id FROM product_images pi WHERE pi.product_id = p.id ORDER BY pi.position, pi.id LIMIT 1
  )
  WHERE p.id IN (:ids)`;

interface CardRow {
  id: number;
  slug: string;
  nameVi: string;
  nameEn: string | null;
  priceVnd: number | string;
  unit: CardSource["unit"];
  minOrderQty: number;
  stock: number;
  category: CardSource["category"];
  originProvinceCode: string;
  status: string;
  cooperativeSlug: string | null;
  cooperativeName: string | null;
  ocopStars: number | null;
  /** A DATEONLY: "YYYY-MM-DD" from both dialects (Sequelize's MySQL type parser makes it a string). */
  ocopExpiresOn: string | null;
  imageId: number | null;
  imageWidth: number;
  imageHeight: number;
  imagePlaceholder: string;
  imageVariants: string;
}

function cardSourceOf(r: CardRow): CardSource & { status: string } {
  const { cooperativeSlug, cooperativeName, ocopStars, ocopExpiresOn, ...rest } = r;
  const { imageId, imageWidth, imageHeight, imagePlaceholder, imageVariants, ...product } = rest;
  return {
    ...product,
    cooperative: cooperativeSlug === null ? null : { slug: cooperativeSlug, name: cooperativeName ?? "" },
    ocop:
      ocopStars === null || ocopExpiresOn === null
        ? null
        : { stars: Number(ocopStars), expiresOn: ocopExpiresOn },
    images:
      imageId === null
        ? []
        : [
            {
              id: imageId,
              width: imageWidth,
              height: imageHeight,
              placeholder: imagePlaceholder,
              variants: imageVariants,
              position: 0,
            },
          ],
  };
}

import { QueryTypes, type Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { Database } from "../db";
import { Forbidden, NotFound } from "../errors";
import type { EventPublisher } from "../events";
import type { ImageStorage } from "../images";
import type { SearchEngine } from "../search/types";
import { productIncludes } from "./documents";
import { toCard, type CardSource, type ProductCard, type WithImages } from "./views";
import type { Locale } from "../vocabulary/locale";

export interface CatalogueDeps {
  db: Database;
  /** Search for pages (with its fallback to the catalogue's own tables, see server/search/fallback.ts). */
  engine: SearchEngine;
  storage: ImageStorage;
  events: EventPublisher;
}

/**
 * What every catalogue use case shares: the dependencies, who may edit a product, and products as cards.
 * Built once by index.ts and handed to each group of use cases.
 */
export function catalogueKit({ db, engine, storage, events }: CatalogueDeps) {
  const { models } = db;
  const withImages = () => [...productIncludes(models), { model: models.ProductImage, as: "images" }];

  /** Members of the owning cooperative and staff may change a product; anyone else gets 403. */
  function assertCanEdit(user: CurrentUser, cooperativeId: number) {
    if (user.role === "staff") return;
    if (user.role === "cooperative" && user.cooperative?.id === cooperativeId) return;
    throw new Forbidden("not_your_product");
  }

  async function loadForEdit(user: CurrentUser, productId: number, transaction?: Transaction) {
    const product = (await models.Product.findByPk(productId, {
      include: withImages(),
      transaction,
      lock: transaction ? transaction.LOCK.UPDATE : undefined,
    })) as WithImages | null;
    if (!product) throw new NotFound("product_not_found");
    assertCanEdit(user, product.cooperativeId);
    return product;
  }

  /**
   * Search hits as cards, in one statement: only the columns a card shows and only its first picture, as plain
   * rows. Every list of products (home, catalogue, search, a cooperative's page, the API) goes through here; the
   * models' instances, a row per picture and every picture's variants cost a quarter of the home page (issue 14).
   */
  async function hydrate(ids: number[], locale: Locale): Promise<Map<number, ProductCard>> {
    if (ids.length === 0) return new Map();
    const rows = await db.sequelize.query<CardRow>(CARDS_SQL, {
      type: QueryTypes.SELECT,
      replacements: { ids },
    });
    const now = Date.now();
    return new Map(rows.map((r) => [r.id, toCard(cardSourceOf(r), locale, now)]));
  }

  return { db, models, engine, storage, events, withImages, assertCanEdit, loadForEdit, hydrate };
}

export type CatalogueKit = ReturnType<typeof catalogueKit>;

const CARDS_SQL = `
  SELECT p.id, p.slug, p.name_vi AS nameVi, p.name_en AS nameEn, p.price_vnd AS priceVnd, p.unit,
    p.min_order_qty AS minOrderQty, p.stock, p.category, p.origin_province_code AS originProvinceCode,
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
  cooperativeSlug: string | null;
  cooperativeName: string | null;
  ocopStars: number | null;
  /** A DATEONLY: "YYYY-MM-DD" from both dialects; a Date should a driver ever give one. */
  ocopExpiresOn: string | Date | null;
  imageId: number | null;
  imageWidth: number;
  imageHeight: number;
  imagePlaceholder: string;
  imageVariants: string;
}

function cardSourceOf(r: CardRow): CardSource {
  const { cooperativeSlug, cooperativeName, ocopStars, ocopExpiresOn, ...rest } = r;
  const { imageId, imageWidth, imageHeight, imagePlaceholder, imageVariants, ...product } = rest;
  return {
    ...product,
    cooperative: cooperativeSlug === null ? null : { slug: cooperativeSlug, name: cooperativeName ?? "" },
    ocop:
      ocopStars === null || ocopExpiresOn === null
        ? null
        : {
            stars: Number(ocopStars),
            expiresOn:
              ocopExpiresOn instanceof Date ? ocopExpiresOn.toISOString().slice(0, 10) : ocopExpiresOn,
          },
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

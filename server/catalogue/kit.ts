import type { Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { Database } from "../db";
import { Forbidden, NotFound } from "../errors";
import type { EventPublisher } from "../events";
import type { ImageStorage } from "../images";
import type { ImageFetcher } from "./image-fetch";
import type { SearchEngine } from "../search/types";
import { productIncludes } from "./documents";
import { readCards } from "./card-rows";
import { toCard, type ProductCard, type WithImages } from "./views";
import type { Locale } from "../vocabulary/locale";

export interface CatalogueDeps {
  db: Database;
  /** Search for pages (with its fallback to the catalogue's own tables, see server/search/fallback.ts). */
  engine: SearchEngine;
  storage: ImageStorage;
  events: EventPublisher;
  /** How the importer reads pictures named by URL; by default over the internet, private networks refused. */
  fetchImage?: ImageFetcher;
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

  /** Search hits as cards (card-rows.ts), by id. */
  async function hydrate(ids: number[], locale: Locale): Promise<Map<number, ProductCard>> {
    const now = Date.now();
    return new Map((await readCards(db, ids)).map((source) => [source.id, toCard(source, locale, now)]));
  }

  return { db, models, engine, storage, events, withImages, assertCanEdit, loadForEdit, hydrate };
}

export type CatalogueKit = ReturnType<typeof catalogueKit>;

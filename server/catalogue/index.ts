import { randomBytes } from "node:crypto";
import { Op, QueryTypes, type Transaction } from "sequelize";
import { foldVietnamese } from "../../app/lib/text";
import { MAX_PRODUCT_IMAGES, OCOP_VALIDITY_MONTHS, type ProductStatus } from "../../app/lib/domain";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import type { Database } from "../db";
import type { EventPublisher } from "../events";
import { syncChildRows } from "../db/child-rows";
import { freeSlug, isSlugRace, uniqueViolation } from "../db/slugs";
import { Forbidden, Invalid, NotFound } from "../errors";
import { processImage, type ImageStorage, type ProcessedImage } from "../images";
import type { Logger } from "../logger";
import { PRICE_BUCKETS, type SearchEngine, type SearchFilters, type SearchQuery } from "../search/types";
import { parseOrInvalid } from "../validation";
import { ocopExpiresAt, productIncludes } from "./documents";
import { importProductsCsv } from "./csv-import";
import { productLookup } from "./product-lookup";
import { catalogueStock } from "./stock";
import { productColumns } from "./product-columns";
import {
  batchSchema,
  ocopSchema,
  ownProductsQuerySchema,
  productListQuerySchema,
  productSchema,
  type ProductListQuery,
} from "./schemas";
import { toCard, toDetail, toPicture, type ProductCard, type WithImages } from "./views";

export type { ProductCard, ProductDetail, Picture } from "./views";

export function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function filtersFrom(q: ProductListQuery, cooperativeId?: number): SearchFilters {
  const bucket = q.price ? PRICE_BUCKETS.find((b) => b.key === q.price) : undefined;
  return {
    category: q.category,
    provinceCode: q.province,
    ocopMin: q.ocop_min,
    certification: q.certification,
    priceMin: bucket?.min,
    priceMax: bucket?.max ?? undefined,
    inStock: q.in_stock ? true : undefined,
    cooperativeId,
  };
}

/** Two writers gave one cooperative the same SKU at once: the loser hears it like any taken SKU. */
function skuRace(error: unknown): never {
  if (uniqueViolation(error)?.some((f) => f.includes("sku")))
    throw new Invalid({ sku: { code: "sku_taken" } });
  throw error;
}

export interface CatalogueDeps {
  db: Database;
  engine: SearchEngine;
  storage: ImageStorage;
  logger: Logger;
  events: EventPublisher;
}

export function createCatalogueService({ db, engine, storage, logger, events }: CatalogueDeps) {
  const { models, sequelize } = db;
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

  async function hydrate(ids: number[], locale: string): Promise<Map<number, ProductCard>> {
    if (ids.length === 0) return new Map();
    const rows = (await models.Product.findAll({
      where: { id: ids },
      include: withImages(),
    })) as WithImages[];
    return new Map(rows.map((r) => [r.id, toCard(r, locale)]));
  }

  /** The database's own answer when the search engine is unreachable: same filters, simpler matching. */
  async function searchDatabase(query: SearchQuery) {
    const f = query.filters ?? {};
    const where: string[] = ["p.status = 'active'", "c.status = 'approved'"];
    const params: Record<string, string | number> = {};
    const tokens = foldVietnamese(query.q ?? "")
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .slice(0, 8);
    tokens.forEach((t, i) => {
      where.push(`p.search_text LIKE :t${i}`);
      params[`t${i}`] = `%${t}%`;
    });
    const add = (clause: string, name: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      params[name] = value;
    };
    add("p.category = :category", "category", f.category);
    add("p.origin_province_code = :province", "province", f.provinceCode);
    add("p.cooperative_id = :coop", "coop", f.cooperativeId);
    add("p.price_vnd >= :pmin", "pmin", f.priceMin);
    add("p.price_vnd < :pmax", "pmax", f.priceMax);
    if (f.inStock) where.push("p.stock > 0");
    if (f.certification) {
      where.push("p.id IN (SELECT product_id FROM product_certifications WHERE certification = :cert)");
      params.cert = f.certification;
    }
    if (f.ocopMin) {
      where.push(
        "p.id IN (SELECT product_id FROM product_ocop WHERE stars >= :ocop AND expires_on >= :today)",
      );
      params.ocop = f.ocopMin;
      params.today = new Date(query.now ?? Date.now()).toISOString().slice(0, 10);
    }
    const order =
      query.sort === "price_asc"
        ? "p.price_vnd ASC, p.id ASC"
        : query.sort === "price_desc"
          ? "p.price_vnd DESC, p.id ASC"
          : "p.created_at DESC, p.id DESC";
    const perPage = query.perPage ?? 24;
    const page = query.page ?? 1;
    const sqlWhere = where.join(" AND ");
    const from = "FROM products p JOIN cooperatives c ON c.id = p.cooperative_id";
    const [rows, count] = await Promise.all([
      sequelize.query<{ id: number }>(
        `SELECT p.id ${from} WHERE ${sqlWhere} ORDER BY ${order} LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
        {
          type: QueryTypes.SELECT,
          replacements: params,
        },
      ),
      sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n ${from} WHERE ${sqlWhere}`, {
        type: QueryTypes.SELECT,
        replacements: params,
      }),
    ]);
    return {
      hits: rows.map((r) => ({ id: Number(r.id), highlights: {} })),
      total: Number(count[0]?.n ?? 0),
      page,
      perPage,
      facets: null,
      engine: "database",
    };
  }

  async function runSearch(query: SearchQuery) {
    try {
      return { result: await engine.search(query), degraded: false };
    } catch (error) {
      logger.warn(
        { err: error, engine: engine.name },
        "search engine unavailable, answering from the database",
      );
      return { result: await searchDatabase(query), degraded: true };
    }
  }

  async function cooperativeIdBySlug(slug: string | undefined) {
    if (!slug) return undefined;
    const c = await models.Cooperative.findOne({ where: { slug, status: "approved" }, attributes: ["id"] });
    if (!c) throw new Invalid({ cooperative: { code: "cooperative_not_found" } });
    return c.id;
  }

  async function search(raw: unknown, locale: "vi" | "en", options: { facets?: boolean } = {}) {
    const q = parseOrInvalid(productListQuerySchema, raw);
    const cooperativeId = await cooperativeIdBySlug(q.cooperative);
    const { result, degraded } = await runSearch({
      q: q.q,
      locale: q.locale ?? locale,
      filters: filtersFrom(q, cooperativeId),
      sort: q.sort ?? (q.q ? "relevance" : "newest"),
      page: q.page,
      perPage: q.per_page,
      facets: options.facets ?? true,
    });
    const cards = await hydrate(
      result.hits.map((h) => h.id),
      q.locale ?? locale,
    );
    const hits = result.hits.flatMap((h) => {
      const card = cards.get(h.id);
      return card ? [{ ...card, highlight: h.highlights }] : [];
    });
    return {
      query: q,
      hits,
      total: result.total,
      page: result.page,
      perPage: result.perPage,
      facets: result.facets,
      degraded,
      engine: result.engine,
    };
  }

  async function assertImageRoom(productId: number, adding: number) {
    const existing = await models.ProductImage.count({ where: { productId } });
    if (existing + adding > MAX_PRODUCT_IMAGES) {
      throw new Invalid({
        images: {
          code: "too_many_images",
          params: { max: MAX_PRODUCT_IMAGES, left: Math.max(0, MAX_PRODUCT_IMAGES - existing) },
        },
      });
    }
  }

  return {
    search,

    /** Header suggestions: a handful of names, highlighted, no facets. */
    async suggest(q: string, locale: "vi" | "en") {
      const text = q.trim().slice(0, 100);
      if (text.length < 2) return [];
      const { hits } = await search({ q: text, per_page: "6" }, locale, { facets: false });
      return hits.map((h) => ({
        slug: h.slug,
        name: h.name,
        highlight: (h.highlight as { name?: string } | undefined)?.name ?? null,
        cooperative: h.cooperative.name,
        priceVnd: h.priceVnd,
        unit: h.unit,
      }));
    },

    async newest(locale: "vi" | "en", limit = 8) {
      return (await search({ sort: "newest", per_page: String(limit) }, locale, { facets: false })).hits;
    },

    async featured(locale: "vi" | "en", limit = 8) {
      return (
        await search({ ocop_min: "4", sort: "newest", per_page: String(limit), in_stock: "1" }, locale, {
          facets: false,
        })
      ).hits;
    },

    async ofCooperative(slug: string, locale: "vi" | "en", limit = 24) {
      return search({ cooperative: slug, sort: "newest", per_page: String(limit) }, locale, {
        facets: false,
      });
    },

    /** The public product page: active products of approved cooperatives, or any for their members and staff. */
    async productPage(slug: string, viewer: CurrentUser | null, locale: "vi" | "en") {
      const p = (await models.Product.findOne({
        where: { slug },
        include: withImages(),
      })) as WithImages | null;
      if (!p) throw new NotFound("product_not_found");
      const privileged = viewer?.role === "staff" || viewer?.cooperative?.id === p.cooperativeId;
      if (!privileged && (p.status !== "active" || p.cooperative?.status !== "approved"))
        throw new NotFound("product_not_found");
      const detail = toDetail(p, locale);
      const [related, batches] = await Promise.all([
        search({ category: p.category, per_page: "5", sort: "newest" }, locale, { facets: false }).then((r) =>
          r.hits.filter((h) => h.id !== p.id).slice(0, 4),
        ),
        models.ProductBatch.findAll({
          where: { productId: p.id },
          order: [["producedOn", "DESC"]],
          limit: 5,
        }),
      ]);
      return {
        product: detail,
        related,
        batches: batches.map((b) => ({
          lotCode: b.lotCode,
          publicCode: b.publicCode,
          producedOn: b.producedOn,
          expiresOn: b.expiresOn,
        })),
        cooperative: p.cooperative!,
      };
    },

    /** The cooperative's own list, every status, straight from the database. */
    async listOwn(user: CurrentUser, raw: { status?: string; q?: string }, locale: "vi" | "en") {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      const filter = ownProductsQuerySchema.parse(raw);
      const where: Record<string | symbol, unknown> = { cooperativeId: user.cooperative.id };
      if (filter.status) where.status = filter.status;
      if (filter.q) where.searchText = { [Op.like]: `%${foldVietnamese(filter.q).replace(/[\\%_]/g, "")}%` };
      const rows = (await models.Product.findAll({
        where,
        include: withImages(),
        order: [["updatedAt", "DESC"]],
        limit: 500,
      })) as WithImages[];
      return rows.map((r) => ({
        ...toCard(r, locale),
        sku: r.sku,
        status: r.status,
        stock: r.stock,
        updatedAt: r.updatedAt.toISOString(),
      }));
    },

    async getForEdit(user: CurrentUser, productId: number, locale: "vi" | "en") {
      const p = await loadForEdit(user, productId);
      const batches = await models.ProductBatch.findAll({
        where: { productId },
        order: [["producedOn", "DESC"]],
      });
      return {
        product: {
          ...toDetail(p, locale),
          sku: p.sku,
          descriptionVi: p.descriptionVi,
          descriptionEn: p.descriptionEn,
        },
        batches: batches.map((b) => ({
          id: b.id,
          lotCode: b.lotCode,
          publicCode: b.publicCode,
          producedOn: b.producedOn,
          quantity: b.quantity,
          expiresOn: b.expiresOn,
          notes: b.notes,
        })),
      };
    },

    async create(user: CurrentUser, input: unknown): Promise<{ id: number; slug: string }> {
      if (user.role !== "cooperative" || !user.cooperative) throw new Forbidden("not_a_cooperative_member");
      const cooperativeId = user.cooperative.id;
      const data = parseOrInvalid(productSchema, input);
      // The (cooperative, SKU) and slug unique indexes settle races the checks below cannot.
      const created = db.transaction(
        async (transaction) => {
          if (await models.Product.count({ where: { cooperativeId, sku: data.sku }, transaction })) {
            throw new Invalid({ sku: { code: "sku_taken" } });
          }
          const product = await models.Product.create(
            {
              ...productColumns(data),
              cooperativeId,
              slug: await freeSlug(models.Product, transaction, data.nameVi, "san-pham"),
            },
            { transaction },
          );
          await syncChildRows(
            models.ProductCertification,
            transaction,
            { productId: product.id },
            "certification",
            data.certifications,
          );
          await recordAudit(models, transaction, {
            actorId: user.id,
            action: "product.created",
            entityType: "product",
            entityId: product.id,
            data: { sku: data.sku },
          });
          await events.publish(transaction, "product.changed", { productId: product.id });
          return { id: product.id, slug: product.slug };
        },
        { retryIf: isSlugRace },
      );
      return created.catch(skuRace);
    },

    async update(user: CurrentUser, productId: number, input: unknown) {
      await db
        .transaction(async (transaction) => {
          // Who may edit is settled before what was sent: a stranger gets 403, never a list of field errors.
          const product = await loadForEdit(user, productId, transaction);
          const data = parseOrInvalid(productSchema, input);
          if (
            data.sku !== product.sku &&
            (await models.Product.count({
              where: { cooperativeId: product.cooperativeId, sku: data.sku },
              transaction,
            }))
          ) {
            throw new Invalid({ sku: { code: "sku_taken" } });
          }
          await product.update(productColumns(data), { transaction });
          await syncChildRows(
            models.ProductCertification,
            transaction,
            { productId },
            "certification",
            data.certifications,
          );
          await recordAudit(models, transaction, {
            actorId: user.id,
            action: "product.updated",
            entityType: "product",
            entityId: productId,
          });
          await events.publish(transaction, "product.changed", { productId });
        })
        .catch(skuRace);
    },

    async setStatus(user: CurrentUser, productId: number, status: ProductStatus) {
      await db.transaction(async (transaction) => {
        const product = await loadForEdit(user, productId, transaction);
        if (!["draft", "active", "archived"].includes(status))
          throw new Invalid({ status: { code: "choose_one" } });
        await product.update({ status }, { transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: `product.${status}`,
          entityType: "product",
          entityId: productId,
        });
        await events.publish(transaction, "product.changed", { productId });
      });
    },

    /**
     * Process uploads with sharp first (slow, outside any transaction), then record them. Re-uploading the same
     * picture is a no-op: files are named by content hash.
     */
    async addImages(user: CurrentUser, productId: number, files: Buffer[]) {
      const product = await loadForEdit(user, productId);
      if (files.length === 0) throw new Invalid({ images: { code: "choose_image" } });
      await assertImageRoom(productId, files.length);
      const processed: ProcessedImage[] = [];
      for (const [i, file] of files.entries()) {
        try {
          processed.push(await processImage(file, storage, { folder: "products" }));
        } catch (error) {
          const code = (error as { code?: string }).code;
          const params = (error as { params?: Record<string, string | number> }).params ?? {};
          if (code) throw new Invalid({ images: { code, params: { ...params, file: i + 1 } } });
          throw error;
        }
      }
      await db.transaction(async (transaction) => {
        await assertImageRoom(productId, processed.length);
        const last = (await models.ProductImage.max("position", { where: { productId }, transaction })) as
          number | null;
        let position = (last ?? -1) + 1;
        for (const img of processed) {
          const exists = await models.ProductImage.count({
            where: { productId, hash: img.hash },
            transaction,
          });
          if (exists) continue;
          await models.ProductImage.create(
            {
              productId,
              position: position++,
              hash: img.hash,
              width: img.width,
              height: img.height,
              placeholder: img.placeholder,
              variants: JSON.stringify(img.variants),
            },
            { transaction },
          );
        }
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.images_added",
          entityType: "product",
          entityId: product.id,
          data: { count: processed.length },
        });
      });
    },

    async removeImage(user: CurrentUser, productId: number, imageId: number) {
      await db.transaction(async (transaction) => {
        await loadForEdit(user, productId, transaction);
        const removed = await models.ProductImage.destroy({ where: { id: imageId, productId }, transaction });
        if (!removed) throw new NotFound("image_not_found");
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.image_removed",
          entityType: "product",
          entityId: productId,
        });
      });
    },

    /** Move an image to the front: it becomes the product's main picture. */
    async makePrimaryImage(user: CurrentUser, productId: number, imageId: number) {
      await db.transaction(async (transaction) => {
        const product = await loadForEdit(user, productId, transaction);
        const images = [...(product.images ?? [])].sort((a, b) => a.position - b.position);
        const chosen = images.find((i) => i.id === imageId);
        if (!chosen) throw new NotFound("image_not_found");
        const order = [chosen, ...images.filter((i) => i.id !== imageId)];
        for (const [position, image] of order.entries()) {
          if (image.position !== position) await image.update({ position }, { transaction });
        }
      });
    },

    /** Record the OCOP certificate (36 months); the index is refreshed now and again on the day it expires. */
    async setOcop(user: CurrentUser, productId: number, input: unknown) {
      await db.transaction(async (transaction) => {
        await loadForEdit(user, productId, transaction);
        const data = parseOrInvalid(ocopSchema, input);
        const expiresOn = addMonths(data.issuedOn, OCOP_VALIDITY_MONTHS);
        if (data.issuedOn > new Date().toISOString().slice(0, 10))
          throw new Invalid({ issuedOn: { code: "date_in_future" } });
        await models.ProductOcop.destroy({ where: { productId }, transaction });
        await models.ProductOcop.create(
          {
            productId,
            stars: data.stars,
            certificateNo: data.certificateNo,
            issuedOn: data.issuedOn,
            expiresOn,
          },
          { transaction },
        );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.ocop_set",
          entityType: "product",
          entityId: productId,
          data: { stars: data.stars, certificateNo: data.certificateNo },
        });
        await events.publish(transaction, "product.changed", { productId });
        // The certificate lapses on its own: the product changes again then (its OCOP facet goes).
        const expiry = ocopExpiresAt(expiresOn);
        if (expiry > Date.now())
          await events.publish(
            transaction,
            "product.changed",
            { productId },
            { at: new Date(expiry + 1000) },
          );
      });
    },

    async removeOcop(user: CurrentUser, productId: number) {
      await db.transaction(async (transaction) => {
        await loadForEdit(user, productId, transaction);
        await models.ProductOcop.destroy({ where: { productId }, transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.ocop_removed",
          entityType: "product",
          entityId: productId,
        });
        await events.publish(transaction, "product.changed", { productId });
      });
    },

    async addBatch(user: CurrentUser, productId: number, input: unknown) {
      return db.transaction(async (transaction) => {
        await loadForEdit(user, productId, transaction);
        const data = parseOrInvalid(batchSchema, input);
        if (await models.ProductBatch.count({ where: { productId, lotCode: data.lotCode }, transaction })) {
          throw new Invalid({ lotCode: { code: "lot_taken" } });
        }
        const batch = await models.ProductBatch.create(
          {
            productId,
            lotCode: data.lotCode,
            publicCode: randomBytes(9).toString("base64url"),
            producedOn: data.producedOn,
            quantity: data.quantity,
            expiresOn: data.expiresOn ?? null,
            notes: data.notes ?? null,
          },
          { transaction },
        );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.batch_added",
          entityType: "product",
          entityId: productId,
          data: { lotCode: data.lotCode },
        });
        return { id: batch.id, publicCode: batch.publicCode };
      });
    },

    async removeBatch(user: CurrentUser, productId: number, batchId: number) {
      await db.transaction(async (transaction) => {
        await loadForEdit(user, productId, transaction);
        if (!(await models.ProductBatch.destroy({ where: { id: batchId, productId }, transaction })))
          throw new NotFound("batch_not_found");
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "product.batch_removed",
          entityType: "product",
          entityId: productId,
        });
      });
    },

    /** The public traceability page behind a batch's QR code. */
    async trace(publicCode: string, locale: "vi" | "en") {
      const batch = await models.ProductBatch.findOne({ where: { publicCode } });
      if (!batch) throw new NotFound("batch_not_found");
      const p = (await models.Product.findByPk(batch.productId, {
        include: withImages(),
      })) as WithImages | null;
      if (!p || p.cooperative?.status !== "approved") throw new NotFound("batch_not_found");
      return {
        batch: {
          lotCode: batch.lotCode,
          publicCode: batch.publicCode,
          producedOn: batch.producedOn,
          quantity: batch.quantity,
          expiresOn: batch.expiresOn,
          notes: batch.notes,
        },
        product: toDetail(p, locale),
        cooperative: {
          slug: p.cooperative.slug,
          name: p.cooperative.name,
          provinceCode: p.cooperative.provinceCode,
          districtCode: p.cooperative.districtCode,
          address: p.cooperative.address,
          phone: p.cooperative.phone,
        },
        productPublic: p.status === "active",
      };
    },

    /** The batch a member may print a QR code for. */
    async batchForMember(user: CurrentUser, productId: number, batchId: number) {
      await loadForEdit(user, productId);
      const batch = await models.ProductBatch.findOne({ where: { id: batchId, productId } });
      if (!batch) throw new NotFound("batch_not_found");
      return { lotCode: batch.lotCode, publicCode: batch.publicCode };
    },

    /** Bulk import: every row validated first, all or nothing, created or updated by SKU. */
    /** Stock for the cart and checkout, inside the orders' transactions. */
    stock: catalogueStock(db, events),
    /** Products as other domains see them (fairs' booths and directory). */
    lookup: productLookup(db),

    importCsv: (user: CurrentUser, file: { text: string; bytes: number }, options: { dryRun: boolean }) =>
      importProductsCsv(db, events, user, file, options),

    /** All slugs for the sitemap. */
    async sitemapEntries() {
      const rows = await sequelize.query<{ slug: string; updated_at: string | Date }>(
        `SELECT p.slug, p.updated_at FROM products p JOIN cooperatives c ON c.id = p.cooperative_id
         WHERE p.status = 'active' AND c.status = 'approved' ORDER BY p.id`,
        { type: QueryTypes.SELECT },
      );
      return rows.map((r) => ({ slug: r.slug, updatedAt: new Date(r.updated_at).toISOString() }));
    },

    toPicture,
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;

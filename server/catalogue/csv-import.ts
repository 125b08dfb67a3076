import { Op, type Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import type { Database } from "../db";
import type { EventPublisher } from "../events";
import { syncChildRows } from "../db/child-rows";
import { freeSlug, isSlugRace, uniqueViolation } from "../db/slugs";
import { Forbidden, Invalid } from "../errors";
import { foldVietnamese } from "../vocabulary/text";
import { productColumns } from "./product-columns";
import { replaceOcopCertificate } from "./certificates-batches";
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ZIP_BYTES,
  type ImportOutcome,
  type ImportReport,
  type ImportRowReport,
} from "./csv-columns";
import { readImportFile } from "./import-sheet";
import { namesCooperative, validateSheet, type ImportScope, type ValidRow } from "./import-validation";
import { saveImportReport } from "./import-reports";
import { gatherImages, readImageZip, saveRowImages } from "./import-images";
import type { ImageFetcher } from "./image-fetch";
import type { ImageStorage, ProcessedImage } from "../images";

export { CSV_COLUMNS, REQUIRED_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, csvTemplate } from "./csv-columns";
export type { ImportOutcome, ImportProblem } from "./csv-columns";

/**
 * Whose products the user may import: a cooperative's member its own; staff any approved cooperative, or those of
 * their province when they work for a provincial union. The cooperatives a file names are read in one query.
 */
async function scopeFor(db: Database, user: CurrentUser, cells: string[]): Promise<ImportScope> {
  if (user.role === "cooperative" && user.cooperative) {
    const { id, slug, name } = user.cooperative;
    return { kind: "own", cooperative: { id, slug, name } };
  }
  if (user.role !== "staff") throw new Forbidden("not_a_cooperative_member");
  const folded = [
    ...new Set(cells.map((c) => foldVietnamese(c).trim().replace(/\s+/g, " ")).filter(Boolean)),
  ];
  const candidates = folded.length
    ? await db.models.Cooperative.findAll({
        where: { [Op.or]: [{ slug: folded }, { searchName: folded }] },
        attributes: ["id", "slug", "name", "status", "provinceCode"],
      })
    : [];
  return {
    kind: "union",
    find(cell) {
      const c = candidates.find((k) => namesCooperative(cell, k));
      if (!c) return "not_found";
      if (c.status !== "approved") return "not_approved";
      if (user.unionProvinceCode && c.provinceCode !== user.unionProvinceCode) return "outside_union";
      return { id: c.id, slug: c.slug, name: c.name };
    },
  };
}

/** Existing products of the rows' cooperatives by "cooperative:sku". */
async function existingProducts(db: Database, valid: ValidRow[], transaction?: Transaction) {
  const byCooperative = new Map<number, string[]>();
  for (const v of valid)
    byCooperative.set(v.cooperative.id, [...(byCooperative.get(v.cooperative.id) ?? []), v.data.sku]);
  const found = byCooperative.size
    ? await db.models.Product.findAll({
        where: {
          [Op.or]: [...byCooperative].map(([cooperativeId, skus]) => ({ cooperativeId, sku: skus })),
        },
        attributes: ["id", "sku", "cooperativeId"],
        transaction,
      })
    : [];
  return new Map(found.map((p) => [`${p.cooperativeId}:${p.sku}`, p.id]));
}

/**
 * Check (dry run) or import a product file, CSV or XLSX. Both run the same validator (import-validation.ts); the
 * import writes nothing unless every row passes, then creates or updates by SKU in one transaction. Either way
 * the row report is kept for download (import-reports.ts).
 */
export async function importProducts(
  deps: ImportDeps,
  user: CurrentUser,
  file: { data: Uint8Array; images?: Uint8Array | null },
  options: { dryRun: boolean },
): Promise<ImportOutcome> {
  const { db, events } = deps;
  if (user.role !== "staff" && (user.role !== "cooperative" || !user.cooperative))
    throw new Forbidden("not_a_cooperative_member");
  if (file.data.length > MAX_IMPORT_BYTES)
    throw new Invalid({
      file: { code: "file_too_large", params: { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 } },
    });
  if (file.images && file.images.length > MAX_IMPORT_ZIP_BYTES)
    throw new Invalid({
      images: { code: "file_too_large", params: { maxMb: MAX_IMPORT_ZIP_BYTES / 1024 / 1024 } },
    });
  const { dryRun } = options;
  const read = await readImportFile(file.data);
  const finish = async (report: ImportReport, outcome: DistributiveOmit<ImportOutcome, "reportId">) => ({
    ...outcome,
    reportId: await saveImportReport(db, user, report),
  });
  if (!read.ok)
    return finish(
      { dryRun, fileProblems: [read.problem], rows: [] },
      { ok: false, dryRun, rows: 0, problems: [read.problem] },
    );
  const coopColumn = read.sheet.header.findIndex((h) => foldVietnamese(h).trim() === "cooperative");
  const scope = await scopeFor(
    db,
    user,
    coopColumn < 0 ? [] : read.sheet.rows.map((r) => r.cells[coopColumn] ?? ""),
  );
  const { fileProblems, rows } = validateSheet(read.sheet, scope);
  let zip: Awaited<ReturnType<typeof readImageZip>> | null = file.images
    ? await readImageZip(file.images)
    : null;
  if (zip && !zip.ok) {
    fileProblems.push(zip.problem);
    zip = null;
  }
  let valid = rows.flatMap((r) => (r.valid ? [r.valid] : []));
  let problems = [...fileProblems, ...rows.flatMap((r) => r.problems)];
  let images = new Map<number, ProcessedImage[]>();
  // Pictures are fetched and processed once every row is otherwise right, by the check as by the import.
  if (problems.length === 0 && (zip || valid.some((v) => v.imageUrls.length))) {
    const gathered = await gatherImages(
      db,
      deps.storage,
      deps.fetchImage,
      rows,
      zip?.ok ? zip.pictures : null,
      await existingProducts(db, valid),
    );
    images = gathered.images;
    for (const r of rows) if (r.problems.length) r.valid = null;
    fileProblems.push(...gathered.problems.filter((p) => p.line === 0));
    valid = rows.flatMap((r) => (r.valid ? [r.valid] : []));
    problems = [...fileProblems, ...rows.flatMap((r) => r.problems)];
  }
  const reportOf = (existing: Map<string, number>): ImportReport => ({
    dryRun,
    fileProblems,
    rows: rows.map((r): ImportRowReport => ({
      line: r.line,
      sku: r.sku,
      cooperative: r.cooperative,
      outcome: !r.valid
        ? "invalid"
        : existing.has(`${r.valid.cooperative.id}:${r.valid.data.sku}`)
          ? "update"
          : "create",
      statusBlank: r.valid?.statusBlank ?? false,
      problems: r.problems,
    })),
  });
  const counts = (existing: Map<string, number>) => {
    const created = valid.filter((v) => !existing.has(`${v.cooperative.id}:${v.data.sku}`));
    return {
      rows: valid.length,
      created: created.length,
      updated: valid.length - created.length,
      // A new product without a status, or with "draft", is not shown to buyers until published.
      drafts: created.filter((v) => v.statusBlank || v.data.status === "draft").length,
    };
  };
  if (problems.length) {
    const existing = await existingProducts(db, valid);
    return finish(reportOf(existing), { ok: false, dryRun, rows: rows.length, problems });
  }
  if (dryRun) {
    const existing = await existingProducts(db, valid);
    return finish(reportOf(existing), { ok: true, dryRun, ...counts(existing) });
  }
  // Which SKUs exist is read inside the transaction: an import or a product created meanwhile is seen.
  const existing = await db.transaction(
    (transaction) => writeRows(db, events, user, valid, images, transaction),
    // Another import or form creating one of these SKUs at once: run again, now updating it.
    {
      retryIf: (error) =>
        isSlugRace(error) || (uniqueViolation(error)?.some((f) => f.includes("sku")) ?? false),
    },
  );
  return finish(reportOf(existing), { ok: true, dryRun, ...counts(existing) });
}

/** What an import needs besides the database: where pictures go, and how pictures named by URL are read. */
export interface ImportDeps {
  db: Database;
  events: EventPublisher;
  storage: ImageStorage;
  fetchImage: ImageFetcher;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Create or update every row; returns which products existed before, for the counts and the report. */
async function writeRows(
  db: Database,
  events: EventPublisher,
  user: CurrentUser,
  valid: ValidRow[],
  images: Map<number, ProcessedImage[]>,
  transaction: Transaction,
): Promise<Map<string, number>> {
  const { models } = db;
  const existing = await existingProducts(db, valid, transaction);
  for (const { line, data, ocop, statusBlank, tagsEn, cooperative } of valid) {
    const columns = {
      ...productColumns(data),
      ...(tagsEn ? { tagsEn: JSON.stringify(tagsEn) } : {}),
    };
    let id = existing.get(`${cooperative.id}:${data.sku}`);
    if (id) {
      // A blank status leaves a published product published (and a draft a draft).
      const { status, ...rest } = columns;
      await models.Product.update(statusBlank ? rest : { ...rest, status }, { where: { id }, transaction });
    } else {
      const p = await models.Product.create(
        {
          ...columns,
          cooperativeId: cooperative.id,
          slug: await freeSlug(models.Product, transaction, data.nameVi, "san-pham"),
        },
        { transaction },
      );
      id = p.id;
    }
    await syncChildRows(
      models.ProductCertification,
      transaction,
      { productId: id },
      "certification",
      data.certifications,
    );
    if (ocop) await replaceOcopCertificate(models, events, transaction, id, ocop);
    await saveRowImages(db, transaction, id, images.get(line) ?? []);
    await events.publish(transaction, "product.changed", { productId: id });
  }
  const perCooperative = new Map<number, number>();
  for (const v of valid)
    perCooperative.set(v.cooperative.id, (perCooperative.get(v.cooperative.id) ?? 0) + 1);
  for (const [cooperativeId, rows] of perCooperative) {
    await recordAudit(models, transaction, {
      actorId: user.id,
      action: "product.csv_imported",
      entityType: "cooperative",
      entityId: cooperativeId,
      data: {
        rows,
        created: valid.filter(
          (v) => v.cooperative.id === cooperativeId && !existing.has(`${cooperativeId}:${v.data.sku}`),
        ).length,
      },
    });
  }
  return existing;
}

import { parse } from "csv-parse/sync";
import type { Transaction } from "sequelize";
import { foldVietnamese } from "../vocabulary/text";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import type { Database } from "../db";
import type { EventPublisher } from "../events";
import { syncChildRows } from "../db/child-rows";
import { freeSlug, isSlugRace, uniqueViolation } from "../db/slugs";
import { Forbidden, Invalid } from "../errors";
import { fieldErrorsFrom, PARSE_OPTIONS } from "../validation";
import { productColumns } from "./product-columns";
import { replaceOcopCertificate } from "./certificates-batches";
import { ocopSchema, productSchema, type OcopInput, type ProductInput } from "./schemas";
import { formerProvinceName } from "../vocabulary/geo";
import {
  CSV_COLUMNS,
  FIELD_TO_COLUMN,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  OCOP_COLUMNS,
  REQUIRED_COLUMNS,
  type CsvColumn,
  type ImportOutcome,
  type ImportProblem,
} from "./csv-columns";

export { CSV_COLUMNS, REQUIRED_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, csvTemplate } from "./csv-columns";
export type { ImportOutcome, ImportProblem } from "./csv-columns";

function normaliseHeader(h: string): string {
  return foldVietnamese(h.replace(/^\uFEFF/, "").trim()).replace(/[\s-]+/g, "_");
}

/**
 * Validate every row first; write nothing unless the whole file is valid, then create or update by SKU in one
 * transaction. Re-importing the same file changes nothing but `updated_at`.
 */
export async function importProductsCsv(
  db: Database,
  events: EventPublisher,
  user: CurrentUser,
  file: { text: string; bytes: number },
  options: { dryRun: boolean },
): Promise<ImportOutcome> {
  if (user.role !== "cooperative" || !user.cooperative) throw new Forbidden("not_a_cooperative_member");
  const cooperativeId = user.cooperative.id;
  if (file.bytes > MAX_IMPORT_BYTES)
    throw new Invalid({ file: { code: "file_too_large", params: { maxMb: 5 } } });
  if (file.text.trim() === "") throw new Invalid({ file: { code: "file_empty" } });

  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(file.text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_quotes: false,
      trim: true,
    }) as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return { ok: false, rows: 0, problems: [{ line, column: null, code: "csv_malformed" }] };
  }
  const [head, ...body] = records;
  if (!head) return { ok: false, rows: 0, problems: [{ line: 0, column: null, code: "file_empty" }] };
  const header = head.record.map(normaliseHeader);
  const problems: ImportProblem[] = [];
  header.forEach((h) => {
    if (h && !(h in CSV_COLUMNS)) problems.push({ line: 1, column: h, code: "unknown_column" });
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!header.includes(required)) problems.push({ line: 1, column: required, code: "missing_column" });
  }
  if (body.length === 0) problems.push({ line: 0, column: null, code: "no_rows" });
  if (body.length > MAX_IMPORT_ROWS)
    problems.push({ line: 0, column: null, code: "too_many_rows", params: { max: MAX_IMPORT_ROWS } });
  if (problems.length) return { ok: false, rows: body.length, problems };

  const valid: Array<{ line: number; data: ProductInput; ocop: OcopInput | null }> = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== header.length) {
      problems.push({
        line,
        column: null,
        code: "column_count",
        params: { expected: header.length, got: record.length },
      });
      continue;
    }
    const input: Record<string, string> = {};
    header.forEach((h, i) => {
      const field = CSV_COLUMNS[h as CsvColumn];
      let value = record[i] ?? "";
      if (h === "unit" || h === "category" || h === "status")
        value = foldVietnamese(value).trim().replace(/\s+/g, "_");
      input[field] = value;
    });
    // A file written from older papers names a former province ("Bắc Kạn"): it maps to the province it joined,
    // and the name is kept as the origin region buyers search by, unless the row gives one.
    const province = input.originProvinceCode?.trim() ?? "";
    if (province && !input.originRegion?.trim() && formerProvinceName(province))
      input.originRegion = formerProvinceName(province)!;
    const parsed = productSchema.safeParse(input, PARSE_OPTIONS);
    // A row that fills any OCOP cell states a certificate, checked as the product page's form checks it.
    const ocop = OCOP_COLUMNS.some((c) => input[CSV_COLUMNS[c]]?.trim())
      ? ocopSchema.safeParse(input, PARSE_OPTIONS)
      : null;
    if (!parsed.success || (ocop && !ocop.success)) {
      const errors = {
        ...(parsed.success ? {} : fieldErrorsFrom(parsed.error)),
        ...(ocop && !ocop.success ? fieldErrorsFrom(ocop.error) : {}),
      };
      for (const [field, e] of Object.entries(errors)) {
        problems.push({ line, column: FIELD_TO_COLUMN[field] ?? field, code: e.code, params: e.params });
      }
      continue;
    }
    const earlier = seen.get(parsed.data.sku);
    if (earlier) {
      problems.push({ line, column: "sku", code: "sku_duplicate_in_file", params: { line: earlier } });
      continue;
    }
    seen.set(parsed.data.sku, line);
    valid.push({ line, data: parsed.data, ocop: ocop?.data ?? null });
  }
  if (problems.length) return { ok: false, rows: body.length, problems };

  const { models } = db;
  const existingIds = async (transaction?: Transaction) =>
    new Map(
      (
        await models.Product.findAll({
          where: { cooperativeId, sku: [...seen.keys()] },
          attributes: ["id", "sku"],
          transaction,
        })
      ).map((p) => [p.sku, p.id]),
    );
  if (options.dryRun) {
    const existing = await existingIds();
    const created = valid.filter((v) => !existing.has(v.data.sku)).length;
    return { ok: true, rows: valid.length, created, updated: valid.length - created, dryRun: true };
  }

  // Which SKUs exist is read inside the transaction: an import or a product created meanwhile is seen.
  const created = await db.transaction(
    async (transaction) => {
      const existing = await existingIds(transaction);
      for (const { data, ocop } of valid) {
        let id = existing.get(data.sku);
        if (id) {
          await models.Product.update(productColumns(data), { where: { id }, transaction });
        } else {
          const p = await models.Product.create(
            {
              ...productColumns(data),
              cooperativeId,
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
        await events.publish(transaction, "product.changed", { productId: id });
      }
      const created = valid.filter((v) => !existing.has(v.data.sku)).length;
      await recordAudit(models, transaction, {
        actorId: user.id,
        action: "product.csv_imported",
        entityType: "cooperative",
        entityId: cooperativeId,
        data: { rows: valid.length, created },
      });
      return created;
    },
    // Another import or form creating one of these SKUs at once: run again, now updating it.
    {
      retryIf: (error) =>
        isSlugRace(error) || (uniqueViolation(error)?.some((f) => f.includes("sku")) ?? false),
    },
  );
  return { ok: true, rows: valid.length, created, updated: valid.length - created, dryRun: false };
}

/**
 * The statements that write the index and read back what the engine keeps in memory (its columns, its
 * vocabulary). The callers run the writes inside one transaction (engine.ts, write()).
 */
import { ProductColumns } from "./columns";
import type { SearchConnection } from "./connection";
import type { Row } from "./documents";
import { buildVocabulary, type Vocabulary } from "./vocabulary";

/** Rows per INSERT … SELECT FROM json_each(?) while indexing. */
const WRITE_CHUNK = 1000;

const PRODUCT_COLUMNS = [
  "id",
  "category",
  "province_code",
  "price_vnd",
  "in_stock",
  "ocop_stars",
  "ocop_expires_at",
  "cooperative_id",
  "created_at",
] as const;

const TEXT_COLUMNS = [
  "id",
  "name_terms",
  "name",
  "labels",
  "cooperative",
  "description",
  "name_vi",
  "name_en",
  "description_vi",
  "description_en",
] as const;

/** Inserts rows given as a JSON array of arrays of `columns` (json_each parses it once, for the whole chunk). */
function insertJson(
  db: SearchConnection,
  table: string,
  columns: readonly string[],
  values: unknown[][],
  verb = "INSERT",
): Promise<void> {
  return db.run(
    `${verb} INTO ${table} (${columns.join(", ")})
               SELECT ${columns.map((_, k) => `value ->> ${k}`).join(", ")} FROM json_each($rows)`,
    { $rows: JSON.stringify(values) },
  );
}

/** Writes the rows, replacing any earlier version of them (ids unique among `rows`). */
export async function replaceRows(db: SearchConnection, rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
    const chunk = rows.slice(i, i + WRITE_CHUNK);
    const ids = JSON.stringify(chunk.map((r) => r.id));
    await deleteChunk(db, ids);
    await insertJson(
      db,
      "products",
      PRODUCT_COLUMNS,
      chunk.map((r) => PRODUCT_COLUMNS.map((c) => r[c])),
    );
    await insertJson(
      db,
      "product_texts",
      TEXT_COLUMNS,
      chunk.map((r) => TEXT_COLUMNS.map((c) => r[c])),
    );
    const certifications = chunk.flatMap((r) => r.certifications.map((c) => [r.id, c]));
    if (certifications.length > 0) {
      await insertJson(
        db,
        "product_certifications",
        ["product_id", "certification"],
        certifications,
        "INSERT OR IGNORE",
      );
    }
    await db.run(
      `INSERT INTO products_fts (rowid, name, labels, cooperative, description)
             SELECT id, name, labels, cooperative, description FROM product_texts
             WHERE id IN (SELECT value FROM json_each($ids))`,
      { $ids: ids },
    );
    await db.run(
      `INSERT INTO products_names (rowid, name_terms)
             SELECT id, name_terms FROM product_texts WHERE id IN (SELECT value FROM json_each($ids))`,
      { $ids: ids },
    );
    await insertJson(
      db,
      "product_exact_terms",
      ["id", "exact_terms"],
      chunk.map((r) => [r.id, r.exact_terms]),
    );
    await db.run(
      `INSERT INTO products_exact (rowid, exact_terms)
             SELECT id, exact_terms FROM product_exact_terms WHERE id IN (SELECT value FROM json_each($ids))`,
      { $ids: ids },
    );
  }
}

/** Deletes products (ids as a JSON array), their FTS entries first: external content needs the old values. */
async function deleteChunk(db: SearchConnection, ids: string): Promise<void> {
  const p = { $ids: ids };
  await db.run(
    `INSERT INTO products_fts (products_fts, rowid, name, labels, cooperative, description)
       SELECT 'delete', id, name, labels, cooperative, description FROM product_texts
       WHERE id IN (SELECT value FROM json_each($ids))`,
    p,
  );
  await db.run(
    `INSERT INTO products_names (products_names, rowid, name_terms)
       SELECT 'delete', id, name_terms FROM product_texts WHERE id IN (SELECT value FROM json_each($ids))`,
    p,
  );
  await db.run(
    `INSERT INTO products_exact (products_exact, rowid, exact_terms)
       SELECT 'delete', id, exact_terms FROM product_exact_terms WHERE id IN (SELECT value FROM json_each($ids))`,
    p,
  );
  await db.run(`DELETE FROM product_exact_terms WHERE id IN (SELECT value FROM json_each($ids))`, p);
  await db.run(`DELETE FROM product_texts WHERE id IN (SELECT value FROM json_each($ids))`, p);
  await db.run(
    `DELETE FROM product_certifications WHERE product_id IN (SELECT value FROM json_each($ids))`,
    p,
  );
  await db.run(`DELETE FROM products WHERE id IN (SELECT value FROM json_each($ids))`, p);
}

/** Deletes the products with these ids (absent ones are no matter). */
export async function deleteProducts(db: SearchConnection, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += WRITE_CHUNK)
    await deleteChunk(db, JSON.stringify(ids.slice(i, i + WRITE_CHUNK)));
}

export async function deleteAllProducts(db: SearchConnection): Promise<void> {
  await db.run(`INSERT INTO products_fts (products_fts) VALUES ('delete-all')`);
  await db.run(`INSERT INTO products_names (products_names) VALUES ('delete-all')`);
  await db.run(`INSERT INTO products_exact (products_exact) VALUES ('delete-all')`);
  await db.run(`DELETE FROM product_exact_terms`);
  await db.run(`DELETE FROM product_texts`);
  await db.run(`DELETE FROM product_certifications`);
  await db.run(`DELETE FROM products`);
}

/** Merges each FTS index into one segment. */
export async function mergeSegments(db: SearchConnection): Promise<void> {
  await db.run(`INSERT INTO products_fts (products_fts) VALUES ('optimize')`);
  await db.run(`INSERT INTO products_names (products_names) VALUES ('optimize')`);
  await db.run(`INSERT INTO products_exact (products_exact) VALUES ('optimize')`);
}

export async function countProducts(db: SearchConnection): Promise<number> {
  const rows = await db.all<{ n: number }>(`SELECT count(*) AS n FROM products`);
  return rows[0]?.n ?? 0;
}

/**
 * The products' columns, read whole, and the `data_version` read before them: a commit by another connection in
 * between makes the next search load them again.
 */
export async function readColumns(
  db: SearchConnection,
): Promise<{ version: number; columns: ProductColumns }> {
  const [version] = await db.all<{ v: number }>(`SELECT data_version AS v FROM pragma_data_version()`);
  const [p] = await db.all<Record<string, string>>(
    `SELECT json_group_array(id) AS id, json_group_array(category) AS category,
         json_group_array(province_code) AS province_code, json_group_array(price_vnd) AS price_vnd,
         json_group_array(in_stock) AS in_stock, json_group_array(ocop_stars) AS ocop_stars,
         json_group_array(ocop_expires_at) AS ocop_expires_at, json_group_array(cooperative_id) AS cooperative_id,
         json_group_array(created_at) AS created_at
       FROM products`,
  );
  const [c] = await db.all<{ product: string; certification: string }>(
    `SELECT json_group_array(product_id) AS product, json_group_array(certification) AS certification
       FROM product_certifications`,
  );
  const column = (name: string) => JSON.parse(p![name]!) as unknown[];
  const ids = column("id") as number[];
  const category = column("category") as string[];
  const province = column("province_code") as string[];
  const price = column("price_vnd") as number[];
  const inStock = column("in_stock") as number[];
  const stars = column("ocop_stars") as Array<number | null>;
  const expires = column("ocop_expires_at") as Array<number | null>;
  const cooperative = column("cooperative_id") as number[];
  const created = column("created_at") as number[];
  const columns = new ProductColumns();
  for (let i = 0; i < ids.length; i++) {
    columns.set({
      id: ids[i]!,
      category: category[i]!,
      province_code: province[i]!,
      price_vnd: price[i]!,
      in_stock: inStock[i]!,
      ocop_stars: stars[i]!,
      ocop_expires_at: expires[i]!,
      cooperative_id: cooperative[i]!,
      created_at: created[i]!,
      certifications: [],
    });
  }
  const products = JSON.parse(c!.product) as number[];
  const certifications = JSON.parse(c!.certification) as string[];
  for (let i = 0; i < products.length; i++) {
    const slot = columns.slotOf(products[i]!);
    if (slot >= 0) columns.addCertification(slot, certifications[i]!);
  }
  return { version: version!.v, columns };
}

/** The index's terms and their document counts: a pass over the whole FTS index. */
export function readVocabulary(db: SearchConnection): Promise<Vocabulary> {
  return db.all<{ term: string; doc: number }>(`SELECT term, doc FROM products_vocab`).then(buildVocabulary);
}

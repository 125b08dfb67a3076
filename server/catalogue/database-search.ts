import { QueryTypes } from "sequelize";
import { vietnamDay } from "../vocabulary/dates";
import { searchWords } from "../vocabulary/text";
import type { Database } from "../db";
import type { SearchEngine, SearchQuery, SearchResult } from "../search/types";

/**
 * The catalogue's own search, straight from its tables: the same filters and sorts as the engines, simpler
 * matching (every folded word somewhere in the product's search text), no facets. It is what answers while the
 * real engine is unreachable (server/search/fallback.ts); it indexes nothing, as the tables are the source.
 */
export class DatabaseSearchEngine implements SearchEngine {
  readonly name = "database";
  constructor(private readonly db: Database) {}

  async ensureReady() {}
  async upsert() {}
  async remove() {}
  async reset() {}
  async close() {}

  async count() {
    return this.db.models.Product.count({ where: { status: "active" } });
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const f = query.filters ?? {};
    const where: string[] = ["p.status = 'active'", "c.status = 'approved'"];
    const params: Record<string, string | number> = {};
    const tokens = searchWords(query.q);
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
      params.today = vietnamDay(new Date(query.now ?? Date.now()));
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
      this.db.sequelize.query<{ id: number }>(
        `SELECT p.id ${from} WHERE ${sqlWhere} ORDER BY ${order} LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
        {
          type: QueryTypes.SELECT,
          replacements: params,
        },
      ),
      this.db.sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n ${from} WHERE ${sqlWhere}`, {
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
}

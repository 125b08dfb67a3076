import { QueryTypes } from "sequelize";
import { provinceByCode } from "../vocabulary/geo";
import { foldVietnamese } from "../vocabulary/text";
import type { CurrentUser } from "../accounts";
import type { Sector } from "../db/models/cooperatives";
import { NotFound } from "../errors";
import { parseOrInvalid } from "../validation";
import type { Locale } from "../vocabulary/locale";
import { directoryQuerySchema } from "./schemas";
import type { CooperativesKit } from "./kit";
import {
  CARD_ATTRIBUTES,
  DIRECTORY_PAGE_SIZE,
  toCard,
  toProfile,
  type CooperativeCard,
  type CooperativeProfile,
} from "./views";

/** What visitors see: the directory with its facets, each profile, the home page's figures and the sitemap. */
export function publicPages(kit: CooperativesKit) {
  const { db, models, sequelize, withSectors } = kit;
  return {
    /** Public directory: approved cooperatives, filtered by province, sector and name, with facet counts. */
    async listDirectory({ query: rawQuery, locale }: { query: unknown; locale: Locale }) {
      const query = parseOrInvalid(directoryQuerySchema, rawQuery);
      const filters = (skip: "province" | "sector" | null) => {
        const clauses = ["c.status = 'approved'"];
        const params: Record<string, string> = {};
        if (query.q) {
          clauses.push("c.search_name LIKE :q");
          params.q = `%${foldVietnamese(query.q).replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        }
        if (query.province && skip !== "province") {
          clauses.push("c.province_code = :province");
          params.province = query.province;
        }
        if (query.sector && skip !== "sector") {
          clauses.push("c.id IN (SELECT cooperative_id FROM cooperative_sectors WHERE sector = :sector)");
          params.sector = query.sector;
        }
        return { where: clauses.join(" AND "), params };
      };
      const like = db.dialect === "sqlite" ? " ESCAPE '\\'" : "";
      const sql = (s: string) => s.replace("LIKE :q", `LIKE :q${like}`);
      const all = filters(null);
      const offset = (query.page - 1) * DIRECTORY_PAGE_SIZE;
      const [idRows, totalRows, provinceRows, sectorRows] = await Promise.all([
        sequelize.query<{ id: number }>(
          sql(
            `SELECT c.id FROM cooperatives c WHERE ${all.where} ORDER BY c.search_name, c.id LIMIT ${DIRECTORY_PAGE_SIZE} OFFSET ${offset}`,
          ),
          { type: QueryTypes.SELECT, replacements: all.params },
        ),
        sequelize.query<{ n: number }>(sql(`SELECT COUNT(*) AS n FROM cooperatives c WHERE ${all.where}`), {
          type: QueryTypes.SELECT,
          replacements: all.params,
        }),
        (() => {
          const f = filters("province");
          return sequelize.query<{ code: string; n: number }>(
            sql(
              `SELECT c.province_code AS code, COUNT(*) AS n FROM cooperatives c WHERE ${f.where} GROUP BY c.province_code`,
            ),
            { type: QueryTypes.SELECT, replacements: f.params },
          );
        })(),
        (() => {
          const f = filters("sector");
          return sequelize.query<{ sector: Sector; n: number }>(
            sql(
              `SELECT s.sector AS sector, COUNT(*) AS n FROM cooperative_sectors s JOIN cooperatives c ON c.id = s.cooperative_id WHERE ${f.where} GROUP BY s.sector`,
            ),
            { type: QueryTypes.SELECT, replacements: f.params },
          );
        })(),
      ]);
      const ids = idRows.map((r) => r.id);
      const rows = ids.length
        ? await models.Cooperative.findAll({
            where: { id: ids },
            attributes: [...CARD_ATTRIBUTES],
            include: withSectors,
          })
        : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      return {
        query,
        items: ids.map((id) => toCard(byId.get(id)!, locale)),
        total: Number(totalRows[0]?.n ?? 0),
        page: query.page,
        perPage: DIRECTORY_PAGE_SIZE,
        facets: {
          provinces: provinceRows
            .map((r) => ({ code: r.code, name: provinceByCode(r.code)?.name ?? r.code, count: Number(r.n) }))
            .sort((a, b) => a.name.localeCompare(b.name, "vi")),
          sectors: sectorRows.map((r) => ({ sector: r.sector, count: Number(r.n) })),
        },
      };
    },

    /** A profile page: approved cooperatives for everyone; others only for their members and staff. */
    async getCooperativeProfile({
      slug,
      viewer,
      locale,
    }: {
      slug: string;
      viewer: CurrentUser | null;
      locale: Locale;
    }): Promise<CooperativeProfile> {
      const c = await models.Cooperative.findOne({ where: { slug }, include: withSectors });
      if (!c) throw new NotFound("cooperative_not_found");
      const privileged = viewer?.role === "staff" || viewer?.cooperative?.id === c.id;
      if (c.status !== "approved" && !privileged) throw new NotFound("cooperative_not_found");
      return toProfile(c, locale);
    },

    async listSitemapCooperatives() {
      const rows = await models.Cooperative.findAll({
        where: { status: "approved" },
        attributes: ["slug", "updatedAt"],
        order: [["id", "ASC"]],
      });
      return rows.map((r) => ({ slug: r.slug, updatedAt: r.updatedAt.toISOString() }));
    },

    async listFeaturedCooperatives({
      limit,
      locale,
    }: {
      limit: number;
      locale: Locale;
    }): Promise<CooperativeCard[]> {
      const rows = await models.Cooperative.findAll({
        where: { status: "approved" },
        attributes: [...CARD_ATTRIBUTES],
        include: withSectors,
        order: [
          ["memberCount", "DESC"],
          ["id", "ASC"],
        ],
        limit,
      });
      return rows.map((r) => toCard(r, locale));
    },

    /** Figures the unions publish, for the home page. */
    async getDirectoryStats() {
      const [row] = await sequelize.query<{
        cooperatives: number;
        provinces: number;
        members: number | null;
      }>(
        `SELECT COUNT(*) AS cooperatives, COUNT(DISTINCT province_code) AS provinces, SUM(member_count) AS members
         FROM cooperatives WHERE status = 'approved'`,
        { type: QueryTypes.SELECT },
      );
      const sectors = await sequelize.query<{ sector: Sector; n: number }>(
        `SELECT s.sector AS sector, COUNT(*) AS n FROM cooperative_sectors s
         JOIN cooperatives c ON c.id = s.cooperative_id WHERE c.status = 'approved' GROUP BY s.sector`,
        { type: QueryTypes.SELECT },
      );
      return {
        cooperatives: Number(row?.cooperatives ?? 0),
        provinces: Number(row?.provinces ?? 0),
        members: Number(row?.members ?? 0),
        sectors: sectors.map((s) => ({ sector: s.sector, count: Number(s.n) })),
      };
    },
  };
}

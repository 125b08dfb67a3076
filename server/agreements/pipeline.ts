import { Op, fn, col, type WhereOptions } from "sequelize";
import { z } from "zod";
import type { CurrentUser } from "../accounts/current-user";
import { OPEN_PIPELINE_STATUSES, PIPELINE_STATUSES, type AgreementStatus } from "../vocabulary/domain";
import { blankToUndefined, checkbox, optionalDate, wholeNumber } from "../fields";
import { parseOrInvalid } from "../validation";
import { vietnamDay } from "../vocabulary/dates";
import { CATEGORIES } from "../vocabulary/domain";
import { isProvinceCode } from "../vocabulary/geo";
import { foldVietnamese } from "../vocabulary/text";
import { AGREEMENT_TYPES } from "./content";
import { assertStaff, type AgreementKit } from "./kit";

export const PIPELINE_PAGE_SIZE = 50;
/** The most rows an export holds: a union's whole year, with room to spare. */
export const PIPELINE_EXPORT_LIMIT = 20_000;

const optionalId = z.preprocess(blankToUndefined, wholeNumber(1, 2 ** 31 - 1).optional());
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(blankToUndefined, z.enum(values).optional());

/** The staff list's filters, from the query string. Unknown or malformed values are refused, not ignored. */
export const pipelineQuerySchema = z.object({
  province: z.preprocess(blankToUndefined, z.string().refine(isProvinceCode, "choose_one").optional()),
  status: optionalEnum(PIPELINE_STATUSES),
  method: optionalEnum(["platform", "paper"] as const),
  type: optionalEnum(AGREEMENT_TYPES),
  category: optionalEnum(CATEGORIES),
  cooperative: optionalId,
  organisation: optionalId,
  conference: optionalId,
  from: optionalDate,
  to: optionalDate,
  overdue: checkbox,
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  page: z.preprocess(blankToUndefined, wholeNumber(1, 10_000).optional()),
});
export type PipelineQuery = z.output<typeof pipelineQuerySchema>;

/**
 * The union staff's list of sealed agreements: filtered within their union's province (national staff choose any
 * or all), counted and summed per pipeline stage, a page at a time or whole for an export. It reads only the
 * agreements table and the names of parties: the figures a list needs are kept on each agreement.
 */
/** What a list shows of each agreement: its figures and the names of its parties, read in three queries. */
export async function pipelineRows(
  models: AgreementKit["models"],
  agreements: InstanceType<AgreementKit["models"]["Agreement"]>[],
  today: string,
) {
  const [cooperatives, buyers, organisations] = await Promise.all([
    models.Cooperative.findAll({
      where: { id: [...new Set(agreements.map((a) => a.cooperativeId))] },
      attributes: ["id", "name", "slug"],
    }),
    models.User.findAll({
      where: { id: [...new Set(agreements.map((a) => a.buyerId))] },
      attributes: ["id", "fullName"],
    }),
    models.Organisation.findAll({
      where: {
        id: [...new Set(agreements.map((a) => a.buyerOrganisationId).filter((x): x is number => x !== null))],
      },
      attributes: ["id", "name"],
    }),
  ]);
  const byId = <T extends { id: number }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  const coops = byId(cooperatives);
  const people = byId(buyers);
  const orgs = byId(organisations);
  return agreements.map((a) => ({
    publicId: a.publicId,
    status: a.status,
    method: a.method,
    type: a.type,
    category: a.category,
    provinceCode: a.provinceCode,
    cooperative: coops.get(a.cooperativeId)?.name ?? "",
    buyer:
      (a.buyerOrganisationId ? orgs.get(a.buyerOrganisationId)?.name : null) ??
      people.get(a.buyerId)?.fullName ??
      "",
    totalVnd: a.totalVnd,
    deliveredVnd: a.deliveredVnd,
    // Confirmed quantity over the agreed quantity, as on the agreement's page (fulfilment.ts).
    fulfilment: a.quantity > 0 ? Math.min(1, Math.floor((a.deliveredQuantity * 100) / a.quantity) / 100) : 0,
    sealedAt: a.sealedAt!.toISOString(),
    nextDueOn: a.nextDueOn,
    overdue:
      a.nextDueOn !== null &&
      a.nextDueOn < today &&
      (OPEN_PIPELINE_STATUSES as readonly string[]).includes(a.status),
  }));
}

export function pipelineUseCases(kit: AgreementKit) {
  const { models } = kit;

  function scopeOf(user: CurrentUser, query: PipelineQuery) {
    assertStaff(user);
    const locked = user.unionProvinceCode;
    return { province: locked ?? query.province ?? null, locked: locked !== null };
  }

  /** The filters as a WHERE, but for the stage: the list adds it, the stages' counts are over every stage. */
  async function whereOf(user: CurrentUser, query: PipelineQuery) {
    const scope = scopeOf(user, query);
    const today = vietnamDay(kit.now());
    const where: Record<string | symbol, unknown> = { sealedAt: { [Op.ne]: null } };
    const and: WhereOptions[] = [];
    if (scope.province) where.provinceCode = scope.province;
    if (query.method) where.method = query.method;
    if (query.type) where.type = query.type;
    if (query.category) where.category = query.category;
    if (query.cooperative) where.cooperativeId = query.cooperative;
    if (query.organisation) where.buyerOrganisationId = query.organisation;
    if (query.from) and.push({ sealedAt: { [Op.gte]: new Date(`${query.from}T00:00:00+07:00`) } });
    if (query.to)
      and.push({ sealedAt: { [Op.lt]: new Date(Date.parse(`${query.to}T00:00:00+07:00`) + 86_400_000) } });
    if (query.overdue) {
      where.nextDueOn = { [Op.lt]: today };
      and.push({ status: OPEN_PIPELINE_STATUSES });
    }
    if (query.q) {
      const words = foldVietnamese(query.q).split(/\s+/).filter(Boolean).slice(0, 6);
      for (const word of words) and.push({ searchText: { [Op.like]: `%${word.replace(/[%_\\]/g, "")}%` } });
    }
    if (query.conference) {
      const meetings = await models.ConferenceMeeting.findAll({
        where: { conferenceId: query.conference },
        attributes: ["id"],
      });
      where.meetingId = meetings.map((m) => m.id);
    }
    return { where: { ...where, [Op.and]: and }, scope, today };
  }

  /** Count and value per pipeline stage, every stage named (zero when empty). */
  async function stagesOf(where: WhereOptions) {
    const found = (await models.Agreement.findAll({
      where,
      attributes: ["status", [fn("COUNT", col("id")), "count"], [fn("SUM", col("total_vnd")), "value"]],
      group: ["status"],
      raw: true,
    })) as unknown as Array<{
      status: AgreementStatus;
      count: number | string;
      value: number | string | null;
    }>;
    return PIPELINE_STATUSES.map((status) => {
      const stage = found.find((s) => s.status === status);
      return { status, count: Number(stage?.count ?? 0), valueVnd: Number(stage?.value ?? 0) };
    });
  }

  return {
    /** A page of the list, the stages' counts and values (every status, the other filters applied), the scope. */
    async listPipeline(user: CurrentUser, input: Record<string, unknown>) {
      const query = parseOrInvalid(pipelineQuerySchema, input);
      const { where: allStages, scope, today } = await whereOf(user, query);
      const where = query.status ? { ...allStages, status: query.status } : allStages;
      const page = query.page ?? 1;
      const [{ rows, count }, stages] = await Promise.all([
        models.Agreement.findAndCountAll({
          where,
          order: [
            ["sealedAt", "DESC"],
            ["id", "DESC"],
          ],
          limit: PIPELINE_PAGE_SIZE,
          offset: (page - 1) * PIPELINE_PAGE_SIZE,
        }),
        stagesOf(allStages),
      ]);
      return {
        scope,
        query,
        stages,
        rows: await pipelineRows(models, rows, today),
        total: count,
        page,
        perPage: PIPELINE_PAGE_SIZE,
      };
    },

    /** The overview's figures, within the staff member's scope: each stage's count and value, and how many are overdue. */
    async pipelineSummary(user: CurrentUser) {
      const { where, today } = await whereOf(user, pipelineQuerySchema.parse({}));
      const [stages, overdue] = await Promise.all([
        stagesOf(where),
        models.Agreement.count({
          where: { ...where, nextDueOn: { [Op.lt]: today }, status: OPEN_PIPELINE_STATUSES },
        }),
      ]);
      return { stages, overdue };
    },

    /** Every row the filters select (up to the export limit), for CSV and XLSX. */
    async exportPipeline(user: CurrentUser, input: Record<string, unknown>) {
      const query = parseOrInvalid(pipelineQuerySchema, input);
      const { where: allStages, scope, today } = await whereOf(user, query);
      const where = query.status ? { ...allStages, status: query.status } : allStages;
      const rows = await models.Agreement.findAll({
        where,
        order: [
          ["sealedAt", "DESC"],
          ["id", "DESC"],
        ],
        limit: PIPELINE_EXPORT_LIMIT,
      });
      return { scope, rows: await pipelineRows(models, rows, today) };
    },

    /** What the filters offer: the cooperatives and buyer organisations with sealed agreements in scope, conferences. */
    async pipelineChoices(user: CurrentUser) {
      const scope = scopeOf(user, {} as PipelineQuery);
      const inScope = {
        sealedAt: { [Op.ne]: null },
        ...(scope.province ? { provinceCode: scope.province } : {}),
      };
      const [cooperativeIds, organisationIds] = await Promise.all(
        (["cooperativeId", "buyerOrganisationId"] as const).map(async (column) =>
          (
            await models.Agreement.findAll({
              where: { ...inScope, [column]: { [Op.ne]: null } },
              attributes: [
                [
                  fn(
                    "DISTINCT",
                    col(column === "cooperativeId" ? "cooperative_id" : "buyer_organisation_id"),
                  ),
                  column,
                ],
              ],
              raw: true,
            })
          ).map((r) => (r as unknown as Record<string, number>)[column]!),
        ),
      );
      const [cooperatives, organisations, conferences] = await Promise.all([
        models.Cooperative.findAll({
          where: { id: cooperativeIds! },
          attributes: ["id", "name"],
          order: [["name", "ASC"]],
        }),
        models.Organisation.findAll({
          where: { id: organisationIds! },
          attributes: ["id", "name"],
          order: [["name", "ASC"]],
        }),
        models.Conference.findAll({
          attributes: ["id", "nameVi"],
          order: [["startsOn", "DESC"]],
          limit: 100,
        }),
      ]);
      return {
        cooperatives: cooperatives.map((c) => ({ id: c.id, name: c.name })),
        organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
        conferences: conferences.map((c) => ({ id: c.id, name: c.nameVi })),
      };
    },
  };
}

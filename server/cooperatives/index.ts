import { QueryTypes, type Transaction } from "sequelize";
import { districtByCodes, provinceByCode } from "../vocabulary/geo";
import { foldVietnamese } from "../vocabulary/text";
import { syncChildRows } from "../db/child-rows";
import { freeSlug, isSlugRace } from "../db/slugs";
import type { AccountsService, CurrentUser, RequestMeta } from "../accounts";
import { recordAudit } from "../audit";
import type { Database } from "../db";
import type { EventPublisher } from "../events";
import type { Models } from "../db/models";
import type { CooperativeRecord, CooperativeStatus, Sector } from "../db/models/cooperatives";
import { Conflict, Forbidden, Invalid, isDomainError, NotFound } from "../errors";
import { processImage, type ImageStorage } from "../images";
import { enqueueNotification } from "../notifications";
import { parseOrInvalid } from "../validation";
import {
  cooperativeProfileSchema,
  directoryQuerySchema,
  reviewSchema,
  type CooperativeProfileInput,
} from "./schemas";
import { bankAccountSchema } from "../payments/schemas";

export const DIRECTORY_PAGE_SIZE = 12;

export interface CooperativeCard {
  id: number;
  slug: string;
  name: string;
  kind: string;
  province: { code: string; name: string };
  district: { code: string; name: string } | null;
  sectors: Sector[];
  memberCount: number | null;
  foundedYear: number | null;
  logoUrl: string | null;
  summary: string;
  /** Language the summary is written in: English pages fall back to the Vietnamese text. */
  summaryLang: "vi" | "en";
}

export interface CooperativeProfile extends CooperativeCard {
  address: string;
  description: string;
  descriptionLang: "vi" | "en";
  descriptionVi: string;
  descriptionEn: string | null;
  representative: string;
  phone: string;
  email: string | null;
  website: string | null;
  status: CooperativeStatus;
  rejectionReason: string | null;
  createdAt: string;
  reviewedAt: string | null;
}

function localized(vi: string, en: string | null, locale: string): [string, "vi" | "en"] {
  return locale === "en" && en ? [en, "en"] : [vi, "vi"];
}

function summarize(text: string, max = 180): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : max)}…`;
}

export function toCard(c: CooperativeRecord, locale: string): CooperativeCard {
  const province = provinceByCode(c.provinceCode);
  const district = districtByCodes(c.provinceCode, c.districtCode);
  const [text, lang] = localized(c.descriptionVi, c.descriptionEn, locale);
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    kind: c.kind,
    province: { code: c.provinceCode, name: province?.name ?? c.provinceCode },
    district: district ? { code: district.code, name: district.name } : null,
    sectors: (c.sectors ?? []).map((s) => s.sector).sort(),
    memberCount: c.memberCount,
    foundedYear: c.foundedYear,
    logoUrl: c.logoUrl,
    summary: summarize(text),
    summaryLang: lang,
  };
}

function toProfile(c: CooperativeRecord, locale: string): CooperativeProfile {
  const [description, descriptionLang] = localized(c.descriptionVi, c.descriptionEn, locale);
  return {
    ...toCard(c, locale),
    address: c.address,
    description,
    descriptionLang,
    descriptionVi: c.descriptionVi,
    descriptionEn: c.descriptionEn,
    representative: c.representative,
    phone: c.phone,
    email: c.email,
    website: c.website,
    status: c.status,
    rejectionReason: c.rejectionReason,
    createdAt: c.createdAt.toISOString(),
    reviewedAt: c.reviewedAt ? c.reviewedAt.toISOString() : null,
  };
}

function profileColumns(p: CooperativeProfileInput) {
  return {
    name: p.cooperativeName,
    // Folding can lengthen a name (a Korean syllable decomposes into three letters): the column holds 200.
    searchName: foldVietnamese(p.cooperativeName).slice(0, 200),
    kind: p.kind,
    provinceCode: p.provinceCode,
    districtCode: p.districtCode,
    address: p.address,
    foundedYear: p.foundedYear ?? null,
    memberCount: p.memberCount ?? null,
    descriptionVi: p.descriptionVi,
    descriptionEn: p.descriptionEn ?? null,
    representative: p.representative,
    phone: p.cooperativePhone,
    email: p.cooperativeEmail ?? null,
    website: p.website ?? null,
  };
}

async function replaceSectors(
  models: Models,
  transaction: Transaction,
  cooperativeId: number,
  sectors: Sector[],
) {
  await syncChildRows(models.CooperativeSector, transaction, { cooperativeId }, "sector", sectors);
}

/**
 * Create a cooperative owned by a user, inside the caller's transaction (registration creates the user in the
 * same one). New cooperatives wait for staff review.
 */
export async function createCooperative(
  models: Models,
  transaction: Transaction,
  profile: CooperativeProfileInput,
  ownerUserId: number,
  status: CooperativeStatus = "pending",
): Promise<CooperativeRecord> {
  const cooperative = await models.Cooperative.create(
    {
      ...profileColumns(profile),
      slug: await freeSlug(models.Cooperative, transaction, profile.cooperativeName, "htx"),
      status,
      logoUrl: null,
      rejectionReason: null,
      reviewedById: null,
      reviewedAt: null,
    },
    { transaction },
  );
  await replaceSectors(models, transaction, cooperative.id, profile.sectors);
  await models.CooperativeMember.create(
    { userId: ownerUserId, cooperativeId: cooperative.id, role: "owner" },
    { transaction },
  );
  await recordAudit(models, transaction, {
    actorId: ownerUserId,
    action: "cooperative.registered",
    entityType: "cooperative",
    entityId: cooperative.id,
    data: { name: cooperative.name, slug: cooperative.slug },
  });
  return cooperative;
}

export function createCooperativesService({
  db,
  storage,
  events,
  accounts,
}: {
  db: Database;
  storage: ImageStorage;
  events: EventPublisher;
  /** Opening a cooperative's account is opening an account that brings its cooperative with it. */
  accounts: Pick<AccountsService, "registerAccount">;
}) {
  const { models, sequelize } = db;
  const withSectors = [{ model: models.CooperativeSector, as: "sectors" }];

  async function membersOf(cooperativeId: number, transaction: Transaction) {
    return models.CooperativeMember.findAll({
      where: { cooperativeId },
      include: [{ model: models.User, as: "user" }],
      transaction,
    });
  }

  return {
    /**
     * A cooperative joins: its account and its profile in one transaction, pending until staff review it (staff are
     * told). Two cooperatives registering one name at once race for its slug; the loser's registration runs again.
     */
    register(input: Record<string, unknown>, meta: RequestMeta, presentedToken: string | null = null) {
      return accounts.registerAccount(input, meta, presentedToken, {
        role: "cooperative",
        schema: cooperativeProfileSchema,
        retryIf: isSlugRace,
        async within(transaction, user, profile) {
          const cooperative = await createCooperative(models, transaction, profile, user.id);
          const staff = await models.User.findAll({
            where: { role: "staff", disabledAt: null },
            transaction,
          });
          for (const s of staff) {
            await enqueueNotification(models, transaction, {
              userId: s.id,
              channel: "email",
              recipient: s.email,
              template: "cooperative_pending_review",
              params: { cooperative: cooperative.name, province: cooperative.provinceCode },
              locale: s.locale,
            });
          }
        },
      });
    },

    /** Public directory: approved cooperatives, filtered by province, sector and name, with facet counts. */
    async directory(rawQuery: unknown, locale: string) {
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
        ? await models.Cooperative.findAll({ where: { id: ids }, include: withSectors })
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
    async profile(slug: string, viewer: CurrentUser | null, locale: string): Promise<CooperativeProfile> {
      const c = await models.Cooperative.findOne({ where: { slug }, include: withSectors });
      if (!c) throw new NotFound("cooperative_not_found");
      const privileged = viewer?.role === "staff" || viewer?.cooperative?.id === c.id;
      if (c.status !== "approved" && !privileged) throw new NotFound("cooperative_not_found");
      return toProfile(c, locale);
    },

    async sitemapEntries() {
      const rows = await models.Cooperative.findAll({
        where: { status: "approved" },
        attributes: ["slug", "updatedAt"],
        order: [["id", "ASC"]],
      });
      return rows.map((r) => ({ slug: r.slug, updatedAt: r.updatedAt.toISOString() }));
    },

    async featured(limit: number, locale: string): Promise<CooperativeCard[]> {
      const rows = await models.Cooperative.findAll({
        where: { status: "approved" },
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
    async stats() {
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

    /** The member's own cooperative, whatever its status. */
    async forMember(user: CurrentUser, locale: string): Promise<CooperativeProfile> {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      const c = await models.Cooperative.findByPk(user.cooperative.id, { include: withSectors });
      if (!c) throw new NotFound("cooperative_not_found");
      return toProfile(c, locale);
    },

    /** A member edits the profile; a rejected cooperative that edits goes back into the review queue. */
    async updateProfile(user: CurrentUser, input: unknown): Promise<{ resubmitted: boolean }> {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      const cooperativeId = user.cooperative.id;
      const profile = parseOrInvalid(cooperativeProfileSchema, input);
      return db.transaction(async (transaction) => {
        const c = await models.Cooperative.findByPk(cooperativeId, {
          transaction,
          lock: transaction.LOCK.UPDATE,
        });
        if (!c) throw new NotFound("cooperative_not_found");
        const resubmitted = c.status === "rejected";
        await c.update(
          {
            ...profileColumns(profile),
            ...(resubmitted ? { status: "pending" as const, rejectionReason: null } : {}),
          },
          { transaction },
        );
        await replaceSectors(models, transaction, c.id, profile.sectors);
        await events.publish(transaction, "cooperative.changed", { cooperativeId: c.id });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: resubmitted ? "cooperative.resubmitted" : "cooperative.updated",
          entityType: "cooperative",
          entityId: c.id,
        });
        return { resubmitted };
      });
    },

    /** The account bank transfers for this cooperative's orders go to (shown to buyers with a VietQR code). */
    async bankAccount(user: CurrentUser) {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      const c = await models.Cooperative.findByPk(user.cooperative.id, {
        attributes: ["bankBin", "bankAccountNo", "bankAccountName"],
      });
      if (!c) throw new NotFound("cooperative_not_found");
      return { bankBin: c.bankBin, bankAccountNo: c.bankAccountNo, bankAccountName: c.bankAccountName };
    },

    async setBankAccount(user: CurrentUser, input: unknown) {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      const cooperativeId = user.cooperative.id;
      const account = parseOrInvalid(bankAccountSchema, input);
      await db.transaction(async (transaction) => {
        await models.Cooperative.update(
          {
            bankBin: account.bankBin ?? null,
            bankAccountNo: account.bankAccountNo ?? null,
            bankAccountName: account.bankAccountName ?? null,
          },
          { where: { id: cooperativeId }, transaction },
        );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "cooperative.bank_account_updated",
          entityType: "cooperative",
          entityId: cooperativeId,
          data: { bankBin: account.bankBin ?? null },
        });
      });
    },

    /** A member uploads the cooperative's logo: checked and normalised by the image pipeline, square-cropped. */
    async setLogo(user: CurrentUser, file: Buffer | undefined) {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      if (!file) throw new Invalid({ logo: { code: "choose_image" } });
      let logoUrl: string;
      try {
        const image = await processImage(file, storage, { widths: [256], folder: "logos", crop: "square" });
        logoUrl = image.variants.find((v) => v.format === "webp")?.url ?? image.variants[0]!.url;
      } catch (error) {
        if (isDomainError(error) && error.status === 400)
          throw new Invalid({ logo: { code: error.code, params: error.params } });
        throw error;
      }
      const cooperativeId = user.cooperative.id;
      await db.transaction(async (transaction) => {
        await models.Cooperative.update({ logoUrl }, { where: { id: cooperativeId }, transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "cooperative.logo_updated",
          entityType: "cooperative",
          entityId: cooperativeId,
        });
      });
      return { logoUrl };
    },

    /** Staff review queue and the other lists of the console. */
    async reviewList(status: CooperativeStatus, locale: string) {
      const rows = await models.Cooperative.findAll({
        where: { status },
        include: withSectors,
        order: [["createdAt", status === "pending" ? "ASC" : "DESC"]],
        limit: 200,
      });
      return rows.map((r) => toProfile(r, locale));
    },

    async countsByStatus(): Promise<Record<CooperativeStatus, number>> {
      const rows = (await models.Cooperative.count({ group: ["status"] })) as unknown as Array<{
        status: CooperativeStatus;
        count: number;
      }>;
      const out: Record<CooperativeStatus, number> = { pending: 0, approved: 0, rejected: 0 };
      for (const r of rows) out[r.status] = Number(r.count);
      return out;
    },

    /**
     * Staff approve or reject a pending cooperative. The status changes only from pending (a conditional
     * update), so two staff members deciding at once cannot both win.
     */
    async review(staff: CurrentUser, cooperativeId: number, input: unknown) {
      if (staff.role !== "staff") throw new Forbidden();
      const decision = parseOrInvalid(reviewSchema, input);
      return db.transaction(async (transaction) => {
        const status = decision.decision === "approve" ? "approved" : "rejected";
        const [changed] = await models.Cooperative.update(
          {
            status,
            rejectionReason: decision.decision === "reject" ? decision.reason : null,
            reviewedById: staff.id,
            reviewedAt: new Date(),
          },
          { where: { id: cooperativeId, status: "pending" }, transaction },
        );
        if (changed === 0) {
          const exists = await models.Cooperative.findByPk(cooperativeId, {
            transaction,
            attributes: ["id"],
          });
          if (!exists) throw new NotFound("cooperative_not_found");
          throw new Conflict("already_reviewed");
        }
        const c = (await models.Cooperative.findByPk(cooperativeId, { transaction }))!;
        await events.publish(transaction, "cooperative.changed", { cooperativeId });
        await recordAudit(models, transaction, {
          actorId: staff.id,
          action: `cooperative.${status}`,
          entityType: "cooperative",
          entityId: cooperativeId,
          data: decision.decision === "reject" ? { reason: decision.reason } : {},
        });
        for (const member of await membersOf(cooperativeId, transaction)) {
          const user = (
            member as unknown as { user: { id: number; email: string; locale: string; fullName: string } }
          ).user;
          await enqueueNotification(models, transaction, {
            userId: user.id,
            channel: "email",
            recipient: user.email,
            template: `cooperative_${status}`,
            params: { name: user.fullName, cooperative: c.name, reason: c.rejectionReason ?? "" },
            locale: user.locale,
          });
        }
        return { status, slug: c.slug };
      });
    },
  };
}

export type CooperativesService = ReturnType<typeof createCooperativesService>;

export interface CooperativeContact {
  id: number;
  name: string;
  slug: string;
  bank: { bin: string; accountNo: string; accountName: string } | null;
  /** Where order notifications go: the cooperative's address, else its owners'. */
  recipients: Array<{ userId: number | null; email: string; locale: string }>;
}

/** What orders need to know about the cooperatives they are placed with: payment account and who to notify. */
export async function cooperativeContacts(
  db: Database,
  ids: number[],
  transaction?: Transaction,
): Promise<Map<number, CooperativeContact>> {
  if (ids.length === 0) return new Map();
  const { models } = db;
  const rows = await models.Cooperative.findAll({ where: { id: ids }, transaction });
  const members = await models.CooperativeMember.findAll({
    where: { cooperativeId: ids },
    include: [{ model: models.User, as: "user" }],
    transaction,
  });
  return new Map(
    rows.map((c) => {
      const owners = members
        .filter((m) => m.cooperativeId === c.id)
        .map((m) => (m as typeof m & { user?: { id: number; email: string; locale: string } }).user)
        .filter((u): u is { id: number; email: string; locale: string } => !!u);
      const recipients = c.email
        ? [{ userId: owners[0]?.id ?? null, email: c.email, locale: owners[0]?.locale ?? "vi" }]
        : owners.map((u) => ({ userId: u.id, email: u.email, locale: u.locale }));
      return [
        c.id,
        {
          id: c.id,
          name: c.name,
          slug: c.slug,
          bank:
            c.bankBin && c.bankAccountNo && c.bankAccountName
              ? { bin: c.bankBin, accountNo: c.bankAccountNo, accountName: c.bankAccountName }
              : null,
          recipients,
        },
      ];
    }),
  );
}

/**
 * Write one notification per person a cooperative is reached at, in each one's language: `params` gets the
 * recipient's locale for what must be written in it (amounts, dates, names that exist in both languages).
 */
export async function notifyCooperativeContacts(
  models: Database["models"],
  transaction: Transaction,
  contact: CooperativeContact | undefined,
  template: string,
  params: (locale: string) => Record<string, string>,
) {
  for (const r of contact?.recipients ?? [])
    await enqueueNotification(models, transaction, {
      userId: r.userId,
      channel: "email",
      recipient: r.email,
      template,
      locale: r.locale,
      params: { cooperative: contact!.name, ...params(r.locale) },
    });
}

import { createHash } from "node:crypto";
import { Op } from "sequelize";
import { addMonths } from "../server/catalogue";
import { productColumns } from "../server/catalogue/product-columns";
import { productSchema } from "../server/catalogue/schemas";
import { canonicalContent } from "../server/agreements/content";
import type { Container } from "../server/context";
import { vietnamDay } from "../server/vocabulary/dates";
import { OCOP_VALIDITY_MONTHS, type Sector } from "../server/vocabulary/domain";
import { foldVietnamese, slugify } from "../server/vocabulary/text";
import { syntheticCooperative, syntheticProduct } from "./synthetic";
import {
  syntheticAgreement,
  syntheticBuyer,
  type AgreementBuyer,
  type AgreementCooperative,
} from "./synthetic-agreements";
import { seedSyntheticActivity } from "./synthetic-activity";

/** How much of each to have: the run adds what is missing up to these counts. */
export interface SyntheticSizes {
  seed: number;
  cooperatives: number;
  products: number;
  buyers: number;
  agreements: number;
  orders: number;
  fairs: number;
  conferences: number;
}

export type SyntheticPart = Exclude<keyof SyntheticSizes, "seed">;

/**
 * The sizes a union-scale run gets for what it was not told: a few hundred buyers for the agreements (at least
 * 20), and as many marketplace orders as agreements, eight trade fairs and three conferences a year over the
 * three years, so that every figure of the staff dashboard has rows behind it.
 */
export function syntheticSizes(given: Partial<SyntheticSizes>): SyntheticSizes {
  const agreements = given.agreements ?? 0;
  const trading = agreements > 0 || (given.orders ?? 0) > 0;
  return {
    seed: given.seed ?? 42,
    cooperatives: given.cooperatives ?? 1000,
    products: given.products ?? 0,
    buyers: given.buyers ?? (trading ? Math.min(400, Math.max(20, Math.ceil(agreements / 50))) : 0),
    agreements,
    orders: given.orders ?? agreements,
    fairs: given.fairs ?? (agreements > 0 ? 24 : 0),
    conferences: given.conferences ?? (agreements > 0 ? 9 : 0),
  };
}

export interface SeedProgress {
  (part: SyntheticPart, done: number, total: number): void;
}

export interface SeedOptions {
  /** The run's clock: the synthetic history ends here. */
  now?: Date;
  progress?: SeedProgress;
}

/** Rows per bulkCreate, each batch in its own transaction. */
export const SYNTHETIC_BATCH = 500;
const DAY = 86_400_000;

/** The synthetic cooperatives of a seed, as agreements, orders and bookings pick them (in id order). */
export async function syntheticCooperatives(db: Container["db"], seed: number, limit?: number) {
  const { Cooperative, CooperativeSector } = db.models;
  return Cooperative.findAll({
    where: { slug: { [Op.like]: `%-s${seed}` } },
    include: [{ model: CooperativeSector, as: "sectors" }],
    order: [["id", "ASC"]],
    limit,
  });
}

/** The synthetic buyers of a seed, with their organisations, in id order. */
export async function syntheticBuyers(db: Container["db"], seed: number, limit?: number) {
  const { User, Organisation } = db.models;
  const users = await User.findAll({
    where: { email: { [Op.like]: `nguoimua%.s${seed}@synthetic.example` }, role: "buyer" },
    order: [["id", "ASC"]],
    limit,
  });
  const organisations = new Map(
    (
      await Organisation.findAll({
        where: { id: users.map((u) => u.organisationId).filter((id): id is number => id !== null) },
      })
    ).map((o) => [o.id, o]),
  );
  return users.map((u): AgreementBuyer => {
    const o = u.organisationId === null ? undefined : organisations.get(u.organisationId);
    return {
      id: u.id,
      email: u.email,
      fullName: u.fullName,
      phone: u.phone ?? "",
      organisationId: u.organisationId,
      organisation: o
        ? {
            name: o.name,
            kind: o.kind,
            taxCode: o.taxCode ?? "",
            provinceCode: o.provinceCode ?? "01",
            wardCode: o.wardCode ?? "",
            address: o.address ?? "",
          }
        : null,
    };
  });
}

/**
 * Adds deterministic synthetic data (the same seed gives the same rows) for benchmarks and load tests, in batches
 * of SYNTHETIC_BATCH rows, each batch in its own transaction: approved cooperatives joined over the last three
 * years, their active products, buyers (three in four for an organisation), sealed agreements in every pipeline
 * state with their content and deliveries, then marketplace orders, trade fairs with their bookings and
 * conferences with their meetings (seeds/synthetic-activity.ts). Rows already there (by slug, SKU, e-mail, public
 * id or code) are kept: re-running adds only what is missing. Not the search index: the caller rebuilds it.
 */
export async function seedSynthetic(
  container: Pick<Container, "db">,
  sizes: SyntheticSizes,
  options: SeedOptions = {},
) {
  const { db } = container;
  const { Cooperative, CooperativeSector, Product, ProductCertification, ProductOcop } = db.models;
  const { User, Organisation, Agreement, AgreementVersion, AgreementDelivery } = db.models;
  const now = options.now ?? new Date();
  const progress: SeedProgress = options.progress ?? (() => undefined);
  const { seed } = sizes;
  const suffix = `-s${seed}`;
  const added: Record<SyntheticPart, number> = {
    cooperatives: 0,
    products: 0,
    buyers: 0,
    agreements: 0,
    orders: 0,
    fairs: 0,
    conferences: 0,
  };
  let skipped = 0;
  const batches = async <T>(
    part: SyntheticPart,
    count: number,
    run: (from: number, to: number) => Promise<T>,
  ) => {
    for (let from = 0; from < count; from += SYNTHETIC_BATCH) {
      const to = Math.min(count, from + SYNTHETIC_BATCH);
      await run(from, to);
      progress(part, to, count);
    }
  };
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
  /** An instant `daysAgo` days before the run, at a working hour of that day. */
  const daysBefore = (daysAgo: number, fraction = 0.5) =>
    new Date(Math.floor((now.getTime() - daysAgo * DAY) / DAY) * DAY + 3_600_000 + fraction * 9 * 3_600_000);

  // ---- cooperatives -----------------------------------------------------------------------------------------
  await batches("cooperatives", sizes.cooperatives, async (from, to) => {
    const all = range(from, to).map((i) => syntheticCooperative(seed, i));
    const slugOf = (c: (typeof all)[number]) => `${slugify(c.name)}${suffix}`;
    const present = new Set(
      (await Cooperative.findAll({ attributes: ["slug"], where: { slug: all.map(slugOf) } })).map(
        (c) => c.slug,
      ),
    );
    const rows = all.filter((c) => !present.has(slugOf(c)));
    skipped += all.length - rows.length;
    if (rows.length === 0) return;
    await db.sequelize.transaction(async (transaction) => {
      const created = await Cooperative.bulkCreate(
        rows.map((c) => {
          const joined = daysBefore(c.joinedDaysAgo);
          return {
            slug: slugOf(c),
            name: c.name,
            searchName: foldVietnamese(c.name),
            kind: "cooperative" as const,
            provinceCode: c.provinceCode,
            wardCode: c.wardCode,
            address: "—",
            foundedYear: c.foundedYear,
            memberCount: c.memberCount,
            descriptionVi: c.descriptionVi,
            descriptionEn: c.descriptionEn,
            representative: c.representative,
            phone: c.phone,
            email: null,
            website: null,
            logoUrl: null,
            status: "approved" as const,
            rejectionReason: null,
            reviewedById: null,
            reviewedAt: joined,
            createdAt: joined,
            updatedAt: joined,
          };
        }),
        { transaction },
      );
      await CooperativeSector.bulkCreate(
        created.flatMap((c, k) => rows[k]!.sectors.map((sector) => ({ cooperativeId: c.id, sector }))),
        { transaction },
      );
    });
    added.cooperatives += rows.length;
  });

  // ---- products ---------------------------------------------------------------------------------------------
  const coops = sizes.products > 0 || sizes.agreements > 0 ? await syntheticCooperatives(db, seed) : [];
  if ((sizes.products > 0 || sizes.agreements > 0) && coops.length === 0)
    throw new Error(`no synthetic cooperatives of seed ${seed}: ask for some with --cooperatives`);
  await batches("products", sizes.products, async (from, to) => {
    const all = range(from, to).map((i) => {
      const coop = coops[i % coops.length]!;
      return {
        coop,
        p: syntheticProduct(
          seed,
          i,
          (coop.sectors ?? []).map((s) => s.sector),
        ),
      };
    });
    const present = new Set(
      (await Product.findAll({ attributes: ["sku"], where: { sku: all.map((x) => x.p.sku) } })).map(
        (p) => p.sku,
      ),
    );
    const rows = all.filter((x) => !present.has(x.p.sku));
    skipped += all.length - rows.length;
    if (rows.length === 0) return;
    await db.sequelize.transaction(async (transaction) => {
      const created = await Product.bulkCreate(
        rows.map(({ coop, p }) => {
          const listed = new Date(
            coop.createdAt.getTime() + Math.floor(p.listedAt * (now.getTime() - coop.createdAt.getTime())),
          );
          return {
            ...productColumns(
              productSchema.parse({
                ...p,
                status: "active",
                originProvinceCode: coop.provinceCode,
                harvestMonths: [],
              }),
            ),
            cooperativeId: coop.id,
            slug: `${slugify(p.nameVi)}-${p.sku.toLowerCase()}`,
            createdAt: listed,
            updatedAt: listed,
          };
        }),
        { transaction },
      );
      await ProductCertification.bulkCreate(
        created.flatMap((c, k) =>
          rows[k]!.p.certifications.map((certification) => ({ productId: c.id, certification })),
        ),
        { transaction },
      );
      await ProductOcop.bulkCreate(
        created.flatMap((c, k) => {
          const o = rows[k]!.p.ocop;
          return o
            ? [
                {
                  productId: c.id,
                  stars: o.stars,
                  certificateNo: `OCOP-SYN-${c.id}`,
                  issuedOn: o.issuedOn,
                  expiresOn: addMonths(o.issuedOn, OCOP_VALIDITY_MONTHS),
                },
              ]
            : [];
        }),
        { transaction },
      );
    });
    added.products += rows.length;
  });

  // ---- buyers -----------------------------------------------------------------------------------------------
  await batches("buyers", sizes.buyers, async (from, to) => {
    const all = range(from, to).map((i) => syntheticBuyer(seed, i));
    const present = new Set(
      (await User.findAll({ attributes: ["email"], where: { email: all.map((b) => b.email) } })).map(
        (u) => u.email,
      ),
    );
    const rows = all.filter((b) => !present.has(b.email));
    skipped += all.length - rows.length;
    if (rows.length === 0) return;
    await db.sequelize.transaction(async (transaction) => {
      const withOrganisation = rows.filter((b) => b.organisation);
      const organisations = await Organisation.bulkCreate(
        withOrganisation.map((b) => ({
          ...b.organisation!,
          createdAt: daysBefore(b.joinedDaysAgo),
          updatedAt: daysBefore(b.joinedDaysAgo),
        })),
        { transaction },
      );
      const organisationOf = new Map(withOrganisation.map((b, k) => [b.email, organisations[k]!.id]));
      await User.bulkCreate(
        rows.map((b) => {
          const joined = daysBefore(b.joinedDaysAgo);
          return {
            email: b.email,
            // Nobody logs in as a synthetic buyer: not a password hash, so no password opens the account.
            passwordHash: "!synthetic",
            fullName: b.fullName,
            phone: b.phone,
            role: "buyer" as const,
            organisationId: organisationOf.get(b.email) ?? null,
            disabledAt: null,
            lastLoginAt: null,
            privacyConsentAt: joined,
            createdAt: joined,
            updatedAt: joined,
          };
        }),
        { transaction },
      );
    });
    added.buyers += rows.length;
  });

  // ---- sealed agreements, their content and deliveries --------------------------------------------------------
  const buyers =
    sizes.agreements > 0 || sizes.orders > 0 ? await syntheticBuyers(db, seed, sizes.buyers) : [];
  if (sizes.agreements > 0 && buyers.length === 0)
    throw new Error(`no synthetic buyers of seed ${seed}: ask for some with --buyers`);
  const pools = {
    cooperatives: coops.slice(0, sizes.cooperatives).map((c): AgreementCooperative => ({
      id: c.id,
      name: c.name,
      provinceCode: c.provinceCode,
      wardCode: c.wardCode ?? "",
      sectors: (c.sectors ?? []).map((s) => s.sector as Sector),
      representative: c.representative,
      phone: c.phone,
    })),
    buyers,
    today: vietnamDay(now),
  };
  await batches("agreements", sizes.agreements, async (from, to) => {
    const all = range(from, to).map((i) => syntheticAgreement(seed, i, pools));
    const present = new Set(
      (
        await Agreement.findAll({
          attributes: ["publicId"],
          where: { publicId: all.map((a) => a.agreement.publicId) },
        })
      ).map((a) => a.publicId),
    );
    const rows = all.filter((a) => !present.has(a.agreement.publicId));
    skipped += all.length - rows.length;
    if (rows.length === 0) return;
    const texts = rows.map((a) => canonicalContent(a.content));
    const hashes = texts.map((text) => createHash("sha256").update(text, "utf8").digest("hex"));
    await db.sequelize.transaction(async (transaction) => {
      const created = await Agreement.bulkCreate(
        rows.map((a, k) => ({
          ...a.agreement,
          matchId: null,
          meetingId: null,
          draftedBy: null,
          // The version's hash, so the tracking reads the sealed content; no seal, token or PDF (synthetic.ts).
          sealedHash: hashes[k]!,
        })),
        { transaction },
      );
      await AgreementVersion.bulkCreate(
        created.map((row, k) => ({
          agreementId: row.id,
          version: 1,
          content: texts[k]!,
          contentHash: hashes[k]!,
          authorId: rows[k]!.agreement.buyerId,
          side: "buyer" as const,
          note: null,
          createdAt: rows[k]!.agreement.createdAt,
        })),
        { transaction },
      );
      await AgreementDelivery.bulkCreate(
        created.flatMap((row, k) =>
          rows[k]!.deliveries.map((d) => ({ ...d, agreementId: row.id, note: null, photoUrl: null })),
        ),
        { transaction },
      );
    });
    added.agreements += rows.length;
  });

  // ---- orders, fairs and conferences ------------------------------------------------------------------------
  const activity = await seedSyntheticActivity(db, sizes, { now, progress, cooperatives: coops, buyers });
  added.orders += activity.added.orders;
  added.fairs += activity.added.fairs;
  added.conferences += activity.added.conferences;
  skipped += activity.skipped;
  return { added, skipped };
}

import { type Transaction } from "sequelize";
import { foldVietnamese } from "../vocabulary/text";
import { syncChildRows } from "../db/child-rows";
import { freeSlug } from "../db/slugs";
import { recordAudit } from "../audit";
import type { Models } from "../db/models";
import type { CooperativeRecord, CooperativeStatus, Sector } from "../db/models/cooperatives";
import { type CooperativeProfileInput } from "./schemas";

export function profileColumns(p: CooperativeProfileInput) {
  return {
    name: p.cooperativeName,
    // Folding can lengthen a name (a Korean syllable decomposes into three letters): the column holds 200.
    searchName: foldVietnamese(p.cooperativeName).slice(0, 200),
    kind: p.kind,
    provinceCode: p.provinceCode,
    wardCode: p.wardCode,
    // A saved ward confirms the address on the 2025 map: the former units are no longer shown.
    formerUnits: null,
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

export async function replaceSectors(
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

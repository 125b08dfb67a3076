import { randomBytes } from "node:crypto";
import { Op, UniqueConstraintError, type Model, type ModelStatic, type Transaction } from "sequelize";
import { slugify } from "../vocabulary/text";
import { attemptOf } from "./transaction";

/**
 * A slug for `name` that no row of `model` has yet ("mien-dong-na-ri", then "mien-dong-na-ri-2", …).
 * Free at the time of asking; the column's unique index settles a race between two writers, and the transaction
 * is run again (`retryIf: isSlugRace`). A rerun means others are allocating the same name right now, so it picks
 * at random among the next free numbers, and from the fourth run on adds a random tail: twenty writers of one
 * name all get a slug within a few runs instead of one of them winning per round.
 */
export async function freeSlug(
  model: ModelStatic<Model & { slug: string }>,
  transaction: Transaction,
  name: string,
  fallback: string,
): Promise<string> {
  // 140 leaves room for a "-12-a1b2c3" tail within the narrowest (160-character) slug column.
  const base = (slugify(name) || fallback).slice(0, 140).replace(/-+$/, "");
  const attempt = attemptOf(transaction);
  if (attempt >= 4) return `${base}-${randomBytes(3).toString("hex")}`;
  const taken = new Set(
    (
      await model.findAll({ attributes: ["slug"], where: { slug: { [Op.like]: `${base}%` } }, transaction })
    ).map((r) => r.slug),
  );
  const free: string[] = [];
  if (!taken.has(base)) free.push(base);
  for (let i = 2; free.length < 4 * attempt; i++) if (!taken.has(`${base}-${i}`)) free.push(`${base}-${i}`);
  return attempt === 1 ? free[0]! : free[Math.floor(Math.random() * free.length)]!;
}

/** The columns (SQLite) or the index names (MySQL: "slug", "products_cooperative_sku") a unique violation names. */
export function uniqueViolation(error: unknown): string[] | null {
  if (!(error instanceof UniqueConstraintError)) return null;
  const fields = error.fields as unknown;
  const names = Array.isArray(fields)
    ? fields.map(String)
    : fields && typeof fields === "object"
      ? Object.keys(fields)
      : [];
  return names;
}

/** A concurrent writer took the slug first: run the transaction again (it then takes another). */
export const isSlugRace = (error: unknown) =>
  uniqueViolation(error)?.some((f) => f.includes("slug")) ?? false;

import { Op, UniqueConstraintError, type Model, type ModelStatic, type Transaction } from "sequelize";
import { slugify } from "../../app/lib/text";

/**
 * A slug for `name` that no row of `model` has yet ("mien-dong-na-ri", then "mien-dong-na-ri-2", …).
 * Free at the time of asking; the column's unique index settles a race between two writers, and
 * `retryOnSlugRace` runs the loser's transaction again so it picks the next free slug.
 */
export async function freeSlug(
  model: ModelStatic<Model & { slug: string }>,
  transaction: Transaction,
  name: string,
  fallback: string,
): Promise<string> {
  const base = slugify(name) || fallback;
  const taken = new Set(
    (
      await model.findAll({ attributes: ["slug"], where: { slug: { [Op.like]: `${base}%` } }, transaction })
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
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

/**
 * Run a transaction that takes a fresh slug; when a concurrent writer took the same slug first, run it again (it
 * then sees the winner's slug and takes the next one). Each round one writer wins, hence the generous limit.
 */
export async function retryOnSlugRace<T>(work: () => Promise<T>, attempts = 10): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      const fields = uniqueViolation(error);
      if (!fields || !fields.some((f) => f.includes("slug")) || i >= attempts) throw error;
    }
  }
}

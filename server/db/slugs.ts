import { Op, type ModelStatic, type Transaction, type Model } from "sequelize";
import { slugify } from "../../app/lib/text";

/**
 * A slug for `name` that no row of `model` has yet ("mien-dong-na-ri", then "mien-dong-na-ri-2", …).
 * Free at the time of asking; the column's unique index settles a race between two writers.
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

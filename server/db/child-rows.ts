import { Op, type Model, type ModelStatic, type Transaction, type WhereOptions } from "sequelize";

/**
 * Make a parent's child rows (a product's certifications, a cooperative's sectors) exactly `wanted`, by
 * difference: delete the ones no longer wanted, insert the new ones, leave the rest alone. Deleting everything
 * and inserting it again takes gap and insert-intention locks on every save; on MySQL two parents saved at once
 * deadlocked on each other's gaps. Duplicates in `wanted` count once.
 */
export async function syncChildRows<M extends Model, K extends string>(
  model: ModelStatic<M>,
  transaction: Transaction,
  parent: Record<string, number>,
  column: K,
  wanted: readonly string[],
): Promise<void> {
  const want = new Set(wanted);
  const have = new Set(
    (
      (await model.findAll({
        where: parent as WhereOptions,
        attributes: [column],
        raw: true,
        transaction,
      })) as unknown as Array<Record<K, string>>
    ).map((r) => r[column]),
  );
  const gone = [...have].filter((v) => !want.has(v));
  const added = [...want].filter((v) => !have.has(v));
  if (gone.length)
    await model.destroy({ where: { ...parent, [column]: { [Op.in]: gone } } as WhereOptions, transaction });
  if (added.length)
    await model.bulkCreate(
      added.map((v) => ({ ...parent, [column]: v }) as unknown as M["_creationAttributes"]),
      { transaction },
    );
}

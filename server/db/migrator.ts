import { Umzug, SequelizeStorage } from "umzug";
import type { Sequelize } from "sequelize";
import { migrations } from "./migrations";

export function createMigrator(sequelize: Sequelize, log?: (message: string) => void) {
  return new Umzug({
    migrations: migrations.map(([name, m]) => ({
      name,
      up: () => m.up(sequelize.getQueryInterface()),
      down: () => m.down(sequelize.getQueryInterface()),
    })),
    storage: new SequelizeStorage({ sequelize, tableName: "schema_migrations" }),
    logger: log
      ? {
          info: (m) => log(`migration ${JSON.stringify(m)}`),
          warn: () => {},
          error: () => {},
          debug: () => {},
        }
      : undefined,
  });
}

/**
 * Apply pending migrations; returns the names applied. On MySQL several instances may start at once: a named
 * lock, held by one pooled connection while the migrations run on others, lets one migrate and the rest wait
 * and then find nothing to do. (SQLite is one process's file.)
 */
export async function migrate(sequelize: Sequelize, log?: (message: string) => void): Promise<string[]> {
  const run = async () => (await createMigrator(sequelize, log).up()).map((m) => m.name);
  if (sequelize.getDialect() !== "mysql") return run();
  return sequelize.transaction(async (transaction) => {
    const [rows] = (await sequelize.query("SELECT GET_LOCK('htx_connect_migrations', 300) AS ok", {
      transaction,
    })) as [Array<{ ok: number | null }>, unknown];
    if (rows[0]?.ok !== 1) throw new Error("could not take the migration lock within 5 minutes");
    try {
      return await run();
    } finally {
      await sequelize.query("SELECT RELEASE_LOCK('htx_connect_migrations')", { transaction });
    }
  });
}

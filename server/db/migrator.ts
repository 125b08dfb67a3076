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

/** Apply pending migrations; returns the names applied. */
export async function migrate(sequelize: Sequelize, log?: (message: string) => void): Promise<string[]> {
  const applied = await createMigrator(sequelize, log).up();
  return applied.map((m) => m.name);
}

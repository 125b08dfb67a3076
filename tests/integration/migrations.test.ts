import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../server/db";
import { createMigrator, migrate } from "../../server/db/migrator";
import { loadConfig } from "../../server/config";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";

describe.each(DIALECTS)("migrations on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect);
  });
  afterAll(async () => c?.destroy());

  it("go all the way down and up again", async () => {
    const migrator = createMigrator(c.db.sequelize);
    const applied = (await migrator.executed()).map((m) => m.name);
    expect(applied.length).toBeGreaterThan(0);
    await migrator.down({ to: 0 });
    expect(await migrator.executed()).toEqual([]);
    expect(await migrate(c.db.sequelize)).toEqual(applied);
    expect(await migrate(c.db.sequelize)).toEqual([]);
  });

  it.runIf(dialect === "mysql")("let only one of several instances starting at once run them", async () => {
    const migrator = createMigrator(c.db.sequelize);
    await migrator.down({ to: 0 });
    const url = loadConfig({
      DATABASE_URL: c.config.database.dialect === "mysql" ? c.config.database.url : "",
    }).database;
    const others: Database[] = await Promise.all([1, 2, 3].map(() => createDatabase(url)));
    try {
      const results = await Promise.all(others.map((db) => migrate(db.sequelize)));
      const all = await migrator.executed();
      expect(results.flat().sort()).toEqual(all.map((m) => m.name).sort());
      expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    } finally {
      await Promise.all(others.map((db) => db.close()));
    }
  });
});

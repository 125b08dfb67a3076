import { ConfigError, loadConfig } from "../config";
import { createDatabase } from "../db";
import { createMigrator } from "../db/migrator";

/** npm run db:migrate            apply pending migrations
 *  npm run db:migrate -- down    revert the last one */
async function main() {
  const config = loadConfig();
  const db = await createDatabase(config.database);
  const migrator = createMigrator(db.sequelize);
  const down = process.argv.includes("down");
  const done = down ? await migrator.down() : await migrator.up();
  console.log(
    done.length
      ? `${down ? "Reverted" : "Applied"}: ${done.map((m) => m.name).join(", ")}`
      : "Nothing to do: the schema is up to date.",
  );
  await db.close();
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

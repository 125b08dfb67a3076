import { seedDemoIfEmpty } from "../../seeds";
import { ConfigError, loadConfig } from "../config";
import { createDatabase } from "../db";
import { migrate } from "../db/migrator";

/** npm run db:seed — migrate, then load the demo data into an empty database. */
async function main() {
  const config = loadConfig();
  const db = await createDatabase(config.database);
  await migrate(db.sequelize);
  const seeded = await seedDemoIfEmpty({ db });
  console.log(
    seeded
      ? `Seeded ${seeded.cooperatives} cooperatives and ${seeded.users} demo accounts.`
      : "The database already has users: nothing seeded.",
  );
  await db.close();
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

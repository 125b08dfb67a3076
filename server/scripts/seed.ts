import { seedDemoIfEmpty } from "../../seeds";
import { ConfigError, loadConfig } from "../config";
import { createContainer } from "../context";

/** npm run db:seed — migrate, load the demo data into an empty database, and index it for search. */
async function main() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const container = await createContainer(config, { migrate: true });
  const seeded = await seedDemoIfEmpty(container);
  if (seeded) {
    const { indexed } = await container.reindex();
    console.log(
      `Seeded ${seeded.cooperatives} cooperatives, ${seeded.products} products (${indexed} searchable), ${seeded.orders} orders, ${seeded.fairs} trade fairs and ${seeded.users} demo accounts.`,
    );
  } else {
    console.log("The database already has users: nothing seeded.");
  }
  await container.close();
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

import { ConfigError, loadConfig } from "../config";
import { createContainer } from "../context";

/** npm run search:reindex — rebuild the whole search index from the database, with a progress bar. */
async function main() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const container = await createContainer(config, { migrate: true });
  const started = Date.now();
  const width = 30;
  const result = await container.reindex((done, total) => {
    const filled = total ? Math.round((done / total) * width) : width;
    process.stdout.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} products`);
  });
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `\nIndexed ${result.indexed} searchable of ${result.total} products into ${container.engine.name} in ${seconds.toFixed(1)} s.\n`,
  );
  await container.close();
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

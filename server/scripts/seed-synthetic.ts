import { parseArgs } from "node:util";
import { seedSynthetic, syntheticSizes, type SyntheticPart } from "../../seeds/synthetic-seed";
import { ConfigError, loadConfig } from "../config";
import { createContainer } from "../context";

/**
 * npm run seed:synthetic -- --cooperatives 5000 --products 100000 --agreements 20000 [--seed 42]
 *   [--buyers N] [--orders N] [--fairs N] [--conferences N]
 * Adds deterministic synthetic data for benchmarks and load tests (seeds/synthetic-seed.ts): approved cooperatives
 * and their active products, then — with --agreements — buyers, sealed agreements in every pipeline state with their
 * deliveries, marketplace orders, trade fairs with bookings and conferences with meetings over the last three
 * years, in batches, on the database DATABASE_URL names (SQLite by default). Rebuilds the search index when
 * products were asked for. Re-running with the same seed adds only what is missing.
 */
const LIMITS: Record<SyntheticPart, number> = {
  cooperatives: 1_000_000,
  products: 2_000_000,
  buyers: 100_000,
  agreements: 1_000_000,
  orders: 2_000_000,
  fairs: 1_000,
  conferences: 1_000,
};

async function main() {
  const { values } = parseArgs({
    options: {
      cooperatives: { type: "string", default: "1000" },
      products: { type: "string", default: "0" },
      buyers: { type: "string" },
      agreements: { type: "string", default: "0" },
      orders: { type: "string" },
      fairs: { type: "string" },
      conferences: { type: "string" },
      seed: { type: "string", default: "42" },
    },
  });
  const count = (part: SyntheticPart, min = 0) => {
    const text = values[part];
    if (text === undefined) return undefined;
    const n = Number(text.replace(/_/g, ""));
    if (!Number.isInteger(n) || n < min || n > LIMITS[part])
      throw new Error(`--${part} must be a whole number from ${min} to ${LIMITS[part]}`);
    return n;
  };
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 999_999)
    throw new Error("--seed must be a whole number from 0 to 999999");
  const sizes = syntheticSizes({
    seed,
    cooperatives: count("cooperatives", 1),
    products: count("products"),
    buyers: count("buyers"),
    agreements: count("agreements"),
    orders: count("orders"),
    fairs: count("fairs"),
    conferences: count("conferences"),
  });
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const container = await createContainer(config, { migrate: true });
  const started = Date.now();
  let last: SyntheticPart | null = null;
  const { added, skipped } = await seedSynthetic(container, sizes, {
    progress(part, done, total) {
      if (last !== null && last !== part) process.stdout.write("\n");
      last = part;
      process.stdout.write(`\r${done} / ${total} ${part}`);
    },
  });
  if (last !== null) process.stdout.write("\n");
  if (sizes.products > 0) {
    process.stdout.write("Rebuilding the search index…\n");
    const result = await container.reindex();
    process.stdout.write(`${result.indexed} products searchable.\n`);
  }
  const summary = (Object.keys(added) as SyntheticPart[])
    .filter((part) => added[part] > 0)
    .map((part) => `${added[part]} ${part}`)
    .join(", ");
  process.stdout.write(
    `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: added ${summary || "nothing"}` +
      `${skipped ? ` (${skipped} were already there)` : ""}.\n`,
  );
  await container.close();
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error,
  );
  process.exit(1);
});

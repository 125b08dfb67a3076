import { parseArgs } from "node:util";
import { foldVietnamese, slugify } from "../../app/lib/text";
import { syntheticCooperative } from "../../seeds/synthetic";
import { ConfigError, loadConfig } from "../config";
import { createDatabase } from "../db";
import { migrate } from "../db/migrator";

/**
 * npm run seed:synthetic -- --cooperatives 5000 [--seed 42]
 * Adds deterministic synthetic cooperatives (approved) for benchmarks and load tests, in batches.
 * Products join this generator with the catalogue.
 */
async function main() {
  const { values } = parseArgs({
    options: { cooperatives: { type: "string", default: "1000" }, seed: { type: "string", default: "42" } },
  });
  const count = Number(values.cooperatives);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
    throw new Error("--cooperatives must be a whole number from 1 to 1000000");
  if (!Number.isInteger(seed)) throw new Error("--seed must be a whole number");
  const config = loadConfig();
  const db = await createDatabase(config.database);
  await migrate(db.sequelize);
  const { Cooperative, CooperativeSector } = db.models;
  const started = Date.now();
  const batch = 500;
  let skipped = 0;
  for (let from = 0; from < count; from += batch) {
    const all = Array.from({ length: Math.min(batch, count - from) }, (_, k) =>
      syntheticCooperative(seed, from + k),
    );
    const slugOf = (c: (typeof all)[number]) => `${slugify(c.name)}-s${seed}`;
    // Re-running with the same seed adds only what is missing.
    const present = new Set(
      (await Cooperative.findAll({ attributes: ["slug"], where: { slug: all.map(slugOf) } })).map(
        (c) => c.slug,
      ),
    );
    const rows = all.filter((c) => !present.has(slugOf(c)));
    skipped += all.length - rows.length;
    if (rows.length === 0) continue;
    await db.sequelize.transaction(async (transaction) => {
      const created = await Cooperative.bulkCreate(
        rows.map((c) => ({
          slug: slugOf(c),
          name: c.name,
          searchName: foldVietnamese(c.name),
          kind: "cooperative" as const,
          provinceCode: c.provinceCode,
          districtCode: c.districtCode,
          address: "—",
          foundedYear: c.foundedYear,
          memberCount: c.memberCount,
          descriptionVi: c.descriptionVi,
          descriptionEn: c.descriptionEn,
          representative: c.representative,
          phone: c.phone,
          email: null,
          website: null,
          logoUrl: null,
          status: "approved" as const,
          rejectionReason: null,
          reviewedById: null,
          reviewedAt: null,
        })),
        { transaction },
      );
      await CooperativeSector.bulkCreate(
        created.flatMap((c, k) => rows[k]!.sectors.map((sector) => ({ cooperativeId: c.id, sector }))),
        { transaction },
      );
    });
    process.stdout.write(`\r${Math.min(from + batch, count)} / ${count} cooperatives`);
  }
  process.stdout.write(
    `\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s${skipped ? ` (${skipped} were already there)` : ""}.\n`,
  );
  await db.close();
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error,
  );
  process.exit(1);
});

import { parseArgs } from "node:util";
import { Op } from "sequelize";
import { OCOP_VALIDITY_MONTHS } from "../vocabulary/domain";
import { foldVietnamese, slugify } from "../vocabulary/text";
import { syntheticCooperative, syntheticProduct } from "../../seeds/synthetic";
import { addMonths } from "../catalogue";
import { productColumns } from "../catalogue/product-columns";
import { productSchema } from "../catalogue/schemas";
import { ConfigError, loadConfig } from "../config";
import { createContainer } from "../context";

/**
 * npm run seed:synthetic -- --cooperatives 5000 --products 100000 [--seed 42]
 * Adds deterministic synthetic cooperatives (approved) and products (active) for benchmarks and load tests, in
 * batches, then rebuilds the search index. Re-running with the same seed adds only what is missing.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      cooperatives: { type: "string", default: "1000" },
      products: { type: "string", default: "0" },
      seed: { type: "string", default: "42" },
    },
  });
  const count = Number(values.cooperatives);
  const productCount = Number(values.products);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
    throw new Error("--cooperatives must be a whole number from 1 to 1000000");
  if (!Number.isInteger(productCount) || productCount < 0 || productCount > 2_000_000)
    throw new Error("--products must be a whole number from 0 to 2000000");
  if (!Number.isInteger(seed)) throw new Error("--seed must be a whole number");
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const container = await createContainer(config, { migrate: true });
  const { db } = container;
  const { Cooperative, CooperativeSector, Product, ProductCertification, ProductOcop } = db.models;
  const started = Date.now();
  const batch = 500;
  let skipped = 0;
  const suffix = `-s${seed}`;

  for (let from = 0; from < count; from += batch) {
    const all = Array.from({ length: Math.min(batch, count - from) }, (_, k) =>
      syntheticCooperative(seed, from + k),
    );
    const slugOf = (c: (typeof all)[number]) => `${slugify(c.name)}${suffix}`;
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
          wardCode: c.wardCode,
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
  if (count) process.stdout.write("\n");

  if (productCount > 0) {
    const coops = await Cooperative.findAll({
      where: { slug: { [Op.like]: `%${suffix}` } },
      include: [{ model: CooperativeSector, as: "sectors" }],
      order: [["id", "ASC"]],
    });
    for (let from = 0; from < productCount; from += batch) {
      const all = Array.from({ length: Math.min(batch, productCount - from) }, (_, k) => {
        const i = from + k;
        const coop = coops[i % coops.length]!;
        return {
          coop,
          p: syntheticProduct(
            seed,
            i,
            (coop.sectors ?? []).map((s) => s.sector),
          ),
        };
      });
      const present = new Set(
        (await Product.findAll({ attributes: ["sku"], where: { sku: all.map((x) => x.p.sku) } })).map(
          (p) => p.sku,
        ),
      );
      const rows = all.filter((x) => !present.has(x.p.sku));
      skipped += all.length - rows.length;
      if (rows.length === 0) continue;
      await db.sequelize.transaction(async (transaction) => {
        const created = await Product.bulkCreate(
          rows.map(({ coop, p }) => ({
            ...productColumns(
              productSchema.parse({
                ...p,
                status: "active",
                originProvinceCode: coop.provinceCode,
                harvestMonths: [],
              }),
            ),
            cooperativeId: coop.id,
            slug: `${slugify(p.nameVi)}-${p.sku.toLowerCase()}`,
          })),
          { transaction },
        );
        await ProductCertification.bulkCreate(
          created.flatMap((c, k) =>
            rows[k]!.p.certifications.map((certification) => ({ productId: c.id, certification })),
          ),
          { transaction },
        );
        await ProductOcop.bulkCreate(
          created.flatMap((c, k) => {
            const o = rows[k]!.p.ocop;
            return o
              ? [
                  {
                    productId: c.id,
                    stars: o.stars,
                    certificateNo: `OCOP-SYN-${c.id}`,
                    issuedOn: o.issuedOn,
                    expiresOn: addMonths(o.issuedOn, OCOP_VALIDITY_MONTHS),
                  },
                ]
              : [];
          }),
          { transaction },
        );
      });
      process.stdout.write(`\r${Math.min(from + batch, productCount)} / ${productCount} products`);
    }
    process.stdout.write("\nRebuilding the search index…\n");
    const result = await container.reindex();
    process.stdout.write(`${result.indexed} products searchable.\n`);
  }
  process.stdout.write(
    `Done in ${((Date.now() - started) / 1000).toFixed(1)} s${skipped ? ` (${skipped} were already there)` : ""}.\n`,
  );
  await container.close();
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error,
  );
  process.exit(1);
});

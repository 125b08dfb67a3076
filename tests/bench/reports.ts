/**
 * Reports benchmark: the union staff's dashboard (`services.reports.dashboard`) on a union-scale database built by
 * the same code as `npm run seed:synthetic` (seeds/synthetic-seed.ts), for national staff and for one province's
 * staff, over a year, next to baselines run in the same process on the same database: the pipeline list's first
 * page (`services.agreements.listPipeline`) and a one-row lookup by a unique key.
 *
 *   npx tsx tests/bench/reports.ts [--cooperatives 5000] [--products 100000] [--agreements 20000] [--seed 42]
 *        [--rounds 30] [--quick] [--sqlite-only | --mysql-only] [--explain] [--keep]
 *
 * SQLite always (a file in a temporary directory); MySQL/MariaDB too when MYSQL_URL is set (a fresh database,
 * dropped afterwards). Prints the load, the seeding time, then per dialect the timings (median, p95, max over
 * --rounds calls after warm-up), the SQL statements one call makes, and each statement of one dashboard call run on
 * its own (the slowest first; --explain adds their query plans). The 300 ms target is printed, never enforced: the
 * script always exits 0. See tests/bench/README.md.
 */
import { statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { QueryTypes, type QueryOptions } from "sequelize";
import { seedSynthetic, syntheticSizes, type SyntheticPart } from "../../seeds/synthetic-seed";
import type { CurrentUser } from "../../server/accounts/current-user";
import { provinceByCode } from "../../server/vocabulary/geo";
import { vietnamDay } from "../../server/vocabulary/dates";

// tests/support/db.ts says on import that MySQL tests are skipped; a benchmark has no MySQL tests to skip.
process.env.VITEST_QUIET_MYSQL ??= "1";
const { createTestContainer } = await import("../support/db");
type Bench = Awaited<ReturnType<typeof createTestContainer>>;

// ---- arguments --------------------------------------------------------------------------------------------

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const numberArgument = (name: string, fallback: number) =>
  Number((argument(name) ?? String(fallback)).replace(/_/g, ""));
const flag = (name: string) => process.argv.includes(`--${name}`);
const QUICK = flag("quick");
const SIZES = syntheticSizes({
  seed: numberArgument("seed", 42),
  cooperatives: numberArgument("cooperatives", QUICK ? 500 : 5_000),
  products: numberArgument("products", QUICK ? 10_000 : 100_000),
  agreements: numberArgument("agreements", QUICK ? 2_000 : 20_000),
});
const ROUNDS = numberArgument("rounds", 30);
const WARM_UP = 3;
const EXPLAIN = flag("explain");
const KEEP = flag("keep");
const TARGET_MS = 300;
const DIALECTS = (["sqlite", "mysql"] as const).filter((d) =>
  d === "sqlite" ? !flag("mysql-only") : !!process.env.MYSQL_URL && !flag("sqlite-only"),
);
if (flag("mysql-only") && !process.env.MYSQL_URL) {
  console.error(
    "--mysql-only needs MYSQL_URL (mysql://user@host:port/base): a database base_xxxx is made and dropped",
  );
  process.exit(2);
}

// ---- measuring --------------------------------------------------------------------------------------------

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—");
const thousands = (n: number) => n.toLocaleString("en");
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ");

/** Every statement the database is sent while `run` runs (nothing else runs meanwhile). */
async function statementsOf(c: Bench, run: () => Promise<unknown>) {
  const statements: string[] = [];
  const hook = "bench-count";
  c.db.sequelize.addHook("afterQuery", hook, (_: QueryOptions, query: object) => {
    // The SQL is on the query object once it has run (Sequelize's types leave it out), replacements inlined.
    const sql = (query as { sql?: unknown }).sql;
    statements.push(typeof sql === "string" ? sql : "?");
  });
  try {
    await run();
  } finally {
    c.db.sequelize.removeHook("afterQuery", hook);
  }
  return statements;
}

interface Timed {
  sorted: number[];
  statements: string[];
}
async function time(c: Bench, run: () => Promise<unknown>): Promise<Timed> {
  for (let k = 0; k < WARM_UP; k++) await run();
  const statements = await statementsOf(c, run);
  const runs: number[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    const t = performance.now();
    await run();
    runs.push(performance.now() - t);
  }
  return { sorted: runs.sort((a, b) => a - b), statements };
}

/** "agreements · province, method, type": the tables a statement reads and its first column names. */
function labelOf(sql: string) {
  const tables = [...new Set([...sql.matchAll(/\b(?:FROM|JOIN)\s+`?([a-z_]+)`?/gi)].map((m) => m[1]!))];
  const select = sql.slice(0, sql.search(/\bFROM\b/i));
  const aliases = [...select.matchAll(/\bAS\s+`?(\w+)`?/gi)].map((m) => m[1]!).slice(0, 3);
  return `${tables.join(" + ")}${aliases.length ? ` · ${aliases.join(", ")}` : ""}`;
}

// ---- the run ----------------------------------------------------------------------------------------------

const today = vietnamDay(new Date());
const year = Number(today.slice(0, 4));
const QUERY = { period: "year", year: String(year) };
console.log(
  `reports benchmark: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), Node ${process.version}, ` +
    `load average (1 / 5 / 15 min) at start ${load()}`,
);
console.log(
  `sizes: ${thousands(SIZES.cooperatives)} cooperatives, ${thousands(SIZES.products)} products, ` +
    `${thousands(SIZES.buyers)} buyers, ${thousands(SIZES.agreements)} sealed agreements, ` +
    `${thousands(SIZES.orders)} orders, ${SIZES.fairs} fairs, ${SIZES.conferences} conferences; seed ${SIZES.seed}; ` +
    `dashboard for the year ${year} (compared with ${year - 1}), ${ROUNDS} calls after ${WARM_UP} warm-up; ` +
    `${DIALECTS.join(" and ")}`,
);

const summary: Array<Record<string, string | number>> = [];
for (const dialect of DIALECTS) {
  console.log(`\n=== ${dialect === "sqlite" ? "SQLite" : "MySQL/MariaDB (MYSQL_URL)"} ===`);
  const c = await createTestContainer(dialect);
  const { models } = c.db;

  // -- the database, as seed:synthetic builds it (without the search index, which the dashboard does not read)
  const seedTimes = new Map<SyntheticPart, number>();
  const seedStarted = performance.now();
  let current: SyntheticPart | null = null;
  let partStarted = seedStarted;
  let lastTick = seedStarted;
  await seedSynthetic(c, SIZES, {
    // Called after each batch: a part starts where the one before it ended.
    progress(part) {
      const now = performance.now();
      if (part !== current) [current, partStarted] = [part, lastTick];
      seedTimes.set(part, (now - partStarted) / 1000);
      lastTick = now;
    },
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const sizeMb =
    dialect === "sqlite"
      ? (() => {
          const file = path.join(c.dataDir, "test.sqlite");
          const bytes = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
          return `${Math.round(bytes / 1024 / 1024)} MB`;
        })()
      : "—";
  const stages = await models.Agreement.count({ group: ["status"] });
  console.log(
    `seeded in ${seedSeconds.toFixed(1)} s (${[...seedTimes].map(([p, s]) => `${p} ${s.toFixed(1)} s`).join(", ")}); ` +
      `database ${sizeMb}; agreements by stage: ${stages.map((s) => `${String(s.status)} ${s.count}`).join(", ")}; ` +
      `${thousands(await models.AgreementDelivery.count())} deliveries`,
  );

  // -- staff: national, and the union of the province with the most agreements (the heaviest province scope)
  const [busiest] = (await c.db.sequelize.query(
    `SELECT province_code AS province, COUNT(*) AS n FROM agreements GROUP BY province_code ORDER BY n DESC LIMIT 1`,
    { type: QueryTypes.SELECT },
  )) as Array<{ province: string; n: number }>;
  const provinceCode = busiest!.province;
  const staffOf = async (email: string, unionProvinceCode: string | null): Promise<CurrentUser> => {
    const user = await models.User.create({
      email,
      // Nobody logs in: not a password hash.
      passwordHash: "!bench",
      fullName: "Cán bộ benchmark",
      phone: null,
      role: "staff",
      unionProvinceCode,
      organisationId: null,
      disabledAt: null,
      lastLoginAt: null,
    });
    return (await c.services.accounts.getCurrentUser({ userId: user.id }))!;
  };
  const national = await staffOf("canbo.quocgia@bench.example", null);
  const provincial = await staffOf("canbo.tinh@bench.example", provinceCode);
  const someAgreement = (await models.Agreement.findOne({
    order: [["id", "DESC"]],
    attributes: ["publicId"],
  }))!;
  const provinceName = provinceByCode(provinceCode)?.name ?? provinceCode;
  const inScope = await models.Agreement.count({ where: { provinceCode } });
  console.log(
    `province staff: ${provinceName} (${provinceCode}), ${thousands(inScope)} of the agreements; load average ${load()}`,
  );

  const cases = [
    { who: "national", user: national },
    { who: `province ${provinceCode}`, user: provincial },
  ];
  const rows: Array<Record<string, string | number>> = [];
  let dashboardStatements: string[] = [];
  for (const { who, user } of cases) {
    const dashboard = await time(c, () => c.services.reports.dashboard(user, QUERY));
    const pipeline = await time(c, () => c.services.agreements.listPipeline(user, {}));
    const lookup = await time(c, () =>
      models.Agreement.findOne({ where: { publicId: someAgreement.publicId }, attributes: ["id", "status"] }),
    );
    if (who === "national") dashboardStatements = dashboard.statements;
    const baseP95 = percentile(pipeline.sorted, 95);
    for (const [what, t] of [
      ["dashboard (year)", dashboard],
      ["pipeline list, page 1 (baseline)", pipeline],
      ["one row by unique key (baseline)", lookup],
    ] as const)
      rows.push({
        staff: who,
        call: what,
        statements: t.statements.length,
        "median ms": ms(percentile(t.sorted, 50)),
        "p95 ms": ms(percentile(t.sorted, 95)),
        "max ms": ms(t.sorted.at(-1) ?? NaN),
        "p95 vs pipeline list": `${(percentile(t.sorted, 95) / baseP95).toFixed(2)}×`,
      });
    summary.push({
      database: dialect,
      staff: who,
      "dashboard median ms": ms(percentile(dashboard.sorted, 50)),
      "dashboard p95 ms": ms(percentile(dashboard.sorted, 95)),
      statements: dashboard.statements.length,
      "pipeline list p95 ms": ms(baseP95),
      "p95 vs pipeline list": `${(percentile(dashboard.sorted, 95) / baseP95).toFixed(2)}×`,
      [`< ${TARGET_MS} ms`]: percentile(dashboard.sorted, 95) < TARGET_MS ? "met" : "NOT met",
    });
  }
  console.table(rows);

  // -- where a dashboard call's time goes: each of its statements on its own, slowest first
  const alone = [];
  for (const sql of dashboardStatements) {
    const runs: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      await c.db.sequelize.query(sql, { type: QueryTypes.SELECT });
      runs.push(performance.now() - t);
    }
    alone.push({
      sql,
      median: percentile(
        runs.sort((a, b) => a - b),
        50,
      ),
    });
  }
  alone.sort((a, b) => b.median - a.median);
  const total = alone.reduce((n, s) => n + s.median, 0);
  console.log(
    `\nthe national dashboard's ${alone.length} statements, each run alone (median of 5; ` +
      `${ms(total)} ms together, run one after another):`,
  );
  console.table(alone.map((s) => ({ statement: labelOf(s.sql), "median ms": ms(s.median) })));
  if (EXPLAIN)
    for (const s of alone.slice(0, 3)) {
      const plan = await c.db.sequelize.query(
        `${dialect === "sqlite" ? "EXPLAIN QUERY PLAN" : "EXPLAIN"} ${s.sql}`,
        { type: QueryTypes.SELECT },
      );
      console.log(`\n${labelOf(s.sql)} (${ms(s.median)} ms):\n${s.sql}`);
      console.table(plan);
    }

  if (KEEP) {
    await c.close();
    const kept =
      c.config.database.dialect === "mysql" ? c.config.database.url : path.join(c.dataDir, "test.sqlite");
    console.log(`\nthe database is kept: ${kept}`);
  } else await c.destroy();
}

console.log(
  `\n=== summary (peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB, load average at end ${load()}) ===`,
);
console.table(summary);
console.log(
  `Target: the dashboard answers in under ${TARGET_MS} ms at 5,000 cooperatives, 100,000 products and 20,000 ` +
    `agreements (printed only, never a failure)` +
    (SIZES.agreements >= 20_000 && SIZES.products >= 100_000 ? "." : "; this run is smaller."),
);

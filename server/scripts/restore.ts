import { parseArgs } from "node:util";
import path from "node:path";
import { ConfigError, loadConfig } from "../config";
import { createContainer } from "../context";
import { BackupError, EXIT, describeDatabase, formatKeyRows, restoreDatabase } from "../db/backup";

const USAGE = "Usage: npm run db:restore -- <backup file> [--force]";

/**
 * npm run db:restore -- <backup file> [--force]
 * Replaces the configured database (DATABASE_URL, DATA_DIR) with a backup made by db:backup, applies the
 * migrations this version has and the backup lacks, and rebuilds the search index. Refuses a database that holds
 * data (or, on MySQL, that others are connected to) unless --force, and a SQLite file a server has open always.
 * Exit codes: 0 done, 1 failed, 2 bad file, arguments or configuration, 3 refused, 4 no mariadb/mysql client.
 */
async function main() {
  const { values, positionals } = parseArgs({
    options: { force: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length !== 1) throw new BackupError(`Name one backup file. ${USAGE}`, EXIT.badInput);
  const file = path.resolve(positionals[0]!);
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const result = await restoreDatabase(config, file, { force: values.force ?? false });

  // The search index (a file under DATA_DIR, or Meilisearch) still describes the products that were replaced.
  const container = await createContainer(config);
  let indexed: { total: number; indexed: number };
  try {
    indexed = await container.reindex();
  } finally {
    await container.close();
  }
  const backupSchema = result.contents.migrations.at(-1) ?? "no migration";
  console.log(
    [
      `Restored ${file}`,
      `  into ${config.database.dialect === "sqlite" ? "SQLite" : "MySQL"} ${describeDatabase(config.database)}${result.replacedData ? " (the data it held was replaced)" : ""}`,
      result.applied.length
        ? `  the backup's schema was at ${backupSchema}; applied since: ${result.applied.join(", ")}`
        : `  schema at ${backupSchema}, this version's: no migration to apply`,
      `  search index rebuilt (${container.engine.name}): ${indexed.indexed} of ${indexed.total} products searchable`,
      `  ${formatKeyRows(result.rows)}`,
      `  Images are not in database backups: UPLOADS_DIR (${config.uploadsDir}) must hold the backup's files.`,
    ].join("\n"),
  );
}

main().catch((error) => {
  if (error instanceof BackupError) {
    console.error(`db:restore: ${error.message}`);
    process.exit(error.exitCode);
  }
  if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`db:restore: ${(error as Error).message}`);
    process.exit(EXIT.badInput);
  }
  console.error(error);
  process.exit(EXIT.failed);
});

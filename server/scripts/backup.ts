import { parseArgs } from "node:util";
import path from "node:path";
import { ConfigError, loadConfig } from "../config";
import {
  BackupError,
  EXIT,
  backupDatabase,
  describeDatabase,
  formatBytes,
  formatKeyRows,
} from "../db/backup";

const USAGE = "Usage: npm run db:backup [-- --dir <directory>]";

/**
 * npm run db:backup [-- --dir <directory>]
 * Backs up the database the server is configured with (DATABASE_URL, DATA_DIR) into DATA_DIR/backups, or the
 * directory given: SQLite online, while the server keeps running; MySQL/MariaDB with mariadb-dump or mysqldump,
 * gzip-compressed. Exit codes: 0 done, 1 failed, 2 bad arguments or configuration, 4 no dump program.
 */
async function main() {
  const { values, positionals } = parseArgs({
    options: { dir: { type: "string" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length > 1 || (positionals.length === 1 && values.dir))
    throw new BackupError(`One backup directory at most. ${USAGE}`, EXIT.badInput);
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const dir = path.resolve(values.dir ?? positionals[0] ?? path.join(config.dataDir, "backups"));
  const result = await backupDatabase(config.database, { dir });
  const tables = Object.keys(result.rows).length;
  const total = Object.values(result.rows).reduce((sum, n) => sum + n, 0);
  console.log(
    [
      `Backed up ${result.dialect === "sqlite" ? "SQLite" : "MySQL"} ${describeDatabase(config.database)}`,
      `  to ${result.file} (${formatBytes(result.bytes)})`,
      `  ${tables} tables, ${total} rows; schema at ${result.migrations.at(-1) ?? "no migration"}`,
      `  ${formatKeyRows(result.rows)}`,
    ].join("\n"),
  );
}

main().catch((error) => {
  if (error instanceof BackupError) {
    console.error(`db:backup: ${error.message}`);
    process.exit(error.exitCode);
  }
  if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`db:backup: ${(error as Error).message}`);
    process.exit(EXIT.badInput);
  }
  console.error(error);
  process.exit(EXIT.failed);
});

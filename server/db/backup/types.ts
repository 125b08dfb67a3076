import type { Config } from "../../config";

/** The shapes backups and restores share, their errors and exit codes (decision 0008). */
export type DatabaseConfig = Config["database"];

export type Dialect = DatabaseConfig["dialect"];

/** Tables whose row counts a backup or restore reports. */
export const KEY_TABLES = ["users", "cooperatives", "products", "orders", "booth_bookings"] as const;

/** What the scripts exit with, so cron jobs and runbooks can tell a refusal from a failure. */
export const EXIT = { failed: 1, badInput: 2, refused: 3, missingTool: 4 } as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected failure with a one-line message for the operator and the exit code the script returns. */
export class BackupError extends Error {
  override name = "BackupError";
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failed,
  ) {
    super(message);
  }
}

export interface BackupContents {
  dialect: Dialect;
  /** Every table in the backup, with its row count. */
  rows: Record<string, number>;
  /** The schema_migrations rows: which migrations the backed-up schema had. */
  migrations: string[];
}

export interface BackupResult extends BackupContents {
  file: string;
  bytes: number;
}

export interface RestoreResult {
  file: string;
  contents: BackupContents;
  /** The target held rows before (replaced because --force was given). */
  replacedData: boolean;
  /** Migrations this version had and the backup did not, applied right after restoring. */
  applied: string[];
  /** Key tables' row counts in the restored database. */
  rows: Record<string, number>;
}

export interface ToolOptions {
  /** Where the MySQL client programs are looked for; PATH by default. */
  searchPath?: string;
}

export type BackupFormat = "sqlite" | "sql.gz" | "sql";

export interface MysqlTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

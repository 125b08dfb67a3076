import { DatabaseConfig, KEY_TABLES } from "./types";

/** How the scripts print what they did. */
/** Where the database is, for messages: the SQLite path, or the MySQL URL without its password. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.dialect === "sqlite") return database.storage;
  const u = new URL(database.url);
  if (u.password) u.password = "***";
  return u.toString();
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** "users 12 · cooperatives 48 · …" for the key tables present. */
export function formatKeyRows(rows: Record<string, number>): string {
  return KEY_TABLES.filter((t) => t in rows)
    .map((t) => `${t} ${rows[t]}`)
    .join(" · ");
}

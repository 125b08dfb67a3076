import type { Sequelize } from "sequelize";

/** What one piece of work sent to the database: how many statements, and their SQL in order. */
export interface Statements {
  count: number;
  sql: string[];
}

let hooks = 0;

/**
 * Counts the SQL statements Sequelize sends while `act` runs (transaction BEGIN/COMMIT included: they are round
 * trips too). Everything sent meanwhile is counted, so run nothing else on the same Sequelize at the same time.
 * The embedded search engine's own SQLite file is not Sequelize's and is not counted here.
 */
export async function statementsOf(sequelize: Sequelize, act: () => Promise<unknown>): Promise<Statements> {
  const sql: string[] = [];
  const name = `tests.query-count.${++hooks}`;
  sequelize.addHook("afterQuery", name, (_options: unknown, query: unknown) => {
    sql.push((query as { sql?: string }).sql ?? "");
  });
  try {
    await act();
  } finally {
    sequelize.removeHook("afterQuery", name);
  }
  return { count: sql.length, sql };
}

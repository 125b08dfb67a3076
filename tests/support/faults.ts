/**
 * Faults to inject into a running app: a TCP proxy between the app and MySQL/MariaDB that can be cut and
 * restored, a SQLite file that can no longer be opened, a search engine that goes away, and a failure injected
 * at any one statement of a use case's transaction. Each is the real failure as the app meets it (a socket closed
 * or refused, SQLITE_CANTOPEN, SearchUnavailable, a statement that throws), not a stubbed service.
 */
import { mkdirSync, renameSync, rmdirSync } from "node:fs";
import type { Server } from "node:http";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { pino } from "pino";
import { QueryTypes, type Sequelize, type QueryOptions } from "sequelize";
import { createApp } from "../../server/http/app";
import {
  SearchUnavailable,
  type ProductDocument,
  type SearchEngine,
  type SearchQuery,
} from "../../server/search/types";
import type { TestContainer } from "./db";

/**
 * A TCP proxy in front of a database server. `cut()` is the database going away: every open connection is
 * destroyed and new ones are refused. `hold()` stalls what clients send (a query goes out and gets no answer),
 * at once or from a given statement on (a COMMIT), so a cut can land in the middle of a request or of a
 * transaction. `restore()` listens again on the same port.
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private holding = false;
  private holdFrom: Buffer | null = null;
  private heldBytes = 0;
  private heldWaiters: Array<() => void> = [];
  port = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.listen(0);
    return proxy;
  }

  /** The same URL with its host and port pointing at the proxy. */
  url(of: string): string {
    const u = new URL(of);
    u.hostname = "127.0.0.1";
    u.port = String(this.port);
    return u.toString();
  }

  private listen(port: number) {
    const server = net.createServer((client) => this.connect(client));
    this.server = server;
    return new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        this.port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  private connect(client: net.Socket) {
    const upstream = net.connect(this.target);
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(socket);
      socket.on("error", () => other.destroy());
      socket.on("close", () => {
        this.sockets.delete(socket);
        other.destroy();
      });
    }
    client.on("data", (chunk: Buffer) => {
      // mysql2 writes each statement as one packet, its SQL in plain text after a 5-byte header.
      if (this.holdFrom && chunk.includes(this.holdFrom)) this.holding = true;
      if (!this.holding) {
        upstream.write(chunk);
        return;
      }
      // Stalled, as on a network that stopped answering: the bytes never reach the server.
      this.heldBytes += chunk.length;
      for (const wake of this.heldWaiters.splice(0)) wake();
    });
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
  }

  /**
   * Stop passing on what clients send, until the next cut: at once, or from the first packet that contains
   * `from` (say "COMMIT": the transaction's statements have reached the server, its end has not).
   */
  hold(options: { from?: string } = {}) {
    this.heldBytes = 0;
    if (options.from) this.holdFrom = Buffer.from(options.from);
    else this.holding = true;
  }

  /** Resolves once a client has sent something that is being held (a query or a handshake is in flight). */
  async somethingHeld(): Promise<void> {
    if (this.heldBytes > 0) return;
    await new Promise<void>((resolve) => this.heldWaiters.push(resolve));
  }

  /** The database goes away: open connections are dropped, new ones refused. */
  async cut() {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.holding = false;
    this.holdFrom = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The database is back, at the same address. */
  async restore() {
    if (!this.server) await this.listen(this.port);
  }

  close() {
    return this.cut();
  }
}

/**
 * Run `work` (a test container or server being created) with MYSQL_URL pointing through the proxy, so the test
 * database is created there and the app's DATABASE_URL goes through it too (tests/support/db.ts reads MYSQL_URL
 * when it creates the database). The proxy must be up when the container is destroyed: it drops the database.
 */
export async function throughProxy<T>(proxy: TcpProxy, work: () => Promise<T>): Promise<T> {
  const saved = process.env.MYSQL_URL;
  if (!saved) throw new Error("MYSQL_URL is not set");
  process.env.MYSQL_URL = proxy.url(saved);
  try {
    return await work();
  } finally {
    process.env.MYSQL_URL = saved;
  }
}

/**
 * SQLite's file can no longer be opened, as when its volume is gone or the file was replaced by something else:
 * the file is moved aside and a directory takes its name (opening a directory fails with SQLITE_CANTOPEN, even
 * for root, who would ignore a chmod). Connections already open keep the file they had, as SQLite's always do.
 * Returns the way back.
 */
export function makeSqliteFileUnopenable(file: string): () => void {
  const aside = `${file}.aside`;
  renameSync(file, aside);
  mkdirSync(file);
  return () => {
    rmdirSync(file);
    renameSync(aside, file);
  };
}

/**
 * A search engine that can be switched off: while down, every call throws SearchUnavailable, as the Meilisearch
 * adapter does when it cannot reach its server. Otherwise it is the real engine underneath.
 */
export class SwitchableSearchEngine implements SearchEngine {
  down = false;
  constructor(private readonly inner: SearchEngine) {}

  get name() {
    return this.inner.name;
  }

  private async call<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (this.down) throw new SearchUnavailable(`${this.inner.name} ${what}: connect ECONNREFUSED`);
    return work();
  }

  ensureReady() {
    return this.call("ensureReady", () => this.inner.ensureReady());
  }
  upsert(documents: ProductDocument[]) {
    return this.call("upsert", () => this.inner.upsert(documents));
  }
  remove(ids: number[]) {
    return this.call("remove", () => this.inner.remove(ids));
  }
  reset() {
    return this.call("reset", () => this.inner.reset());
  }
  search(query: SearchQuery) {
    return this.call("search", () => this.inner.search(query));
  }
  count() {
    return this.call("count", () => this.inner.count());
  }
  close() {
    return this.inner.close();
  }
}

/** The failure injected at one statement. */
export class InjectedFault extends Error {
  override name = "InjectedFault";
}

/** Thrown at COMMIT when the injected statement was never reached: the sweep has passed every statement. */
class PastTheLastStatement extends Error {
  override name = "PastTheLastStatement";
}

const HOOK = "tests.faults.statement";

/**
 * Run `act` (one use case, one transaction) once for each statement of its transaction, failing that statement
 * (before it reaches the database) and calling `check(step)` after each failure: statement 1 is the transaction's
 * start, the last its COMMIT. The sweep ends when the run gets to COMMIT without reaching the statement chosen to
 * fail; that run is rolled back too (and checked), so `act` has still not happened when this returns. Returns the
 * SQL of that full run, to show which steps the sweep went through.
 */
export async function failEachStatement(
  sequelize: Sequelize,
  act: () => Promise<unknown>,
  check: (step: number, error: unknown) => Promise<void>,
): Promise<{ steps: number; statements: string[] }> {
  // Sequelize warns on the console when a COMMIT fails ("killing its connection"): that is the case under test.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!/^(Committing|Rolling back) transaction/.test(String(args[0]))) warn(...args);
  };
  try {
    for (let at = 1; ; at++) {
      let seen = 0;
      let fired = false;
      const statements: string[] = [];
      sequelize.addHook("beforeQuery", HOOK, (options: QueryOptions) => {
        if (!options.transaction) return;
        seen += 1;
        if (seen === at) {
          fired = true;
          throw new InjectedFault(`injected at statement ${at}`);
        }
        // The first statement that ends the transaction without an earlier failure is its COMMIT.
        if ((options as { completesTransaction?: boolean }).completesTransaction && !fired)
          throw new PastTheLastStatement();
      });
      sequelize.addHook("afterQuery", HOOK, (options: QueryOptions, query: object) => {
        // The SQL is on the query object once it has run (Sequelize's types leave it out).
        const sql = (query as { sql?: unknown }).sql;
        if (options.transaction && typeof sql === "string") statements.push(sql);
      });
      let outcome: unknown = null;
      try {
        await act();
      } catch (error) {
        outcome = error;
      } finally {
        sequelize.removeHook("beforeQuery", HOOK);
        sequelize.removeHook("afterQuery", HOOK);
      }
      if (outcome instanceof PastTheLastStatement) {
        await check(at, outcome);
        return { steps: at - 1, statements };
      }
      if (!(outcome instanceof InjectedFault)) {
        throw new Error(`statement ${at}: expected the injected failure, got ${String(outcome)}`, {
          cause: outcome,
        });
      }
      await check(at, outcome);
    }
  } finally {
    console.warn = warn;
  }
}

/**
 * Every row of every table, per table and in a stable order: two snapshots are equal when nothing at all was
 * written in between (what "nothing half-done" means).
 */
export async function snapshotDatabase(sequelize: Sequelize): Promise<Record<string, string[]>> {
  const mysql = sequelize.getDialect() !== "sqlite";
  const names = mysql
    ? (await sequelize.query<Record<string, string>>("SHOW TABLES", { type: QueryTypes.SELECT })).map(
        (r) => Object.values(r)[0]!,
      )
    : (
        await sequelize.query<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          { type: QueryTypes.SELECT },
        )
      ).map((r) => r.name);
  const quote = (name: string) => sequelize.getQueryInterface().quoteIdentifier(name);
  const out: Record<string, string[]> = {};
  for (const name of names.sort()) {
    const rows = await sequelize.query(`SELECT * FROM ${quote(name)}`, { type: QueryTypes.SELECT });
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** One JSON line of the app's log, as pino writes it. */
export interface LogLine {
  level: number;
  msg: string;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number };
  err?: { type: string; message: string; code?: string };
  [key: string]: unknown;
}

export interface LoggedServer {
  url: string;
  container: TestContainer;
  /** Everything the app logged, oldest first. */
  log: LogLine[];
  close(): Promise<void>;
}

/**
 * The real Express app and Remix build (as startTestServer serves them) over a container already made, with the
 * HTTP log kept in memory instead of silenced, to see how a failure was logged.
 */
export async function serveWithLog(container: TestContainer): Promise<LoggedServer> {
  const log: LogLine[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void log.push(JSON.parse(line)) });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const app = createApp({ ...container, logger }, { getBuild: async () => build });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    container,
    log,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await container.destroy();
    },
  };
}

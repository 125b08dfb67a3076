import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  freePort,
  isAlive,
  startChild,
  stopAll,
  waitUntil,
  type ChildApp,
  type LogLine,
} from "../support/processes";

/** A GET on a connection of its own: the cluster hands each new connection to the next process. */
function getOnNewConnection(url: string, requestId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { "x-request-id": requestId } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
  });
}

/**
 * `npm start` with WEB_CONCURRENCY=2 (server/main.ts, server/cluster.ts), as a real process tree on SQLite: the
 * primary prepares the database once and two processes serve one port. Which process answered is read from the
 * request log, where each process writes its pid.
 */
describe("WEB_CONCURRENCY=2: one port, two HTTP processes", () => {
  let dataDir: string;
  let app: ChildApp;
  let url: string;
  const listening = () => app.logs().filter((l) => l.msg === "HTX Connect is listening");
  /** The pids that logged the requests with these ids. */
  const answeredBy = async (ids: string[]) => {
    const lines = await waitUntil(app, "request log lines", () => {
      const found = app
        .logs()
        .filter((l): l is LogLine & { req: { id: string } } =>
          ids.includes((l.req as { id?: string })?.id ?? ""),
        );
      return found.length === ids.length && found;
    });
    return new Set(lines.map((l) => l.pid));
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "htx-cluster-"));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    app = startChild("cluster", "server/main.ts", {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      UPLOADS_DIR: path.join(dataDir, "uploads"),
      DATABASE_URL: "",
      SEED_DEMO: "never",
      WEB_CONCURRENCY: "2",
      JOBS_WORKER: "true",
      LOG_LEVEL: "info",
    });
    await waitUntil(app, "two processes listening", () => listening().length >= 2);
  }, 240_000);

  afterAll(async () => {
    if (app) await stopAll([app]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("prepares the database once, then serves from two processes, one of them running the jobs", async () => {
    const primary = app.logs().find((l) => l.msg === "starting the HTTP processes");
    expect(primary).toMatchObject({ processes: 2, jobs: true });
    expect(app.logs().filter((l) => l.msg === "migrations applied")).toHaveLength(1);
    const workers = listening();
    expect(new Set(workers.map((l) => l.pid)).size).toBe(2);
    expect(workers.map((l) => l.pid)).not.toContain(primary!.pid);
    expect(workers.filter((l) => l.jobs === true)).toHaveLength(1);

    const ids = Array.from({ length: 10 }, (_, i) => `first-${i}`);
    for (const id of ids) expect(await getOnNewConnection(`${url}/products`, id)).toBe(200);
    expect(await answeredBy(ids)).toEqual(new Set(workers.map((l) => l.pid)));
  }, 120_000);

  it("starts another process in the place of one that died, the jobs with it", async () => {
    const before = listening();
    const jobs = before.find((l) => l.jobs === true)!;
    const other = before.find((l) => l.jobs !== true)!;
    process.kill(jobs.pid!, "SIGKILL");
    const replacement = await waitUntil(
      app,
      "a replacement process",
      () => listening()[before.length],
      120_000,
    );
    expect(replacement.pid).not.toBe(jobs.pid);
    expect(replacement.jobs).toBe(true);
    expect(isAlive(jobs.pid!)).toBe(false);
    expect(app.logs().find((l) => l.msg === "an HTTP process died; starting another")).toMatchObject({
      pid: jobs.pid,
      signal: "SIGKILL",
    });

    const ids = Array.from({ length: 10 }, (_, i) => `after-${i}`);
    for (const id of ids) expect(await getOnNewConnection(`${url}/products`, id)).toBe(200);
    expect(await answeredBy(ids)).toEqual(new Set([other.pid, replacement.pid]));
  }, 180_000);

  it("stops every process gracefully on SIGTERM", async () => {
    const pids = listening().map((l) => l.pid!);
    expect(await app.stop()).toEqual({ code: 0, signal: null });
    expect(app.logs().filter((l) => l.msg === "shutting down").length).toBeGreaterThanOrEqual(2);
    expect(app.logs().at(-1)).toMatchObject({ msg: "all HTTP processes stopped", exitCode: 0 });
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  }, 60_000);
});

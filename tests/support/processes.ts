import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * The app as separate processes, started the way `npm start` and `npm run jobs:work` start it (tsx, the Remix
 * production build: run `npm run build` first). Each child leads its own process group, so whatever it forks
 * (cluster workers, tsx's own child) is killed with it, even when a test failed half-way.
 */
export interface ChildApp {
  name: string;
  /** The tsx launcher's pid, which is also the process group's. */
  pid: number;
  /** Everything it wrote so far, stdout and stderr. */
  output(): string;
  /** Its pino log lines so far. */
  logs(): LogLine[];
  /** Set once it has exited. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | null;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (tsx passes it on), then SIGKILL to the whole group after `graceMs`. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface LogLine {
  msg?: string;
  pid?: number;
  [key: string]: unknown;
}

const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");

export function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): ChildApp {
  const child = spawn(process.execPath, [TSX, script, ...args], {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
  const app: ChildApp = {
    name,
    pid: child.pid!,
    output: () => text,
    logs: () =>
      text.split("\n").flatMap((line) => {
        if (!line.startsWith("{")) return [];
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      }),
    exit: null,
    exited: new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        app.exit = { code, signal };
        resolve(app.exit);
      }),
    ),
    async stop(graceMs = 20_000) {
      if (!app.exit) child.kill("SIGTERM");
      const timer = setTimeout(() => killGroup(app.pid), graceMs);
      const result = await app.exited;
      clearTimeout(timer);
      // Whatever the launcher left behind (it should be nothing).
      killGroup(app.pid);
      return result;
    },
  };
  return app;
}

function killGroup(pid: number) {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // ESRCH: the group is gone.
  }
}

/** Stops them all, whatever state they are in; for afterAll. */
export async function stopAll(apps: ChildApp[]) {
  await Promise.all(apps.map((a) => a.stop(10_000)));
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Waits until `check` returns a value (not undefined/false), failing early with the child's output if it exits. */
export async function waitUntil<T>(
  app: ChildApp,
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 180_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (app.exit)
      throw new Error(`${app.name} exited (${JSON.stringify(app.exit)}) before ${what}:\n${app.output()}`);
    if (Date.now() > deadline)
      throw new Error(`${app.name}: no ${what} after ${timeoutMs} ms:\n${app.output().slice(-4000)}`);
    await sleep(100);
  }
}

/** Waits for the app's /healthz to answer 200. */
export function waitForHealth(app: ChildApp, url: string, timeoutMs?: number) {
  return waitUntil(
    app,
    "answer on /healthz",
    async () => {
      try {
        return (await fetch(`${url}/healthz`)).status === 200;
      } catch {
        return false;
      }
    },
    timeoutMs,
  );
}

/** Whether a process with this pid is alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

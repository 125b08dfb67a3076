/**
 * The server's log as the fuzzer reads it: what went wrong while a request was answered, one short line each.
 */
import path from "node:path";
import { pino } from "pino";
import { vi } from "vitest";
import type { Logger } from "../../../server/logger";
import { shorten } from "./brief";

/**
 * What the server logs at warn and above (its pino logger, handed to the container) and what Remix prints with
 * console.error for an error thrown by a loader or action. Requests run one at a time, so the lines written
 * since a request started are that request's.
 */
export class ServerLog {
  private readonly lines: Array<Record<string, unknown>> = [];
  readonly logger: Logger = pino(
    { level: "warn", base: null },
    { write: (line: string) => void this.lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  private restoreConsole: (() => void) | null = null;

  captureConsole() {
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      const error = args.find((a): a is Error => a instanceof Error);
      this.lines.push({
        level: 50,
        msg: "console.error",
        err: error ? errorOf(error) : undefined,
        args: args.map(String),
      });
    });
    this.restoreConsole = () => spy.mockRestore();
  }

  release() {
    this.restoreConsole?.();
  }

  mark(): number {
    return this.lines.length;
  }

  since(mark: number): Array<Record<string, unknown>> {
    return this.lines.slice(mark);
  }

  /** Error lines since `mark`, one short line each: message, error and where it was thrown. */
  errorsSince(mark: number): string[] {
    return this.since(mark)
      .filter((l) => Number(l.level) >= 50)
      .map(describeLogLine)
      .filter((l, i, all) => all.indexOf(l) === i);
  }
}

/** The telling part of a statement: its WHERE clause when it has one. */
function sqlGist(sql: string) {
  const where = sql.indexOf(" WHERE ");
  return shorten(where > 0 ? `${sql.split(" ").slice(0, 3).join(" ")} …${sql.slice(where)}` : sql, 200);
}

function errorOf(error: Error) {
  // A database error says which statement failed; its stack (inside the driver) rarely says where.
  const sql = (error as { sql?: unknown }).sql;
  const message = typeof sql === "string" ? `${error.message} [${sqlGist(sql)}]` : error.message;
  return { type: error.name, message, stack: error.stack };
}

/** Where in this repository an error was thrown (first frame outside node_modules), if anywhere. */
function frameOf(stack: unknown): string {
  if (typeof stack !== "string") return "";
  for (const line of stack.split("\n").slice(1)) {
    const m = /(?:\(|^at )((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?$/.exec(line.trim());
    if (!m || m[1]!.includes("node_modules") || m[1]!.startsWith("node:")) continue;
    return ` @ ${path.relative(process.cwd(), m[1]!.replace(/^file:\/\//, ""))}:${m[2]}`;
  }
  return "";
}

function describeLogLine(line: Record<string, unknown>): string {
  const err = line.err as { type?: string; message?: string; stack?: string; sql?: string } | undefined;
  const status = (line.res as { statusCode?: number } | undefined)?.statusCode;
  const parts = [String(line.msg ?? "")];
  if (status) parts.push(`(${status})`);
  if (err) {
    const sql = err.sql && !err.message?.includes("[") ? ` [${sqlGist(err.sql)}]` : "";
    parts.push(`${err.type ?? "Error"}: ${shorten(err.message ?? "", 360)}${sql}${frameOf(err.stack)}`);
  } else if (Array.isArray(line.args)) parts.push(String(line.args.join(" ")).slice(0, 200));
  return parts.join(" ");
}

import { pino, type Logger as PinoLogger } from "pino";
import type { Config } from "./config";

export type Logger = PinoLogger;

/** Structured JSON logs on stdout; one line per event. */
export function createLogger(config: Pick<Config, "logLevel">): Logger {
  return pino({
    level: config.logLevel,
    base: { service: "htx-connect" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

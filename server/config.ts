import { z } from "zod";
import { availableParallelism } from "node:os";
import path from "node:path";

/**
 * Configuration comes from the environment and is validated once at start.
 * Defaults give the embedded mode: SQLite under DATA_DIR, embedded search, offline payments.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"])
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // HTTP processes on the one port (server/cluster.ts); 0 or "auto": one per CPU.
  WEB_CONCURRENCY: optionalString.pipe(
    z
      .string()
      .toLowerCase()
      .regex(/^(auto|\d{1,3})$/, "a number of processes, or 0 or auto for one per CPU")
      .transform((v) => (v === "auto" ? 0 : Number(v)))
      .pipe(z.number().max(256, "at most 256"))
      .optional(),
  ),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().default("data"),
  UPLOADS_DIR: z.string().default("public/uploads"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^(mysql|mariadb|sqlite):/, "a mysql://user:pass@host:port/db or sqlite:path URL")
      .optional(),
  ),
  DATABASE_LOGGING: booleanFlag.default(false),
  MEILI_URL: optionalString.pipe(z.url().optional()),
  MEILI_API_KEY: optionalString,
  STRIPE_SECRET_KEY: optionalString.pipe(z.string().startsWith("sk_").optional()),
  STRIPE_WEBHOOK_SECRET: optionalString.pipe(z.string().startsWith("whsec_").optional()),
  SESSION_SECRET: optionalString.pipe(z.string().min(32, "at least 32 characters").optional()),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  JOBS_WORKER: booleanFlag.default(true),
  // Seconds an anonymous visitor's page may be served from memory (server/http/page-cache.ts); 0 turns it off.
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(3),
  JOBS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  TRUST_PROXY: booleanFlag.default(false),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  // Attempts in flight count too (the limit holds under parallel requests): room for a fair hall behind one NAT.
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(100),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: optionalString,
  // The agreements' Ed25519 seal key (PKCS#8 PEM) and PDF-signing certificate (a CA's PKCS#12); generated under
  // DATA_DIR/secrets when absent.
  SEAL_PRIVATE_KEY: optionalString.pipe(z.string().includes("PRIVATE KEY").optional()),
  SEAL_CERTIFICATE_P12: optionalString,
  SEAL_CERTIFICATE_PASSPHRASE: optionalString,
});

export type Env = z.input<typeof schema>;

export interface Config {
  env: "development" | "production" | "test";
  isProduction: boolean;
  host: string;
  port: number;
  /** How many processes serve HTTP (WEB_CONCURRENCY, "auto" resolved to the CPUs): 1 forks nothing. */
  webConcurrency: number;
  publicUrl?: string;
  /** Served over HTTPS (PUBLIC_URL https://…): secure cookies, HSTS, upgrade-insecure-requests. */
  https: boolean;
  dataDir: string;
  /** Local image storage, served at /uploads. */
  uploadsDir: string;
  database:
    | { dialect: "sqlite"; storage: string; logging: boolean }
    | { dialect: "mysql"; url: string; logging: boolean };
  search: { kind: "embedded"; indexPath: string } | { kind: "meilisearch"; url: string; apiKey?: string };
  payments: { stripe?: { secretKey: string; webhookSecret: string } };
  sessionSecret?: string;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  seedDemo: "auto" | "never";
  jobs: { worker: boolean; pollMs: number };
  /** How long an anonymous visitor's page is served from memory, in ms; 0: never. */
  pageCacheMs: number;
  trustProxy: boolean;
  loginLimits: { perAccount: number; perIp: number; windowMinutes: number };
  /** Without smtp, messages go to the log. */
  mail: { smtp?: { url: string; from: string } };
  /** Agreements' seal: a given Ed25519 key and PDF certificate (PKCS#12 path), or generated ones. */
  seal: { privateKeyPem?: string; certificateP12?: string; certificatePassphrase?: string };
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parse and validate the environment. Throws ConfigError with one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const got = env[name];
      return `${name}: ${issue.message}${got === undefined ? "" : ` (got ${JSON.stringify(got)})`}`;
    });
    throw new ConfigError(`Invalid configuration. ${lines.join("; ")}`);
  }
  const e = parsed.data;
  if (Boolean(e.STRIPE_SECRET_KEY) !== Boolean(e.STRIPE_WEBHOOK_SECRET)) {
    throw new ConfigError(
      "Invalid configuration. STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together (or neither, for offline payments only)",
    );
  }
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new ConfigError(
      'Invalid configuration. MAIL_FROM: required with SMTP_URL (e.g. "HTX Connect <no-reply@htxconnect.vn>")',
    );
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const url = e.DATABASE_URL;
  const database: Config["database"] =
    url && /^(mysql|mariadb):/.test(url)
      ? { dialect: "mysql", url: url.replace(/^mariadb:/, "mysql:"), logging: e.DATABASE_LOGGING }
      : {
          dialect: "sqlite",
          storage: url ? sqliteStorage(url.slice("sqlite:".length)) : path.join(dataDir, "htx.sqlite"),
          logging: e.DATABASE_LOGGING,
        };
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === "production",
    host: e.HOST,
    port: e.PORT,
    webConcurrency: e.WEB_CONCURRENCY === 0 ? availableParallelism() : (e.WEB_CONCURRENCY ?? 1),
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ""),
    https: e.PUBLIC_URL?.startsWith("https:") ?? false,
    dataDir,
    uploadsDir: path.resolve(e.UPLOADS_DIR),
    database,
    search: e.MEILI_URL
      ? { kind: "meilisearch", url: e.MEILI_URL, apiKey: e.MEILI_API_KEY }
      : { kind: "embedded", indexPath: path.join(dataDir, "search.sqlite") },
    payments: {
      stripe:
        e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
          ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET }
          : undefined,
    },
    sessionSecret: e.SESSION_SECRET,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    jobs: { worker: e.JOBS_WORKER, pollMs: e.JOBS_POLL_MS },
    pageCacheMs: Math.round(e.PAGE_CACHE_SECONDS * 1000),
    trustProxy: e.TRUST_PROXY,
    loginLimits: {
      perAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      perIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowMinutes: e.LOGIN_WINDOW_MINUTES,
    },
    mail: { smtp: e.SMTP_URL && e.MAIL_FROM ? { url: e.SMTP_URL, from: e.MAIL_FROM } : undefined },
    seal: {
      privateKeyPem: e.SEAL_PRIVATE_KEY?.replace(/\\n/g, "\n"),
      certificateP12: e.SEAL_CERTIFICATE_P12 ? path.resolve(e.SEAL_CERTIFICATE_P12) : undefined,
      certificatePassphrase: e.SEAL_CERTIFICATE_PASSPHRASE,
    },
  };
}

function sqliteStorage(p: string): string {
  const clean = p.replace(/^\/\//, "");
  return clean === ":memory:" ? clean : path.resolve(clean);
}

import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";

describe("configuration", () => {
  it("defaults to the embedded mode: SQLite under data/, embedded search, offline payments", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toMatchObject({ dialect: "sqlite" });
    expect(c.database.dialect === "sqlite" && c.database.storage).toMatch(/data\/htx\.sqlite$/);
    expect(c.search.kind).toBe("embedded");
    expect(c.payments.stripe).toBeUndefined();
  });

  it("switches to MySQL, Meilisearch and Stripe when their variables are set", () => {
    const c = loadConfig({
      DATABASE_URL: "mysql://root@127.0.0.1:3306/htx",
      MEILI_URL: "http://127.0.0.1:7700",
      MEILI_API_KEY: "key",
      STRIPE_SECRET_KEY: "sk_test_123",
      STRIPE_WEBHOOK_SECRET: "whsec_123",
    });
    expect(c.database).toEqual({ dialect: "mysql", url: "mysql://root@127.0.0.1:3306/htx", logging: false });
    expect(c.search).toEqual({ kind: "meilisearch", url: "http://127.0.0.1:7700", apiKey: "key" });
    expect(c.payments.stripe).toEqual({ secretKey: "sk_test_123", webhookSecret: "whsec_123" });
  });

  it("stops with one line naming each bad variable and what it got", () => {
    expect(() => loadConfig({ PORT: "abc" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "abc" })).toThrow(/PORT: .*\(got "abc"\)/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://x" })).toThrow(
      /DATABASE_URL: a mysql:\/\/user:pass@host:port\/db or sqlite:path URL/,
    );
    expect(() => loadConfig({ STRIPE_SECRET_KEY: "sk_test_1" })).toThrow(
      /STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together/,
    );
    expect(() => loadConfig({ SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET: at least 32 characters/);
    const message = (() => {
      try {
        loadConfig({ PORT: "0", LOG_LEVEL: "loud" });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).not.toContain("\n");
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/LOG_LEVEL/);
  });
});

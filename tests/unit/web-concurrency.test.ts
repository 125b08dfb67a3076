import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";

describe("WEB_CONCURRENCY", () => {
  it("is one process unless asked, and one per CPU for 0 or auto", () => {
    expect(loadConfig({}).webConcurrency).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: "" }).webConcurrency).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: "4" }).webConcurrency).toBe(4);
    expect(loadConfig({ WEB_CONCURRENCY: " 2 " }).webConcurrency).toBe(2);
    for (const cpus of ["0", "auto", "AUTO"])
      expect(loadConfig({ WEB_CONCURRENCY: cpus }).webConcurrency).toBe(availableParallelism());
  });

  it("stops with one line naming the variable for anything else", () => {
    for (const bad of ["two", "-1", "1.5", "257"]) {
      expect(() => loadConfig({ WEB_CONCURRENCY: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ WEB_CONCURRENCY: bad })).toThrow(
        new RegExp(`WEB_CONCURRENCY: .*\\(got "${bad.replace(".", "\\.")}"\\)`),
      );
    }
  });
});

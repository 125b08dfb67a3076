import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resources } from "../../app/i18n";
import { renderNotification } from "../../server/notifications";
import { createI18n } from "../../server/i18n";

const root = path.resolve("app/locales");
const keys = (o: unknown, prefix = ""): string[] =>
  Object.entries(o as Record<string, unknown>).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe("translations", () => {
  it("has the same files and keys in Vietnamese and English", () => {
    const vi = readdirSync(path.join(root, "vi")).sort();
    expect(readdirSync(path.join(root, "en")).sort()).toEqual(vi);
    for (const file of vi) {
      const a = keys(JSON.parse(readFileSync(path.join(root, "vi", file), "utf8"))).sort();
      const b = keys(JSON.parse(readFileSync(path.join(root, "en", file), "utf8"))).sort();
      expect({ file, keys: b }).toEqual({ file, keys: a });
    }
  });

  it("bundles every resource file", () => {
    const files = readdirSync(path.join(root, "vi"))
      .map((f) => f.replace(/\.json$/, ""))
      .sort();
    expect(Object.keys(resources.vi).sort()).toEqual(files);
    expect(Object.keys(resources.en).sort()).toEqual(files);
  });

  it("has no empty strings and keeps placeholders alike in both languages", () => {
    for (const ns of Object.keys(resources.vi) as Array<keyof typeof resources.vi>) {
      const vi = resources.vi[ns] as Record<string, unknown>;
      const en = resources.en[ns] as Record<string, unknown>;
      for (const key of keys(vi)) {
        const get = (o: Record<string, unknown>) =>
          key.split(".").reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], o) as string;
        const a = get(vi);
        const b = get(en);
        expect(a.trim(), `${ns}:${key}`).not.toBe("");
        expect(b.trim(), `${ns}:${key}`).not.toBe("");
        const vars = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
        expect(vars(b), `${ns}:${key}`).toEqual(vars(a));
      }
    }
  });

  it("renders notifications in the recipient's language", () => {
    const i18n = createI18n({ secureCookie: false });
    expect(
      renderNotification(i18n, "cooperative_approved", "vi", { name: "Hoa", cooperative: "HTX Chè" }).subject,
    ).toBe("Hồ sơ HTX Chè đã được duyệt");
    expect(
      renderNotification(i18n, "cooperative_approved", "en", { name: "Hoa", cooperative: "HTX Chè" }).subject,
    ).toBe("HTX Chè has been approved");
  });

  it("detects the language from ?lng, the cookie, then Accept-Language", async () => {
    const i18n = createI18n({ secureCookie: false });
    const req = (url: string, headers: Record<string, string> = {}) =>
      new Request(`http://x${url}`, { headers });
    expect(await i18n.getLocale(req("/"))).toBe("vi");
    expect(await i18n.getLocale(req("/", { "accept-language": "en-GB,en;q=0.8" }))).toBe("en");
    expect(await i18n.getLocale(req("/", { "accept-language": "fr-FR" }))).toBe("vi");
    const cookie = (await i18n.localeCookie.serialize("en")).split(";")[0]!;
    expect(await i18n.getLocale(req("/", { cookie, "accept-language": "vi" }))).toBe("en");
    expect(await i18n.getLocale(req("/?lng=vi", { cookie }))).toBe("vi");
  });
});

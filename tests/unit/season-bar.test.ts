import { describe, expect, it } from "vitest";
import { seasonBar } from "../../app/lib/season.server";

/** Keys and their parameters as text, so the markup can be read without the translations. */
const t = (key: string, params?: Record<string, string>) =>
  params ? `${key}(${Object.values(params).join("|")})` : key;

const cells = (html: string) =>
  [...html.matchAll(/<span class="harvest-month( in-season)?" aria-hidden="true">(\d+)<\/span>/g)].map(
    (m) => [Number(m[2]), Boolean(m[1])],
  );

describe("the season bar", () => {
  it("fills the harvest months of twelve cells and reads the months out by name", () => {
    const html = seasonBar([3, 4, 11], t);
    expect(cells(html)).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1, [3, 4, 11].includes(i + 1)]));
    expect(html).toContain(
      '<span class="visually-hidden">workspace:harvest.barLabel(catalogue:month.3, catalogue:month.4, catalogue:month.11)</span>',
    );
  });

  it("fills every month for a product of all year, and says so", () => {
    const html = seasonBar([], t);
    expect(cells(html).every(([, on]) => on)).toBe(true);
    expect(html).toContain("workspace:harvest.barLabel(catalogue:product.allYear)");
  });

  it("escapes what the translation holds", () => {
    const html = seasonBar([1], (key) => (key.endsWith("barLabel") ? "<b>Mùa & vụ</b>" : key));
    expect(html).toContain("&lt;b&gt;Mùa &amp; vụ&lt;/b&gt;");
    expect(html).not.toContain("<b>");
  });
});

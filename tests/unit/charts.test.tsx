import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "../../app/components/charts/BarChart";
import { ColumnChart } from "../../app/components/charts/ColumnChart";
import { DistributionChart } from "../../app/components/charts/DistributionChart";
import { LineChart } from "../../app/components/charts/LineChart";
import { PipelineChart } from "../../app/components/charts/PipelineChart";
import { truncate } from "../../app/components/charts/scales";
import { formatNumber, formatPercent, formatVnd } from "../../server/vocabulary/format";

/*
 * The charts are read as the server sends them: markup from renderToStaticMarkup, taken apart with small regular
 * expressions (the markup is React's own, so attributes are always double-quoted and in the order written).
 */

const vnd = (n: number) => formatVnd(n, "vi");
const EMPTY = "Chưa có dữ liệu cho giai đoạn này";

function unescape(html: string): string {
  return html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}

function attrs(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** Attributes of every opening tag `name` whose class list contains `className` (or every one, without it). */
function elements(html: string, name: string, className?: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, "g"))]
    .map((m) => attrs(m[0]))
    .filter((a) => className === undefined || (a.class ?? "").split(" ").includes(className));
}

/** The groups `<g class="…">…</g>` with that class, as markup (they hold no nested <g>). */
function groups(html: string, className: string): string[] {
  return [...html.matchAll(new RegExp(`<g class="${className}[^"]*"[^>]*>(.*?)</g>`, "g"))].map((m) => m[1]!);
}

/** The data table's cells, row by row, header row first, unescaped. */
function tableCells(html: string): string[][] {
  const table = /<table[^>]*>(.*?)<\/table>/.exec(html)?.[1] ?? "";
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => unescape(cell[1]!)),
  );
}

/** The text of the SVG's accessible name: the element its aria-labelledby points at. */
function accessibleName(html: string): string | undefined {
  const svg = elements(html, "svg")[0];
  if (!svg || svg.role !== "img" || !svg["aria-labelledby"]) return undefined;
  const ids = svg["aria-labelledby"].split(" ");
  const texts = ids.map((id) => {
    const m = new RegExp(`<(title|desc) id="${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}">(.*?)</\\1>`).exec(
      html,
    );
    return m ? unescape(m[2]!) : undefined;
  });
  return texts.includes(undefined) ? undefined : texts.join(" ");
}

const num = (a: Record<string, string>, key: string) => Number(a[key]);

/** Every ratio shape/value is the same (within rounding to two decimals in the markup). */
function expectProportional(sizes: number[], values: number[]) {
  expect(sizes).toHaveLength(values.length);
  const k = sizes[0]! / values[0]!;
  expect(k).toBeGreaterThan(0);
  sizes.forEach((size, i) => expect(size).toBeCloseTo(values[i]! * k, 1));
}

const PROVINCES = [
  { label: "Thừa Thiên Huế", value: 420_000_000 },
  { label: "Hà Nội", value: 1_536_000_000 },
  {
    label: "Hợp tác xã Nông nghiệp Dịch vụ Tổng hợp Thanh Hà, huyện Lai Vung, tỉnh Đồng Tháp",
    value: 2_100_000_000,
  },
  { label: "Đắk Lắk", value: 75_500_000 },
  { label: "Cần Thơ & Hậu Giang", value: 980_000_000 },
];

const MONTHS = ["T1", "T2", "T3", "T4", "T5", "T6"];

const charts: Record<
  string,
  (props: { title: string; description?: string; tableLabel?: string }) => ReactElement
> = {
  BarChart: (p) => (
    <BarChart
      {...p}
      emptyMessage={EMPTY}
      categoryLabel="Tỉnh"
      valueLabel="Giá trị hợp đồng"
      items={PROVINCES}
    />
  ),
  ColumnChart: (p) => (
    <ColumnChart
      {...p}
      emptyMessage={EMPTY}
      categoryLabel="Tháng"
      seriesLabel="Năm 2026"
      previousLabel="Cùng kỳ năm trước"
      points={MONTHS.map((label, i) => ({
        label,
        value: (i + 1) * 100_000_000,
        previous: (6 - i) * 50_000_000,
      }))}
    />
  ),
  LineChart: (p) => (
    <LineChart
      {...p}
      emptyMessage={EMPTY}
      categoryLabel="Tháng"
      labels={MONTHS}
      series={[{ name: "Tỷ lệ giao đúng hạn", values: [0.5, 0.6, 0.55, 0.7, 0.8, 0.9] }]}
      formatValue={(v) => formatPercent(v, "vi")}
    />
  ),
  PipelineChart: (p) => (
    <PipelineChart
      {...p}
      emptyMessage={EMPTY}
      stageLabel="Giai đoạn"
      countLabel="Số hợp đồng"
      valueLabel="Giá trị"
      stages={[
        { label: "Đã ký", count: 40, value: 5_000_000_000 },
        { label: "Đang thực hiện", count: 25, value: 3_100_000_000 },
      ]}
    />
  ),
  DistributionChart: (p) => (
    <DistributionChart
      {...p}
      emptyMessage={EMPTY}
      categoryLabel="Hạng OCOP"
      valueLabel="Số sản phẩm"
      bins={[
        { label: "3 sao", value: 120 },
        { label: "4 sao", value: 64 },
        { label: "5 sao", value: 9 },
      ]}
    />
  ),
};

describe("every chart", () => {
  for (const [name, chart] of Object.entries(charts)) {
    it(`${name}: an SVG named by its title, described, inside a figure with the title as caption`, () => {
      const html = renderToStaticMarkup(
        chart({ title: "Giá trị hợp đồng theo tháng", description: "Tăng đều từ tháng Một đến tháng Sáu." }),
      );
      expect(html.startsWith("<figure")).toBe(true);
      expect(html).toMatch(/<figcaption[^>]*>.*Giá trị hợp đồng theo tháng.*<\/figcaption>/);
      expect(accessibleName(html)).toBe("Giá trị hợp đồng theo tháng");
      const svg = elements(html, "svg")[0]!;
      expect(svg.viewBox).toMatch(/^0 0 \d+(\.\d+)? \d+(\.\d+)?$/);
      expect(svg.width).toBe("100%");
      const described = new RegExp(
        `<desc id="${svg["aria-describedby"]}">Tăng đều từ tháng Một đến tháng Sáu.</desc>`,
      );
      expect(html).toMatch(described);
      // Nothing moves: no animation elements or CSS transitions.
      expect(html).not.toMatch(/<animate|transition|@keyframes/);
    });

    it(`${name}: the same input gives the same markup`, () => {
      expect(renderToStaticMarkup(chart({ title: "Biểu đồ" }))).toBe(
        renderToStaticMarkup(chart({ title: "Biểu đồ" })),
      );
    });

    it(`${name}: the table is for screen readers only, or in a <details> when given a label to open it`, () => {
      const hidden = renderToStaticMarkup(chart({ title: "Biểu đồ" }));
      expect(elements(hidden, "table")[0]?.class).toBe("chart__table visually-hidden");
      expect(hidden).not.toContain("<details");
      const shown = renderToStaticMarkup(chart({ title: "Biểu đồ", tableLabel: "Xem bảng số liệu" }));
      expect(shown).toMatch(/<details[^>]*><summary>Xem bảng số liệu<\/summary><table class="chart__table">/);
    });

    it(`${name}: every colour is a custom property with a fallback`, () => {
      const html = renderToStaticMarkup(chart({ title: "Biểu đồ" }));
      const paints = [...html.matchAll(/ (?:fill|stroke)="([^"]*)"/g)].map((m) => m[1]!);
      expect(paints.length).toBeGreaterThan(0);
      for (const paint of paints) expect(paint).toMatch(/^(none|var\(--chart-[a-z0-9-]+, #[0-9a-f]{6}\))$/);
    });
  }
});

describe("BarChart", () => {
  const render = (extra: Partial<Parameters<typeof BarChart>[0]> = {}) =>
    renderToStaticMarkup(
      <BarChart
        title="Giá trị hợp đồng theo tỉnh"
        emptyMessage={EMPTY}
        categoryLabel="Tỉnh"
        valueLabel="Giá trị hợp đồng"
        items={PROVINCES}
        {...extra}
      />,
    );
  const ranked = [...PROVINCES].sort((a, b) => b.value - a.value);

  it("lists every label with its formatted value in the table, largest first", () => {
    const cells = tableCells(render());
    expect(cells[0]).toEqual(["Tỉnh", "Giá trị hợp đồng"]);
    expect(cells.slice(1)).toEqual(ranked.map((p) => [p.label, vnd(p.value)]));
    // The app's formatter: dots between thousands, a (narrow) no-break space, then ₫.
    expect(cells[2]![1]).toMatch(/^1\.536\.000\.000[\u00a0\u202f]₫$/u);
  });

  it("draws bars top to bottom from largest to smallest, their lengths proportional to the values", () => {
    const bars = elements(render(), "rect");
    expect(bars).toHaveLength(PROVINCES.length);
    const ys = bars.map((b) => num(b, "y"));
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expectProportional(
      bars.map((b) => num(b, "width")),
      ranked.map((p) => p.value),
    );
    // The largest bar leaves room for its value label inside the drawing.
    const viewWidth = Number(elements(render(), "svg")[0]!.viewBox!.split(" ")[2]);
    const widest = bars[0]!;
    expect(
      num(widest, "x") + num(widest, "width") + 6 + vnd(ranked[0]!.value).length * 7.2,
    ).toBeLessThanOrEqual(viewWidth + 0.01);
  });

  it("writes each value at the end of its bar", () => {
    for (const [i, group] of groups(render(), "chart__bar").entries()) {
      const rect = elements(group, "rect")[0]!;
      const label = [...group.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].at(-1)!;
      expect(unescape(label[2]!)).toBe(vnd(ranked[i]!.value));
      expect(Number(attrs(label[1]!).x)).toBeGreaterThan(num(rect, "x") + num(rect, "width"));
    }
  });

  it("shortens a long name with an ellipsis and keeps it whole in the bar's <title>", () => {
    const long = PROVINCES[2]!.label;
    const group = groups(render(), "chart__bar").find((g) => g.includes(`<title>${unescape(long)}`))!;
    expect(group).toBeDefined();
    const shown = /<text [^>]*>([^<]*)<\/text>/.exec(group)![1]!;
    expect(shown.endsWith("…")).toBe(true);
    expect(shown.length).toBeLessThan(long.length);
    expect(long.startsWith(shown.slice(0, -1))).toBe(true);
    expect(group).toContain(`<title>${long}: ${vnd(2_100_000_000)}</title>`);
    // A short name is drawn as it is.
    expect(render()).toMatch(/<text [^>]*>Hà Nội<\/text>/);
  });

  it("keeps Vietnamese letters as characters and escapes only markup", () => {
    const html = render();
    for (const word of ["Đắk Lắk", "Thừa Thiên Huế", "Hợp tác xã", "Đồng Tháp", "Dịch vụ"])
      expect(html).toContain(word);
    expect(html).not.toMatch(/&#\d+;|&#x(?!27;)[0-9a-f]+;/i);
    expect(html).toContain("Cần Thơ &amp; Hậu Giang");
    expect(html).not.toContain("Cần Thơ & Hậu Giang");
  });

  it("keeps the first `limit` after ranking", () => {
    const cells = tableCells(render({ limit: 2 }));
    expect(cells.slice(1).map((r) => r[0])).toEqual(ranked.slice(0, 2).map((p) => p.label));
    expect(elements(render({ limit: 2 }), "rect")).toHaveLength(2);
  });

  it("formats with the given formatter, or VND in the given locale", () => {
    expect(tableCells(render({ formatValue: (n) => `${n / 1e6} triệu` }))[1]![1]).toBe("2100 triệu");
    expect(tableCells(render({ locale: "en" }))[1]![1]).toBe(formatVnd(2_100_000_000, "en"));
  });

  it("shows the message and no SVG when there is nothing to draw", () => {
    for (const items of [[], [{ label: "Hà Nội", value: 0 }]]) {
      const html = render({ items });
      expect(html).toContain(`<p class="chart__empty">${EMPTY}</p>`);
      expect(html).not.toContain("<svg");
      expect(html).not.toContain("<table");
      expect(html).toContain("Giá trị hợp đồng theo tỉnh");
    }
  });
});

describe("ColumnChart", () => {
  const points = [
    { label: "Tháng 1", value: 300_000_000, previous: 200_000_000 },
    { label: "Tháng 2", value: 0, previous: 450_000_000 },
    { label: "Tháng 3", value: 1_536_000_000, previous: null },
    { label: "Tháng 4", value: 750_000_000, previous: 100_000_000 },
  ];
  const render = (extra: Partial<Parameters<typeof ColumnChart>[0]> = {}) =>
    renderToStaticMarkup(
      <ColumnChart
        title="Giá trị hợp đồng theo tháng"
        emptyMessage={EMPTY}
        categoryLabel="Tháng"
        seriesLabel="Năm nay"
        previousLabel="Cùng kỳ năm trước"
        points={points}
        {...extra}
      />,
    );

  it("draws a column per period left to right, heights proportional to the values from one baseline", () => {
    const html = render();
    const columns = elements(html, "rect", "chart__column").filter((c) => !c.class!.includes("previous"));
    expect(columns).toHaveLength(4);
    const xs = columns.map((c) => num(c, "x"));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    const nonZero = columns.filter((_, i) => points[i]!.value > 0);
    expectProportional(
      nonZero.map((c) => num(c, "height")),
      points.filter((p) => p.value > 0).map((p) => p.value),
    );
    expect(num(columns[1]!, "height")).toBe(0);
    const bottoms = nonZero.map((c) => num(c, "y") + num(c, "height"));
    for (const b of bottoms) expect(b).toBeCloseTo(bottoms[0]!, 1);
  });

  it("draws the previous period as lighter outlined columns, with a legend naming both series", () => {
    const html = render();
    const previous = elements(html, "rect", "chart__column--previous");
    expect(previous).toHaveLength(3); // Tháng 3 has none
    for (const c of previous) {
      expect(c.fill).toContain("--chart-previous");
      expect(c.stroke).toContain("--chart-1");
    }
    expectProportional(
      previous.map((c) => num(c, "height")),
      [200_000_000, 450_000_000, 100_000_000],
    );
    expect(html).toMatch(/<g class="chart__legend">.*Năm nay.*Cùng kỳ năm trước/);
  });

  it("tabulates both series with the app's VND format, a dash where a period has no comparison", () => {
    expect(tableCells(render())).toEqual([
      ["Tháng", "Năm nay", "Cùng kỳ năm trước"],
      ["Tháng 1", vnd(300_000_000), vnd(200_000_000)],
      ["Tháng 2", vnd(0), vnd(450_000_000)],
      ["Tháng 3", vnd(1_536_000_000), "–"],
      ["Tháng 4", vnd(750_000_000), vnd(100_000_000)],
    ]);
  });

  it("has one series, no legend and two table columns without a comparison label", () => {
    const html = render({ previousLabel: undefined });
    expect(elements(html, "rect", "chart__column--previous")).toHaveLength(0);
    expect(html).not.toContain("chart__legend");
    expect(tableCells(html)[0]).toEqual(["Tháng", "Năm nay"]);
  });

  it("labels the value axis with round ticks from the tick formatter, from zero to past the largest value", () => {
    const html = render({ formatTick: (n) => `${n / 1e6} tr` });
    const ticks = [...html.matchAll(/<text [^>]*>(\d+) tr<\/text>/g)].map((m) => Number(m[1]));
    expect(ticks[0]).toBe(0);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(1536);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    const step = ticks[1]! - ticks[0]!;
    ticks.forEach((t, i) => expect(t).toBe(i * step));
    // A round step: 1, 2 or 5 times a power of ten.
    expect(step / 10 ** Math.floor(Math.log10(step))).toBeOneOf([1, 2, 5]);
  });

  it("shows the message and no SVG when every period is zero or there are none", () => {
    for (const pts of [[], [{ label: "Tháng 1", value: 0, previous: 0 }]]) {
      const html = render({ points: pts });
      expect(html).toContain(EMPTY);
      expect(html).not.toContain("<svg");
    }
  });
});

describe("LineChart", () => {
  const series = [
    { name: "Giao hàng đúng hạn", values: [0.5, 0.62, null, 0.8, 0.85, 0.9] },
    { name: "Thanh toán đúng hạn", values: [0.3, 0.4, 0.45, 0.6, 0.7, 0.72] },
  ];
  const render = (extra: Partial<Parameters<typeof LineChart>[0]> = {}) =>
    renderToStaticMarkup(
      <LineChart
        title="Tỷ lệ hoàn thành theo tháng"
        emptyMessage={EMPTY}
        categoryLabel="Tháng"
        labels={MONTHS}
        series={series}
        formatValue={(v) => formatPercent(v, "vi")}
        {...extra}
      />,
    );

  it("puts a marker at every value, higher values higher up, and breaks the line where one is missing", () => {
    const html = render();
    const [first, second] = groups(html, "chart__series");
    const lineOf = (g: string) => elements(g, "path")[0]!.d!;
    expect(lineOf(first!).match(/M/g)).toHaveLength(2);
    expect(lineOf(second!).match(/M/g)).toHaveLength(1);
    const at = (g: string) =>
      elements(g, "path", "chart__point").map((p) =>
        /translate\(([\d.]+),([\d.]+)\)/.exec(p.transform!)!.slice(1).map(Number),
      );
    expect(at(first!)).toHaveLength(5);
    const pts = at(second!);
    expect(pts).toHaveLength(6);
    // Rising values: x grows, y shrinks (SVG y points down), and linearly.
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i]![0]!).toBeGreaterThan(pts[i - 1]![0]!);
      expect(pts[i]![1]!).toBeLessThan(pts[i - 1]![1]!);
    }
    const [y0, y1, y5] = [pts[0]![1]!, pts[1]![1]!, pts[5]![1]!];
    expect((y0 - y5) / (y0 - y1)).toBeCloseTo((0.72 - 0.3) / (0.4 - 0.3), 1);
  });

  it("ticks the y axis at round values with a gridline each", () => {
    const html = render({ yDomain: [0, 1] });
    const ticks = [...html.matchAll(/text-anchor="end"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(ticks).toEqual(["0%", "20%", "40%", "60%", "80%", "100%"]);
    expect(elements(html, "line").filter((l) => l.stroke?.includes("--chart-grid"))).toHaveLength(6);
    // From the data alone the axis still starts at zero and ends on a round number at or above the largest value.
    const own = [...render().matchAll(/text-anchor="end"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(own[0]).toBe("0%");
    expect(own.at(-1)).toBe("100%");
  });

  it("tabulates every period against every series, a dash where a value is missing", () => {
    expect(tableCells(render())).toEqual([
      ["Tháng", "Giao hàng đúng hạn", "Thanh toán đúng hạn"],
      ["T1", "50%", "30%"],
      ["T2", "62%", "40%"],
      ["T3", "–", "45%"],
      ["T4", "80%", "60%"],
      ["T5", "85%", "70%"],
      ["T6", "90%", "72%"],
    ]);
  });

  it("tells series apart by marker shape as well as colour, and names them in a legend", () => {
    const html = render();
    const [first, second] = groups(html, "chart__series");
    const shape = (g: string) => elements(g, "path", "chart__point")[0]!.d;
    expect(shape(first!)).not.toBe(shape(second!));
    expect(html).toMatch(/<g class="chart__legend">.*Giao hàng đúng hạn.*Thanh toán đúng hạn/);
    expect(render({ series: series.slice(0, 1) })).not.toContain("chart__legend");
  });

  it("shows the message and no SVG without a single value", () => {
    for (const extra of [
      { labels: [] },
      { series: [{ name: "Giao hàng", values: MONTHS.map(() => null) }] },
    ]) {
      const html = render(extra);
      expect(html).toContain(EMPTY);
      expect(html).not.toContain("<svg");
    }
    // Zero is a value: 0% fulfilment is drawn.
    expect(render({ series: [{ name: "Giao hàng", values: MONTHS.map(() => 0) }] })).toContain("<svg");
  });
});

describe("PipelineChart", () => {
  const stages = [
    { label: "Đã ký", count: 40, value: 5_000_000_000 },
    { label: "Đang thực hiện", count: 25, value: 3_100_000_000 },
    { label: "Hoàn thành", count: 10, value: 1_536_000_000 },
    { label: "Đình trệ", count: 5, value: 900_000_000, tone: "stalled" as const },
    { label: "Đã huỷ", count: 2, value: 120_000_000, tone: "cancelled" as const },
  ];
  const render = (extra: Partial<Parameters<typeof PipelineChart>[0]> = {}) =>
    renderToStaticMarkup(
      <PipelineChart
        title="Tiến độ hợp đồng"
        emptyMessage={EMPTY}
        stageLabel="Giai đoạn"
        countLabel="Số hợp đồng"
        valueLabel="Giá trị"
        stages={stages}
        {...extra}
      />,
    );

  it("keeps the stages in order left to right, each bar's height proportional to its count", () => {
    const html = render();
    const bars = elements(html, "rect");
    const xs = bars.map((b) => num(b, "x"));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expectProportional(
      bars.map((b) => num(b, "height")),
      stages.map((s) => s.count),
    );
    expectProportional(
      elements(render({ measure: "value" }), "rect").map((b) => num(b, "height")),
      stages.map((s) => s.value),
    );
  });

  it("writes the count and the value over every stage and tabulates both", () => {
    const html = render();
    for (const [i, group] of groups(html, "chart__stage").entries()) {
      expect(group).toContain(`>${formatNumber(stages[i]!.count, "vi")}</text>`);
      expect(group).toContain(`>${vnd(stages[i]!.value)}</text>`);
    }
    expect(tableCells(html)).toEqual([
      ["Giai đoạn", "Số hợp đồng", "Giá trị"],
      ...stages.map((s) => [s.label, formatNumber(s.count, "vi"), vnd(s.value)]),
    ]);
  });

  it("joins the forward stages with arrows and sets stalled and cancelled apart in their own colours", () => {
    const html = render();
    const classes = elements(html, "g", "chart__stage").map((g) => g.class);
    expect(classes).toEqual([
      "chart__stage chart__stage--progress",
      "chart__stage chart__stage--progress",
      "chart__stage chart__stage--progress",
      "chart__stage chart__stage--stalled",
      "chart__stage chart__stage--cancelled",
    ]);
    const fills = elements(html, "rect").map((r) => r.fill);
    expect(new Set(fills.slice(0, 3)).size).toBe(1);
    expect(fills[3]).toContain("--chart-stalled");
    expect(fills[4]).toContain("--chart-cancelled");
    expect(elements(html, "path")).toHaveLength(2); // signed → in progress → completed
    expect(elements(html, "line").filter((l) => l["stroke-dasharray"])).toHaveLength(2);
  });

  it("shows the message and no SVG when no stage holds anything", () => {
    for (const s of [[], stages.map((x) => ({ ...x, count: 0, value: 0 }))]) {
      const html = render({ stages: s });
      expect(html).toContain(EMPTY);
      expect(html).not.toContain("<svg");
    }
  });
});

describe("DistributionChart", () => {
  const bins = [
    { label: "3 sao", value: 120 },
    { label: "4 sao", value: 64 },
    { label: "5 sao", value: 9 },
  ];
  const render = (extra: Partial<Parameters<typeof DistributionChart>[0]> = {}) =>
    renderToStaticMarkup(
      <DistributionChart
        title="Sản phẩm OCOP theo hạng sao"
        emptyMessage={EMPTY}
        categoryLabel="Hạng OCOP"
        valueLabel="Số sản phẩm"
        bins={bins}
        {...extra}
      />,
    );

  it("keeps the bins in the given order with heights proportional to the counts", () => {
    const bars = elements(render(), "rect");
    const xs = bars.map((b) => num(b, "x"));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expectProportional(
      bars.map((b) => num(b, "height")),
      bins.map((b) => b.value),
    );
    expect(tableCells(render()).slice(1)).toEqual([
      ["3 sao", "120"],
      ["4 sao", "64"],
      ["5 sao", "9"],
    ]);
  });

  it("formats large counts the Vietnamese way by default", () => {
    expect(tableCells(render({ bins: [{ label: "5 sao", value: 12500 }] }))[1]).toEqual(["5 sao", "12.500"]);
  });

  it("shows the message and no SVG when every bin is empty", () => {
    const html = render({ bins: bins.map((b) => ({ ...b, value: 0 })) });
    expect(html).toContain(EMPTY);
    expect(html).not.toContain("<svg");
  });
});

describe("truncate", () => {
  it("counts composed letters, so decomposed Vietnamese is never cut between a letter and its marks", () => {
    const decomposed = "Hợp tác xã Người Đồng Tháp".normalize("NFD");
    const cut = truncate(decomposed, 16);
    expect(cut).toBe("Hợp tác xã…");
    expect(cut.normalize("NFC")).toBe(cut);
    expect(truncate("Đường", 5)).toBe("Đường");
    expect(truncate("Đườngxá", 5)).toBe("Đườn…");
  });
});

import { scaleLinear, type ScaleLinear } from "d3-scale";

/*
 * What every chart shares: the palette, text-size guesses and the value axis. Charts are drawn on the server with
 * no DOM to measure text in, so widths are estimated from the character count; the estimate is generous so that
 * labels rather overflow into padding than into each other.
 */

/** Font size of chart text in viewBox units. */
export const FONT = 12;

/**
 * Colours as CSS custom properties with fallbacks, so a stylesheet can retheme charts and they still draw without
 * one. Every fallback that carries data is at least 3:1 against white and the page background (#faf8f3).
 */
export const COLORS = {
  series: [
    "var(--chart-1, #1f6f43)", // tea green, 6.2:1
    "var(--chart-2, #8a5a2b)", // earth, 5.9:1
    "var(--chart-3, #2b5c8a)", // river blue, 7.0:1
    "var(--chart-4, #6b4fa0)", // plum, 6.5:1
  ],
  /** Fill of a comparison series; its outline in the series colour carries the contrast. */
  previousFill: "var(--chart-previous, #d8ebdf)",
  stalled: "var(--chart-stalled, #9a6400)", // 5.0:1
  cancelled: "var(--chart-cancelled, #767e77)", // 4.2:1
  grid: "var(--chart-grid, #e0d9cb)",
  axis: "var(--chart-axis, #767e77)",
  label: "var(--chart-label, #525e57)",
  text: "var(--chart-text, #1c2621)",
} as const;

export function seriesColor(index: number): string {
  return COLORS.series[index % COLORS.series.length]!;
}

/** Two decimals: enough for a viewBox, and the markup stays short and the same on every machine. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A generous guess at how wide a line of text is, in viewBox units. */
export function textWidth(text: string, fontSize: number = FONT): number {
  return Array.from(text.normalize("NFC")).length * fontSize * 0.6;
}

/** How many characters fit in a width, by the same guess. */
export function charsIn(width: number, fontSize: number = FONT): number {
  return Math.max(4, Math.floor(width / (fontSize * 0.6)));
}

/**
 * Shortens text to at most `maxChars` characters, ending in "…", cutting at a word boundary when one is near the
 * end. Works on NFC code points so a decomposed "ờ" counts once and is never split from its marks.
 */
export function truncate(text: string, maxChars: number): string {
  const chars = Array.from(text.normalize("NFC"));
  if (chars.length <= maxChars) return chars.join("");
  const cut = chars.slice(0, Math.max(1, maxChars - 1)).join("");
  const space = cut.lastIndexOf(" ");
  const head = space >= cut.length * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,.;:–-]+$/u, "")}…`;
}

export interface ValueAxis {
  scale: ScaleLinear<number, number>;
  ticks: number[];
}

/**
 * A linear value axis over `values` (always including zero, so bars and columns start from a real baseline), made
 * round with `.nice()` and ticked with `.ticks()`. `domain` overrides the data's extent (e.g. 0–100 for percentages).
 */
export function valueAxis(
  values: readonly number[],
  range: readonly [number, number],
  domain?: readonly [number, number],
  tickCount = 5,
): ValueAxis {
  const [lo, hi] = domain ?? [Math.min(0, ...values), Math.max(0, ...values)];
  // A flat series (all zeros) still needs a non-empty domain to divide by.
  const scale = scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .range([range[0], range[1]])
    .nice(tickCount);
  return { scale, ticks: scale.ticks(tickCount) };
}

/** Only finite numbers: a NaN or Infinity from upstream would otherwise poison every coordinate. */
export function finite(n: number | null | undefined): n is number {
  return typeof n === "number" && Number.isFinite(n);
}

import { scaleLinear } from "d3-scale";
import { formatVnd } from "../../../server/vocabulary/format";
import type { Locale } from "../../../server/vocabulary/locale";
import { ChartFrame, type ChartTextProps } from "./frame";
import { COLORS, charsIn, finite, round, textWidth, truncate } from "./scales";

export interface BarItem {
  label: string;
  value: number;
}

export interface BarChartProps extends ChartTextProps {
  /** In any order: the chart ranks them, largest first (ties keep their given order). */
  items: readonly BarItem[];
  /** Header of the label column in the data table ("Tỉnh", "Hợp tác xã"). */
  categoryLabel: string;
  /** Header of the value column ("Giá trị hợp đồng"). */
  valueLabel: string;
  /** Defaults to VND in `locale`. */
  formatValue?: (value: number) => string;
  locale?: Locale;
  /** Keep only the first this many after ranking ("top 10"). */
  limit?: number;
}

// Labels sit above their bars rather than beside them: long cooperative names get the full width, and the
// narrow drawing stays legible when a phone shrinks it.
const WIDTH = 440;
const LABEL = 16;
const BAR = 16;
const ROW = LABEL + BAR + 10;
const PAD = 4;
const GAP = 6;

/** Horizontal bars ranked by value, the value written at the end of each bar. */
export function BarChart({
  items,
  categoryLabel,
  valueLabel,
  formatValue,
  locale = "vi",
  limit,
  ...text
}: BarChartProps) {
  const format = formatValue ?? ((n: number) => formatVnd(n, locale));
  const ranked = items
    .filter((item) => finite(item.value))
    .map((item) => ({ label: item.label, value: Math.max(0, item.value) }))
    .sort((a, b) => b.value - a.value)
    .slice(0, limit);
  const values = ranked.map((item) => format(item.value));
  const empty = ranked.every((item) => item.value === 0);

  const valueWidth = Math.min(WIDTH * 0.4, Math.max(0, ...values.map((v) => textWidth(v)))) + GAP;
  const x = scaleLinear()
    .domain([0, Math.max(...ranked.map((item) => item.value), 1)])
    .range([0, WIDTH - 1 - valueWidth]);
  const maxChars = charsIn(WIDTH);
  const height = ranked.length * ROW + PAD;

  return (
    <ChartFrame
      {...text}
      empty={empty}
      width={WIDTH}
      height={height}
      table={{ head: [categoryLabel, valueLabel], rows: ranked.map((item, i) => [item.label, values[i]!]) }}
    >
      {ranked.map((item, i) => {
        const top = PAD + i * ROW;
        const barTop = top + LABEL;
        const width = round(x(item.value));
        return (
          <g key={i} className="chart__bar">
            <title>{`${item.label}: ${values[i]}`}</title>
            <text x={1} y={top + LABEL - 4}>
              {truncate(item.label, maxChars)}
            </text>
            <rect x={1} y={barTop} width={width} height={BAR} fill={COLORS.series[0]} />
            <text x={round(1 + width + GAP)} y={barTop + BAR / 2} dy="0.35em" fill={COLORS.label}>
              {values[i]}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}

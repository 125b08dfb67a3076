import { scaleBand, scaleLinear } from "d3-scale";
import { formatNumber } from "../../../server/vocabulary/format";
import type { Locale } from "../../../server/vocabulary/locale";
import { ChartFrame, type ChartTextProps } from "./frame";
import { COLORS, charsIn, finite, round, textWidth, truncate } from "./scales";

export interface DistributionBin {
  /** "3 sao", "4 sao", "5 sao". */
  label: string;
  value: number;
}

export interface DistributionChartProps extends ChartTextProps {
  /** In the order to draw them (e.g. fewest stars first). */
  bins: readonly DistributionBin[];
  /** Table headers ("Hạng OCOP", "Số sản phẩm"). */
  categoryLabel: string;
  valueLabel: string;
  /** Defaults to a plain number in `locale`. */
  formatValue?: (value: number) => string;
  locale?: Locale;
}

const MIN_WIDTH = 240;
const MIN_BIN = 64;
const PLOT_HEIGHT = 100;
const TOP = 20;
const BOTTOM = 24;

/** A small histogram: adjoining columns, the count above each and its bin below. */
export function DistributionChart({
  bins,
  categoryLabel,
  valueLabel,
  formatValue,
  locale = "vi",
  ...text
}: DistributionChartProps) {
  const format = formatValue ?? ((n: number) => formatNumber(n, locale));
  const rows = bins.map((b) => ({ label: b.label, value: finite(b.value) ? Math.max(0, b.value) : 0 }));
  const values = rows.map((b) => format(b.value));
  const empty = rows.every((b) => b.value === 0);

  const binWidth = Math.max(MIN_BIN, ...values.map((v) => textWidth(v) + 8));
  const width = Math.max(MIN_WIDTH, rows.length * binWidth);
  const baseline = TOP + PLOT_HEIGHT;
  const x = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([0, width])
    .paddingInner(0.06)
    .paddingOuter(0.1);
  const h = scaleLinear()
    .domain([0, Math.max(1, ...rows.map((b) => b.value))])
    .range([0, PLOT_HEIGHT]);
  const maxChars = charsIn(x.step());

  return (
    <ChartFrame
      {...text}
      empty={empty}
      width={width}
      height={baseline + BOTTOM}
      table={{ head: [categoryLabel, valueLabel], rows: rows.map((b, i) => [b.label, values[i]!]) }}
    >
      {rows.map((b, i) => {
        const centre = round(x(i)! + x.bandwidth() / 2);
        const barHeight = round(h(b.value));
        return (
          <g key={i} className="chart__bin">
            <title>{`${b.label}: ${values[i]}`}</title>
            <rect
              x={round(x(i)!)}
              y={round(baseline - barHeight)}
              width={round(x.bandwidth())}
              height={barHeight}
              fill={COLORS.series[0]}
            />
            <text x={centre} y={round(baseline - barHeight - 5)} textAnchor="middle">
              {values[i]}
            </text>
            <text x={centre} y={baseline + 16} textAnchor="middle" fill={COLORS.label}>
              {truncate(b.label, maxChars)}
            </text>
          </g>
        );
      })}
      <line x1={0} x2={width} y1={baseline} y2={baseline} stroke={COLORS.axis} />
    </ChartFrame>
  );
}

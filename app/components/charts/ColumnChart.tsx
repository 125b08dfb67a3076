import { scaleBand } from "d3-scale";
import { formatVnd } from "../../../server/vocabulary/format";
import type { Locale } from "../../../server/vocabulary/locale";
import { ChartFrame, Legend, type ChartTextProps, type LegendEntry } from "./frame";
import { COLORS, finite, round, textWidth, valueAxis } from "./scales";

export interface ColumnPoint {
  /** The period, already formatted ("T1/2026", "Jan 2026"). */
  label: string;
  value: number;
  /** The comparison period's value; drawn only when `previousLabel` is given. */
  previous?: number | null;
}

export interface ColumnChartProps extends ChartTextProps {
  /** In time order. */
  points: readonly ColumnPoint[];
  /** Header of the period column in the data table ("Tháng"). */
  categoryLabel: string;
  /** Name of the main series, in the legend and the table ("Năm 2026"). */
  seriesLabel: string;
  /** Name of the comparison series ("Cùng kỳ 2025"); without it `previous` values are ignored. */
  previousLabel?: string;
  /** Defaults to VND in `locale`. */
  formatValue?: (value: number) => string;
  /** Axis ticks; defaults to `formatValue`. */
  formatTick?: (value: number) => string;
  locale?: Locale;
}

const WIDTH = 560;
const PLOT_HEIGHT = 200;
const LEGEND = 28;
const TOP = 10;
const BOTTOM = 26;
const RIGHT = 8;

/** Columns over time, with an optional comparison series drawn as lighter outlined columns beside them. */
export function ColumnChart({
  points,
  categoryLabel,
  seriesLabel,
  previousLabel,
  formatValue,
  formatTick,
  locale = "vi",
  ...text
}: ColumnChartProps) {
  const format = formatValue ?? ((n: number) => formatVnd(n, locale));
  const tick = formatTick ?? format;
  const current = points.map((p) => (finite(p.value) ? p.value : 0));
  const previous = points.map((p) => (previousLabel && finite(p.previous) ? p.previous : null));
  const compare = previous.some((v) => v !== null);
  const all = [...current, ...previous.filter(finite)];
  const empty = all.every((v) => v === 0);

  const top = TOP + (compare ? LEGEND : 0);
  const height = top + PLOT_HEIGHT + BOTTOM;
  const { scale: y, ticks } = valueAxis(all, [top + PLOT_HEIGHT, top]);
  const tickLabels = ticks.map(tick);
  const left = Math.max(0, ...tickLabels.map((t) => textWidth(t))) + 10;
  const x = scaleBand<number>()
    .domain(points.map((_, i) => i))
    .range([left, WIDTH - RIGHT])
    .paddingInner(0.25)
    .paddingOuter(0.15);
  const band = x.bandwidth();
  const half = compare ? band / 2 : band;
  // Label every k-th period when the labels would run into each other; the table has them all.
  const every = Math.max(
    1,
    Math.ceil((Math.max(0, ...points.map((p) => textWidth(p.label))) + 6) / x.step()),
  );
  const zero = y(0);
  const column = (value: number, at: number) => ({
    x: round(at),
    y: round(Math.min(y(value), zero)),
    width: round(Math.max(1, half - (compare ? 1 : 0))),
    height: round(Math.abs(y(value) - zero)),
  });

  const head = compare ? [categoryLabel, seriesLabel, previousLabel!] : [categoryLabel, seriesLabel];
  const rows = points.map((p, i) => {
    const row = [p.label, format(current[i]!)];
    if (compare) row.push(previous[i] === null ? "–" : format(previous[i]!));
    return row;
  });
  const legend: LegendEntry[] = [
    { label: seriesLabel, color: COLORS.series[0], mark: "solid" },
    { label: previousLabel ?? "", color: COLORS.series[0], mark: "outline" },
  ];

  return (
    <ChartFrame {...text} empty={empty} width={WIDTH} height={height} table={{ head, rows }}>
      {compare ? <Legend entries={legend} x={left} y={TOP + 8} /> : null}
      <g className="chart__grid">
        {ticks.map((t, i) => (
          <g key={i}>
            <line x1={left} x2={WIDTH - RIGHT} y1={round(y(t))} y2={round(y(t))} stroke={COLORS.grid} />
            <text x={left - 6} y={round(y(t))} dy="0.35em" textAnchor="end" fill={COLORS.label}>
              {tickLabels[i]}
            </text>
          </g>
        ))}
      </g>
      {points.map((p, i) => {
        const at = x(i)!;
        const prev = previous[i];
        return (
          <g key={i}>
            {compare && prev !== null && prev !== undefined ? (
              <rect
                className="chart__column chart__column--previous"
                {...column(prev, at)}
                fill={COLORS.previousFill}
                stroke={COLORS.series[0]}
                strokeWidth={1.5}
              >
                <title>{`${p.label}, ${previousLabel}: ${format(prev)}`}</title>
              </rect>
            ) : null}
            <rect
              className="chart__column"
              {...column(current[i]!, compare ? at + half + 1 : at)}
              fill={COLORS.series[0]}
            >
              <title>{`${p.label}, ${seriesLabel}: ${format(current[i]!)}`}</title>
            </rect>
            {i % every === 0 ? (
              <text
                x={round(at + band / 2)}
                y={top + PLOT_HEIGHT + 16}
                textAnchor="middle"
                fill={COLORS.label}
              >
                {p.label}
              </text>
            ) : null}
          </g>
        );
      })}
      <line x1={left} x2={WIDTH - RIGHT} y1={round(zero)} y2={round(zero)} stroke={COLORS.axis} />
    </ChartFrame>
  );
}

import { scalePoint } from "d3-scale";
import { line, symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle } from "d3-shape";
import { formatNumber } from "../../../server/vocabulary/format";
import type { Locale } from "../../../server/vocabulary/locale";
import { ChartFrame, Legend, type ChartTextProps } from "./frame";
import { COLORS, finite, round, seriesColor, textWidth, valueAxis } from "./scales";

export interface LineSeries {
  name: string;
  /** One value per label; null where there is none (the line breaks there). */
  values: readonly (number | null)[];
}

export interface LineChartProps extends ChartTextProps {
  /** The periods, in order and already formatted ("T1", "T2"…). */
  labels: readonly string[];
  series: readonly LineSeries[];
  /** Header of the period column in the data table ("Tháng"). */
  categoryLabel: string;
  /** Defaults to a plain number in `locale`. */
  formatValue?: (value: number) => string;
  /** Axis ticks; defaults to `formatValue`. */
  formatTick?: (value: number) => string;
  /** Fixed value range (e.g. [0, 100] for percentages); defaults to the data's, from zero, made round. */
  yDomain?: readonly [number, number];
  locale?: Locale;
}

const WIDTH = 560;
const PLOT_HEIGHT = 200;
const LEGEND = 28;
const TOP = 10;
const BOTTOM = 26;
const RIGHT = 16;
// A different marker per series as well as a different colour, so series stay apart without colour vision.
const SYMBOLS = [symbolCircle, symbolSquare, symbolDiamond, symbolTriangle];
const markerPath = (i: number) => symbol(SYMBOLS[i % SYMBOLS.length], 48).digits(2)()!;

/** One or more series over time, with a marker at each value, gridlines and round y ticks. */
export function LineChart({
  labels,
  series,
  categoryLabel,
  formatValue,
  formatTick,
  yDomain,
  locale = "vi",
  ...text
}: LineChartProps) {
  const format = formatValue ?? ((n: number) => formatNumber(n, locale));
  const tick = formatTick ?? format;
  const values = series.map((s) =>
    labels.map((_, i) => s.values[i] ?? null).map((v) => (finite(v) ? v : null)),
  );
  const defined = values.flat().filter(finite);
  const empty = labels.length === 0 || defined.length === 0;
  const legendRow = series.length > 1;

  const top = TOP + (legendRow ? LEGEND : 0);
  const height = top + PLOT_HEIGHT + BOTTOM;
  const { scale: y, ticks } = valueAxis(defined, [top + PLOT_HEIGHT, top], yDomain);
  const tickLabels = ticks.map(tick);
  const left = Math.max(0, ...tickLabels.map((t) => textWidth(t))) + 10;
  const x = scalePoint<number>()
    .domain(labels.map((_, i) => i))
    .range([left, WIDTH - RIGHT])
    .padding(0.5);
  const every = Math.max(
    1,
    Math.ceil((Math.max(0, ...labels.map((l) => textWidth(l))) + 6) / (x.step() || 1)),
  );
  const path = line<[number, number | null]>()
    .defined(([, v]) => v !== null)
    .x(([i]) => x(i)!)
    .y(([, v]) => y(v!))
    .digits(2);

  const head = [categoryLabel, ...series.map((s) => s.name)];
  const rows = labels.map((label, i) => [label, ...values.map((v) => (v[i] === null ? "–" : format(v[i]!)))]);

  return (
    <ChartFrame {...text} empty={empty} width={WIDTH} height={height} table={{ head, rows }}>
      {legendRow ? (
        <Legend
          entries={series.map((s, i) => ({
            label: s.name,
            color: seriesColor(i),
            mark: { symbol: markerPath(i) },
          }))}
          x={left}
          y={TOP + 8}
        />
      ) : null}
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
      <g className="chart__labels" fill={COLORS.label}>
        {labels.map((label, i) =>
          i % every === 0 ? (
            <text key={i} x={round(x(i)!)} y={top + PLOT_HEIGHT + 16} textAnchor="middle">
              {label}
            </text>
          ) : null,
        )}
      </g>
      {series.map((s, n) => (
        <g key={n} className="chart__series" fill={seriesColor(n)}>
          <path
            d={path(values[n]!.map((v, i) => [i, v])) ?? ""}
            fill="none"
            stroke={seriesColor(n)}
            strokeWidth={2}
          />
          {values[n]!.map((v, i) =>
            v === null ? null : (
              <path
                key={i}
                className="chart__point"
                d={markerPath(n)}
                transform={`translate(${round(x(i)!)},${round(y(v))})`}
              >
                <title>{`${labels[i]}, ${s.name}: ${format(v)}`}</title>
              </path>
            ),
          )}
        </g>
      ))}
    </ChartFrame>
  );
}

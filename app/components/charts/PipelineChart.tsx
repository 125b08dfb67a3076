import { scaleLinear } from "d3-scale";
import { formatNumber, formatVnd } from "../../../server/vocabulary/format";
import type { Locale } from "../../../server/vocabulary/locale";
import { ChartFrame, type ChartTextProps } from "./frame";
import { COLORS, charsIn, finite, round, textWidth, truncate } from "./scales";

/** "progress" stages are the way forward and are joined by arrows; "stalled" and "cancelled" stand apart. */
export type StageTone = "progress" | "stalled" | "cancelled";

export interface PipelineStage {
  label: string;
  count: number;
  /** Total value of the stage's agreements. */
  value: number;
  tone?: StageTone;
}

export interface PipelineChartProps extends ChartTextProps {
  /** Left to right as given: signed → in implementation → completed, then stalled and cancelled. */
  stages: readonly PipelineStage[];
  /** Table headers ("Giai đoạn", "Số hợp đồng", "Giá trị"). */
  stageLabel: string;
  countLabel: string;
  valueLabel: string;
  /** What the bar heights show; both are written above each bar. Defaults to "count". */
  measure?: "count" | "value";
  /** Defaults to a plain number in `locale`. */
  formatCount?: (count: number) => string;
  /** Defaults to VND in `locale`. */
  formatValue?: (value: number) => string;
  locale?: Locale;
}

const MIN_WIDTH = 560;
const MIN_SLOT = 96;
const GAP = 28;
const PLOT_HEIGHT = 150;
const TOP = 40; // two lines of figures above the tallest bar
const BOTTOM = 28;
const VALUE_FONT = 11;

const toneColor = (tone: StageTone) =>
  tone === "stalled" ? COLORS.stalled : tone === "cancelled" ? COLORS.cancelled : COLORS.series[0];

/** Stages left to right, each a bar with its count and value, the forward path joined by arrows. */
export function PipelineChart({
  stages,
  stageLabel,
  countLabel,
  valueLabel,
  measure = "count",
  formatCount,
  formatValue,
  locale = "vi",
  ...text
}: PipelineChartProps) {
  const fmtCount = formatCount ?? ((n: number) => formatNumber(n, locale));
  const fmtValue = formatValue ?? ((n: number) => formatVnd(n, locale));
  const rows = stages.map((s) => ({
    label: s.label,
    count: finite(s.count) ? Math.max(0, s.count) : 0,
    value: finite(s.value) ? Math.max(0, s.value) : 0,
    tone: s.tone ?? "progress",
  }));
  const counts = rows.map((s) => fmtCount(s.count));
  const values = rows.map((s) => fmtValue(s.value));
  const empty = rows.every((s) => s.count === 0 && s.value === 0);

  // Each slot is wide enough for its figures; the SVG grows rather than letting them collide.
  const slot = Math.max(
    MIN_SLOT,
    ...values.map((v) => textWidth(v, VALUE_FONT) + 8),
    ...counts.map((c) => textWidth(c) + 8),
  );
  const step = slot + GAP;
  const width = Math.max(MIN_WIDTH, rows.length * step - GAP);
  const offset = (width - (rows.length * step - GAP)) / 2;
  const baseline = TOP + PLOT_HEIGHT;
  const height = baseline + BOTTOM;
  const h = scaleLinear()
    .domain([0, Math.max(1, ...rows.map((s) => s[measure]))])
    .range([0, PLOT_HEIGHT]);
  const maxChars = charsIn(slot + GAP - 4);

  return (
    <ChartFrame
      {...text}
      empty={empty}
      width={width}
      height={height}
      table={{
        head: [stageLabel, countLabel, valueLabel],
        rows: rows.map((s, i) => [s.label, counts[i]!, values[i]!]),
      }}
    >
      {rows.map((s, i) => {
        const x = round(offset + i * step);
        const centre = round(x + slot / 2);
        const barHeight = round(h(s[measure]));
        const barTop = round(baseline - barHeight);
        const next = rows[i + 1];
        const arrow = s.tone === "progress" && next?.tone === "progress";
        const apart = next !== undefined && !arrow;
        const gapMiddle = round(x + slot + GAP / 2);
        return (
          <g key={i} className={`chart__stage chart__stage--${s.tone}`}>
            <title>{`${s.label}: ${counts[i]}, ${values[i]}`}</title>
            <rect x={x} y={barTop} width={round(slot)} height={barHeight} fill={toneColor(s.tone)} />
            <text x={centre} y={round(barTop - 20)} textAnchor="middle" fontWeight="bold">
              {counts[i]}
            </text>
            <text
              x={centre}
              y={round(barTop - 6)}
              textAnchor="middle"
              fontSize={VALUE_FONT}
              fill={COLORS.label}
            >
              {values[i]}
            </text>
            <text x={centre} y={baseline + 18} textAnchor="middle">
              {truncate(s.label, maxChars)}
            </text>
            {arrow ? (
              <path
                d={`M${gapMiddle - 4},${baseline - 14}l8,6l-8,6`}
                fill="none"
                stroke={COLORS.axis}
                strokeWidth={2}
              />
            ) : null}
            {apart ? (
              <line
                x1={gapMiddle}
                x2={gapMiddle}
                y1={TOP - 10}
                y2={baseline}
                stroke={COLORS.grid}
                strokeDasharray="4 4"
              />
            ) : null}
          </g>
        );
      })}
      <line x1={round(offset)} x2={round(width - offset)} y1={baseline} y2={baseline} stroke={COLORS.axis} />
    </ChartFrame>
  );
}

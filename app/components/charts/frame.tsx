import { useId, type ReactNode } from "react";
import { COLORS, FONT, round, textWidth } from "./scales";

/** Text every chart takes, already translated by the calling page. */
export interface ChartTextProps {
  /** Names the figure, the SVG and the data table. */
  title: string;
  /** A note under the title (source, period, unit). */
  caption?: string;
  /** One or two sentences saying what the chart shows, read as the SVG's description. */
  description?: string;
  /** Shown instead of the chart when there is nothing to draw. */
  emptyMessage: string;
  /** With it the data table sits in a <details> opened by this text; without it the table is for screen readers only. */
  tableLabel?: string;
  className?: string;
}

/** The accessible table behind a chart: a header row, then rows whose first cell names the row. */
export interface DataTable {
  head: readonly string[];
  rows: readonly (readonly string[])[];
}

interface ChartFrameProps extends ChartTextProps {
  /** True renders `emptyMessage` and no SVG. */
  empty: boolean;
  width: number;
  height: number;
  table: DataTable;
  children?: ReactNode;
}

/**
 * <figure> with the title in a <figcaption>, the drawing as a responsive SVG (viewBox, width 100%) named for
 * assistive technology, and the numbers as a real table. The SVG is role="img", so what it draws is not read twice.
 */
export function ChartFrame({
  title,
  caption,
  description,
  emptyMessage,
  tableLabel,
  className,
  empty,
  width,
  height,
  table,
  children,
}: ChartFrameProps) {
  const id = useId();
  const titleId = `${id}title`;
  const descId = `${id}desc`;
  const figcaption = (
    <figcaption className="chart__caption">
      <div className="chart__title">{title}</div>
      {caption ? <div className="chart__note">{caption}</div> : null}
    </figcaption>
  );
  const classes = ["chart", empty ? "chart--empty" : null, className].filter(Boolean).join(" ");
  if (empty) {
    return (
      <figure className={classes}>
        {figcaption}
        <p className="chart__empty">{emptyMessage}</p>
      </figure>
    );
  }
  const dataTable = (
    <table className={tableLabel ? "chart__table" : "chart__table visually-hidden"}>
      <caption>{title}</caption>
      <thead>
        <tr>
          {table.head.map((cell, i) => (
            <th key={i} scope="col">
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <figure className={classes}>
      {figcaption}
      <svg
        className="chart__svg"
        viewBox={`0 0 ${round(width)} ${round(height)}`}
        width="100%"
        // Shrinks to fit a narrow column but never grows past its drawn size, so text is never larger than designed.
        style={{ maxWidth: `${round(width)}px` }}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={description ? descId : undefined}
        fontSize={FONT}
        fill={COLORS.text}
      >
        <title id={titleId}>{title}</title>
        {description ? <desc id={descId}>{description}</desc> : null}
        {children}
      </svg>
      {tableLabel ? (
        <details className="chart__data">
          <summary>{tableLabel}</summary>
          {dataTable}
        </details>
      ) : (
        dataTable
      )}
    </figure>
  );
}

export interface LegendEntry {
  label: string;
  color: string;
  /** "solid" column, "outline" column (a comparison series), or a line with this d3 symbol path as its marker. */
  mark: "solid" | "outline" | { symbol: string };
}

const SWATCH = 12;
const LEGEND_GAP = 20;

/** A one-line legend starting at (x, y), y being the middle of the line. */
export function Legend({ entries, x, y }: { entries: readonly LegendEntry[]; x: number; y: number }) {
  const starts = entries.map((_, i) =>
    entries.slice(0, i).reduce((at, e) => at + SWATCH + 6 + textWidth(e.label) + LEGEND_GAP, x),
  );
  return (
    <g className="chart__legend">
      {entries.map((entry, i) => {
        const at = round(starts[i]!);
        const { mark } = entry;
        return (
          <g key={i}>
            {mark === "solid" || mark === "outline" ? (
              <rect
                x={at}
                y={round(y - SWATCH / 2)}
                width={SWATCH}
                height={SWATCH}
                fill={mark === "solid" ? entry.color : COLORS.previousFill}
                stroke={mark === "outline" ? entry.color : undefined}
                strokeWidth={mark === "outline" ? 1.5 : undefined}
              />
            ) : (
              <>
                <line x1={at} x2={at + SWATCH} y1={y} y2={y} stroke={entry.color} strokeWidth={2} />
                <path
                  d={mark.symbol}
                  transform={`translate(${round(at + SWATCH / 2)},${y})`}
                  fill={entry.color}
                />
              </>
            )}
            <text x={round(at + SWATCH + 6)} y={y} dy="0.35em">
              {entry.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

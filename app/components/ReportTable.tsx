import { formatCell, type ReportTable as Table } from "../../server/reports/tables";
import type { Locale } from "../../server/vocabulary/locale";

/**
 * One of the report's tables (server/reports/tables.ts) as HTML: the title as its caption, figures right-aligned
 * and formatted in the reader's language, the first cell of each row naming it.
 */
export function ReportTable({
  table,
  locale,
  emptyMessage,
  className,
}: {
  table: Table;
  locale: Locale;
  emptyMessage: string;
  className?: string;
}) {
  return (
    <div className={["table-scroll", className].filter(Boolean).join(" ")}>
      <table className="data-table report-table">
        <caption>{table.title}</caption>
        <thead>
          <tr>
            {table.headers.map((header, i) => (
              <th key={i} scope="col" className={i > 0 && isNumeric(table, i) ? "num" : undefined}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 ? (
            <tr>
              <td colSpan={table.headers.length} className="muted">
                {emptyMessage}
              </td>
            </tr>
          ) : (
            table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => {
                  const text = formatCell(cell, locale);
                  const numeric = cell.kind !== "text";
                  // The row's name is its header cell; a rank (a number) is not a name, the next cell is.
                  return i === 0 && !numeric ? (
                    <th key={i} scope="row">
                      {text}
                    </th>
                  ) : (
                    <td key={i} className={numeric ? "num" : undefined}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A column of figures (judged by its first row's cell): right-aligned with its header. */
function isNumeric(table: Table, column: number) {
  const cell = table.rows[0]?.[column];
  return cell !== undefined && cell.kind !== "text";
}

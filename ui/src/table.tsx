/** The dashboard's one table: a header row, one row per item, scrolled sideways in its own box on a phone. */
import type { ComponentChildren } from 'preact';

export interface Column<T> {
  title: string;
  cell: (row: T) => ComponentChildren;
  /** A class for the column's cells (state colours). */
  cellClass?: (row: T) => string;
}

export function Table<T>({ label, columns, rows, rowKey }: { label: string; columns: Array<Column<T> | false>; rows: T[]; rowKey: (row: T) => string }) {
  const shown = columns.filter((c): c is Column<T> => c !== false);
  return (
    <div class="scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            {shown.map((c) => (
              <th key={c.title} scope="col">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {shown.map((c) => (
                <td key={c.title} class={c.cellClass?.(row)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An error from the controller, read out by screen readers as it appears. */
export function Failure({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}

/** A missing value. */
export const Dash = () => <span class="muted">—</span>;

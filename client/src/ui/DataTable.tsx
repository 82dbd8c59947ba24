/**
 * The design system's data table (`lf-table`): a header row from column definitions and one row per record.
 * Columns say how to draw a cell; rows and cells can carry their own attributes (a click handler, a test id, a
 * status for styling, a tooltip), so pages keep their behaviour while the table markup lives here once.
 */
import type { HTMLAttributes, ReactNode, TdHTMLAttributes } from 'react';

/** `data-*` attributes, which React passes through to the element. */
type DataAttributes = { [name: `data-${string}`]: string | number | boolean | undefined };

export type RowAttributes = HTMLAttributes<HTMLTableRowElement> & DataAttributes;
export type CellAttributes = TdHTMLAttributes<HTMLTableCellElement> & DataAttributes;

export interface Column<Row> {
  /** The header cell's content. */
  header: ReactNode;
  /** React key of the column; needed when `header` is not a unique string. */
  key?: string;
  /** Figures: right-aligned (`lf-num`) in the header and every cell. */
  numeric?: boolean;
  /** Class of the header cell and of every cell of the column. */
  className?: string;
  /** Class of every cell of the column, not of the header. */
  cellClassName?: string;
  /** The header is for screen readers only (an actions column). */
  hiddenHeader?: boolean;
  cell(row: Row): ReactNode;
  /** Attributes of one cell: a tooltip, a test id, a class that depends on the value (added to the column's). */
  cellProps?(row: Row): CellAttributes;
}

interface DataTableProps<Row> {
  rows: readonly Row[];
  columns: ReadonlyArray<Column<Row> | false>;
  rowKey(row: Row): string;
  /** Attributes of one row: `onClick`, `className`, `data-testid`, `data-status`… */
  rowProps?(row: Row): RowAttributes;
  /** Classes added to `lf-table`, e.g. `lf-table--clickable lf-run-table`. */
  className?: string;
  testId?: string;
}

const classes = (...names: Array<string | false | undefined>) => names.filter(Boolean).join(' ') || undefined;

/** A table of `rows`; a column given as `false` is left out (a column shown only in some views). */
export function DataTable<Row>({ rows, columns, rowKey, rowProps, className, testId }: DataTableProps<Row>) {
  const shown = columns.filter((column): column is Column<Row> => column !== false);
  const keyOf = (column: Column<Row>, index: number) => column.key ?? (typeof column.header === 'string' && column.header ? column.header : String(index));
  return (
    <table className={classes('lf-table', className)} data-testid={testId}>
      <thead>
        <tr>
          {shown.map((column, index) => (
            <th key={keyOf(column, index)} className={classes(column.numeric && 'lf-num', column.className)}>
              {column.hiddenHeader ? <span className="lf-sr-only">{column.header}</span> : column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowProps?.(row)}>
            {shown.map((column, index) => {
              const props = column.cellProps?.(row);
              return (
                <td key={keyOf(column, index)} {...props} className={classes(column.numeric && 'lf-num', column.className, column.cellClassName, props?.className)}>
                  {column.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { Fragment } from 'react';
import { cn } from './cn';

/**
 * One column of a DataTable.
 * - `header`: the column's name, in the header row and as the value's label on a card.
 * - `hideHeader`: the name is for screen readers only (an actions column).
 * - `hideBelow`: a secondary column, dropped while the table is narrower than md 48rem or lg 64rem
 *   (the table's own width, not the window's: a full page is ~70rem at 1440px, ~60rem at 1024px,
 *   ~45rem at 768px). It comes back on cards.
 * - `primary`: the card's title (shown without a label); usually the row's name or link.
 * - `nowrap`: keep the value on one line (dates, amounts, short codes).
 */
export interface Column<Row> {
  key: string;
  header: string;
  cell: (row: Row, index: number) => React.ReactNode;
  align?: 'left' | 'right';
  hideBelow?: 'md' | 'lg';
  primary?: boolean;
  hideHeader?: boolean;
  nowrap?: boolean;
  className?: string;
}

/** Attributes a row may carry for tests and state (`data-testid`, `data-status`), and its class. */
export type RowProps = { className?: string; id?: string } & { [data: `data-${string}`]: string | undefined };

/**
 * The dashboard's table: a real <table> with a caption, column headers and row cells on wide
 * screens; as its own width shrinks, secondary columns drop out (`hideBelow`), and below 32rem (or
 * 48rem, `cardsBelow="md"`) each row becomes a card whose values are labelled with their column's name. The layout follows the
 * table's container (CSS container queries in globals.css), so the same table fits a full page, a
 * half-page pane and a sidebar. No hooks: usable from server and client components alike.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  rowProps,
  expanded,
  cardsBelow = 'sm',
  className,
}: {
  /** Names the table for screen readers (and for tests: getByRole('table', { name })). */
  caption: string;
  /** `false`/`null` entries are skipped, for columns a role does not see. */
  columns: Array<Column<Row> | false | null | undefined>;
  rows: Row[];
  rowKey: (row: Row) => string;
  rowProps?: (row: Row) => RowProps;
  /** A full-width detail row under a row (its steps, its versions), or null when closed. */
  expanded?: (row: Row) => { id?: string; content: React.ReactNode } | null;
  /** Rows become cards below 32rem (`sm`), or below 48rem (`md`) for a table with many columns or wide actions. */
  cardsBelow?: 'sm' | 'md';
  className?: string;
}) {
  const cols = columns.filter((c): c is Column<Row> => !!c);
  return (
    <div data-cards={cardsBelow} className={cn('data-table overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm', className)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {cols.map((c) => (
              <th
                key={c.key}
                scope="col"
                data-hide={c.hideBelow}
                className={cn('whitespace-nowrap bg-slate-50 px-4 py-2.5 font-medium text-slate-700', c.align === 'right' ? 'text-right' : 'text-left')}
              >
                {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, i) => {
            const key = rowKey(row);
            const { className: rowClass, ...attrs } = rowProps?.(row) ?? {};
            const detail = expanded?.(row);
            return (
              <Fragment key={key}>
                <tr {...attrs} className={rowClass}>
                  {cols.map((c) => (
                    <td
                      key={c.key}
                      data-hide={c.hideBelow}
                      data-primary={c.primary ? '' : undefined}
                      data-nolabel={c.hideHeader ? '' : undefined}
                      className={cn('px-4 py-2.5 align-top', c.align === 'right' && 'text-right tabular-nums', c.nowrap && 'whitespace-nowrap', c.className)}
                    >
                      {/* Shown only on cards, where no header row labels the value. */}
                      <span className="dt-label">{c.header}</span>
                      <div className="dt-value">{c.cell(row, i)}</div>
                    </td>
                  ))}
                </tr>
                {detail ? (
                  <tr id={detail.id} className="dt-detail">
                    <td colSpan={cols.length} className="bg-slate-50 px-6 py-3">
                      {detail.content}
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

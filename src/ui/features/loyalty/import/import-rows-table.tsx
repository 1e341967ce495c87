import { IMPORT_ROW_WORDS, type ImportRowResult } from '@/domain/loyalty/opening-import-records';
import { Badge } from '@/ui/primitives/badge';
import { DataTable } from '@/ui/primitives/data-table';
import { formatCount } from '@/ui/primitives/format';

/** The row-by-row report in plain words: as it happened, or as a dry run says it would. */
export function ImportRowsTable({ rows, dryRun, caption }: { rows: ImportRowResult[]; dryRun: boolean; caption: string }) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(r) => String(r.line)}
      rowProps={(r) => ({ 'data-status': r.status })}
      cardsBelow="md"
      columns={[
        { key: 'line', header: 'Line', cell: (r) => r.line, align: 'right', nowrap: true },
        {
          key: 'outcome',
          header: 'Outcome',
          primary: true,
          nowrap: true,
          cell: (r) => <Badge tone={IMPORT_ROW_WORDS[r.status].tone}>{dryRun ? IMPORT_ROW_WORDS[r.status].dryRun : IMPORT_ROW_WORDS[r.status].label}</Badge>,
        },
        { key: 'customer', header: 'Customer', cell: (r) => r.customerName ?? '—' },
        { key: 'who', header: 'Phone or email', className: 'wrap-anywhere', cell: (r) => r.phone ?? r.email ?? r.raw ?? '—' },
        { key: 'points', header: 'Points', align: 'right', nowrap: true, cell: (r) => (r.points === null ? '—' : formatCount(r.points)) },
        { key: 'message', header: 'What happened', cell: (r) => r.message },
      ]}
    />
  );
}

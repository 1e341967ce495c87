'use client';

import { useCallback, useState } from 'react';
import type { ImportRowResult } from '@/domain/loyalty/opening-import-records';
import { api } from '@/ui/primitives/api-client';
import { buttonClass } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';
import { formatCount } from '@/ui/primitives/format';
import { Time } from '@/ui/primitives/time';
import { ImportRowsTable } from './import-rows-table';
import { countsSentence, usePolling, type ImportReportJson } from './import-shared';

const signed = (n: number) => (n > 0 ? `+${formatCount(n)}` : formatCount(n));

/** One import: a progress bar while it runs, then its rows and the reconciliation against balances now. */
export function ImportReportView({ importId, onFinished }: { importId: string; onFinished: () => Promise<void> }) {
  const [report, setReport] = useState<ImportReportJson | null>(null);
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    const path = `/api/loyalty/imports/${encodeURIComponent(importId)}${onlyDifferences ? '?only=differences' : ''}`;
    try {
      const r = await api<ImportReportJson>(path);
      setReport((prev) => {
        if (prev?.import.status === 'running' && r.import.status !== 'running') void onFinished();
        return r;
      });
      setFailed(false);
      return r.import.status === 'running' && !r.import.stalled;
    } catch {
      setFailed(true);
      return false;
    }
  }, [importId, onlyDifferences, onFinished]);
  usePolling(load, 1_500);

  if (failed) return <p className="text-sm text-red-700">The report could not be loaded. Reload the page to try again.</p>;
  if (!report) return <p className="text-sm text-slate-600">Loading the report…</p>;
  const imp = report.import;
  const percent = imp.totalRows ? Math.round((imp.processedRows / imp.totalRows) * 100) : 100;
  const csvHref = `/api/loyalty/imports/${encodeURIComponent(imp.id)}?format=csv${onlyDifferences ? '&only=differences' : ''}`;
  return (
    <Card>
      <h2 className="text-lg font-semibold wrap-anywhere">Report: {imp.fileName}</h2>
      <p className="mt-1 text-sm text-slate-600">
        {imp.mode === 'replace' ? 'Replacing' : 'Adding'} opening balances, started <Time value={imp.createdAt} /> by {imp.createdBy.name}.
      </p>
      <div className="mt-3">
        <div
          role="progressbar"
          aria-label={`Import of ${imp.fileName}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${formatCount(imp.processedRows)} of ${formatCount(imp.totalRows)} rows`}
          className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
        </div>
        <p role="status" aria-live="polite" className="mt-1 text-sm">
          {imp.status === 'running' && !imp.stalled
            ? `Importing: ${formatCount(imp.processedRows)} of ${formatCount(imp.totalRows)} rows done.`
            : imp.stalled
              ? `Stopped answering after ${formatCount(imp.processedRows)} rows. Import the same file again: customers already done are skipped.`
              : imp.status === 'failed'
                ? (imp.error ?? 'Stopped.')
                : `Done: ${countsSentence(imp.counts, false)}; ${signed(imp.pointsPosted)} points posted.`}
        </p>
      </div>

      <h3 className="mt-5 text-base font-semibold">Row by row</h3>
      <div className="mt-2">
        <ImportRowsTable rows={report.rows as ImportRowResult[]} dryRun={false} caption={`Rows of ${imp.fileName}`} />
        {report.matchingRows > report.rows.length ? (
          <p className="mt-2 text-xs text-slate-600">
            Showing the first {formatCount(report.rows.length)} of {formatCount(report.matchingRows)} rows.
          </p>
        ) : null}
      </div>

      <h3 className="mt-5 text-base font-semibold">Reconciliation</h3>
      <p className="mt-1 text-sm text-slate-600">
        Each customer&rsquo;s imported points against their points now. A difference is what happened since (points earned, spent or expired) or a figure to
        check. {formatCount(report.reconciliation.withDifference)} of {formatCount(report.reconciliation.total)} customers differ.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} />
          Only differences
        </label>
        <a className={buttonClass('secondary')} href={csvHref} download>
          Download CSV
        </a>
      </div>
      <div className="mt-2">
        <DataTable
          caption={`Reconciliation of ${imp.fileName}${onlyDifferences ? ', differences only' : ''}`}
          rows={report.reconciliation.rows}
          rowKey={(r) => `${r.line}`}
          columns={[
            { key: 'customer', header: 'Customer', primary: true, cell: (r) => r.customerName ?? r.customerId },
            { key: 'who', header: 'Phone or email', hideBelow: 'md', className: 'wrap-anywhere', cell: (r) => r.identifier },
            { key: 'imported', header: 'Imported', align: 'right', nowrap: true, cell: (r) => formatCount(r.imported) },
            { key: 'balance', header: 'Points now', align: 'right', nowrap: true, cell: (r) => formatCount(r.balance) },
            { key: 'difference', header: 'Difference', align: 'right', nowrap: true, cell: (r) => (r.difference === 0 ? 'None' : signed(r.difference)) },
          ]}
        />
      </div>
    </Card>
  );
}

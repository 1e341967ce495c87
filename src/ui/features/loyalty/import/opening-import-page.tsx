'use client';

import { useCallback, useId, useState } from 'react';
import { IMPORT_SAMPLE_CSV, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '@/domain/loyalty/opening-import';
import type { ImportMode, ImportRowResult } from '@/domain/loyalty/opening-import-records';
import type { DryRunReport } from '@/server/services/loyalty/import-opening-balances';
import type { ImportSummary } from '@/server/services/loyalty/opening-import-reports';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Badge } from '@/ui/primitives/badge';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';
import { formatCount } from '@/ui/primitives/format';
import { Time } from '@/ui/primitives/time';
import { ImportReportView } from './import-report';
import { ImportRowsTable } from './import-rows-table';
import { countsSentence, type ImportSummaryJson, type Json } from './import-shared';

const STATUS_WORDS: Record<ImportSummary['status'], { label: string; tone: 'info' | 'success' | 'danger' }> = {
  running: { label: 'Importing', tone: 'info' },
  completed: { label: 'Done', tone: 'success' },
  failed: { label: 'Stopped', tone: 'danger' },
};

/**
 * Opening balances from another provider: pick the CSV, check it with a dry run, then import it
 * and follow its progress; below, the latest imports and the chosen one's report.
 */
export function OpeningImportPage({ canImport, initialImports }: { canImport: boolean; initialImports: ImportSummaryJson[] }) {
  const fileId = useId();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [mode, setMode] = useState<ImportMode>('add');
  const [busy, setBusy] = useState<null | 'checking' | 'importing'>(null);
  const [error, setError] = useState<string | null>(null);
  const [dry, setDry] = useState<Json<DryRunReport> | null>(null);
  const [imports, setImports] = useState(initialImports);
  const [selected, setSelected] = useState<string | null>(initialImports[0]?.id ?? null);

  const refreshList = useCallback(async () => setImports((await api<{ imports: ImportSummaryJson[] }>('/api/loyalty/imports')).imports), []);

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    setDry(null);
    setError(null);
    const f = e.target.files?.[0];
    if (!f) return setFile(null);
    if (f.size > MAX_IMPORT_BYTES) {
      setFile(null);
      return setError(`${f.name} is ${(f.size / 1_048_576).toFixed(1)} MB; at most ${MAX_IMPORT_BYTES / 1_048_576} MB can be imported at once. Split it.`);
    }
    setFile({ name: f.name, text: await f.text() });
  }

  async function send(dryRun: boolean) {
    if (!file) return;
    setBusy(dryRun ? 'checking' : 'importing');
    setError(null);
    try {
      const res = await api<Json<DryRunReport> | { import: ImportSummaryJson }>('/api/loyalty/imports', {
        body: { fileName: file.name, csvText: file.text, dryRun, mode },
      });
      if ('dryRun' in res) setDry(res);
      else {
        setDry(null);
        setFile(null);
        setSelected(res.import.id);
        await refreshList();
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The file could not be sent. Try again.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-6">
      {canImport ? (
        <Card>
          <h2 className="text-lg font-semibold">Import a CSV file</h2>
          <p className="mt-1 text-sm text-slate-600">
            One row per customer, with a header row: a <strong>phone</strong> or <strong>email</strong> column (or both), a <strong>points</strong> column (or
            &ldquo;balance&rdquo;), and optionally a <strong>tier</strong> column naming one of your tiers. Customers are found by phone or email; nobody is
            created. At most {formatCount(MAX_IMPORT_ROWS)} rows and {MAX_IMPORT_BYTES / 1_048_576} MB per file.
          </p>
          <figure className="mt-3">
            <figcaption className="text-xs font-medium text-slate-600">Example</figcaption>
            <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs" tabIndex={0} aria-label="Example file">
              {IMPORT_SAMPLE_CSV}
            </pre>
          </figure>
          <div className="mt-4 grid gap-4 md:grid-cols-2">
            <div>
              <label htmlFor={fileId} className="block text-sm font-medium text-slate-700">
                CSV file
              </label>
              <input
                id={fileId}
                type="file"
                accept=".csv,text/csv"
                onChange={onFile}
                className="mt-1 block w-full text-sm"
                aria-describedby={`${fileId}-hint`}
              />
              <p id={`${fileId}-hint`} className="mt-1 text-xs text-slate-500">
                Check it first: the dry run shows what would happen to each row without changing anything.
              </p>
            </div>
            <fieldset>
              <legend className="text-sm font-medium text-slate-700">Customers who already have an opening balance</legend>
              <label className="mt-1 flex items-start gap-2 text-sm">
                <input type="radio" name="mode" value="add" checked={mode === 'add'} onChange={() => (setMode('add'), setDry(null))} className="mt-1" />
                Leave them as they are (skip)
              </label>
              <label className="mt-1 flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="mode"
                  value="replace"
                  checked={mode === 'replace'}
                  onChange={() => (setMode('replace'), setDry(null))}
                  className="mt-1"
                />
                Replace it with this file&rsquo;s figure (the difference is added or taken off)
              </label>
            </fieldset>
          </div>
          <div className="mt-4 flex flex-wrap gap-2">
            <Button variant="secondary" disabled={!file || !!busy} onClick={() => send(true)}>
              {busy === 'checking' ? 'Checking…' : 'Check file (dry run)'}
            </Button>
            <Button disabled={!file || !dry || !!busy} onClick={() => send(false)}>
              {busy === 'importing' ? 'Starting…' : dry ? `Import ${formatCount(dry.totalRows)} rows` : 'Import'}
            </Button>
          </div>
          <div role="status" aria-live="polite" className="mt-3 text-sm">
            {error ? <p className="text-red-700">{error}</p> : null}
            {dry ? (
              <p>
                Dry run of {dry.fileName}: {countsSentence(dry.counts, true)}. Nothing has been changed.
              </p>
            ) : null}
          </div>
          {dry ? (
            <div className="mt-3">
              <ImportRowsTable rows={dry.rows as ImportRowResult[]} dryRun caption={`Dry run of ${dry.fileName}, row by row`} />
              {dry.truncated ? (
                <p className="mt-2 text-xs text-slate-600">Showing the first {formatCount(dry.rows.length)} rows; the counts above cover every row.</p>
              ) : null}
            </div>
          ) : null}
        </Card>
      ) : (
        <p className="text-sm text-slate-600">Owners import opening balances; you can read the reports.</p>
      )}

      <Card>
        <h2 className="text-lg font-semibold">Imports</h2>
        {imports.length ? (
          <DataTable
            caption="Latest imports"
            rows={imports}
            rowKey={(i) => i.id}
            columns={[
              { key: 'file', header: 'File', primary: true, className: 'wrap-anywhere', cell: (i) => i.fileName },
              { key: 'when', header: 'When', nowrap: true, cell: (i) => <Time value={i.createdAt} style="short" /> },
              { key: 'who', header: 'By', hideBelow: 'lg', cell: (i) => i.createdBy.name },
              {
                key: 'status',
                header: 'Status',
                nowrap: true,
                cell: (i) => <Badge tone={i.stalled ? 'danger' : STATUS_WORDS[i.status].tone}>{i.stalled ? 'Stalled' : STATUS_WORDS[i.status].label}</Badge>,
              },
              { key: 'rows', header: 'Rows', align: 'right', nowrap: true, cell: (i) => `${formatCount(i.processedRows)} of ${formatCount(i.totalRows)}` },
              {
                key: 'open',
                header: 'Report',
                hideHeader: true,
                cell: (i) => (
                  <Button variant="secondary" aria-pressed={selected === i.id} onClick={() => setSelected(i.id)}>
                    {selected === i.id ? 'Showing' : 'Show'}
                    <span className="sr-only"> report of {i.fileName}</span>
                  </Button>
                ),
              },
            ]}
          />
        ) : (
          <p className="mt-2 text-sm text-slate-600">No imports yet.</p>
        )}
      </Card>

      {selected ? <ImportReportView key={selected} importId={selected} onFinished={refreshList} /> : null}
    </div>
  );
}

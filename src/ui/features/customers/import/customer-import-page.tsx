'use client';

import { useCallback, useId, useState } from 'react';
import { CUSTOMER_IMPORT_FIELDS, FIELD_LABELS, MAX_CUSTOMER_IMPORT_BYTES, MAX_CUSTOMER_IMPORT_ROWS, type ColumnMapping } from '@/domain/crm/import-mapping';
import type { CustomerImportPreview } from '@/server/services/crm/import-customers';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';
import { SelectField } from '@/ui/primitives/field';
import { formatCount } from '@/ui/primitives/format';
import { ImportProgress, countsSentence, type ImportJobJson } from './import-progress';

const consentWords = (c: { status: string } | null) => (!c ? '—' : c.status === 'opted_in' ? 'Yes' : c.status === 'opted_out' ? 'No' : 'Unknown');

/**
 * Customers from a CSV: choose the file, check the columns (guessed from the header, changeable),
 * see the first rows as they will be imported and every bad row, then import and follow the bar.
 */
export function CustomerImportPage({ initialImports }: { initialImports: ImportJobJson[] }) {
  const fileId = useId();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | undefined>(undefined);
  const [preview, setPreview] = useState<CustomerImportPreview | null>(null);
  const [busy, setBusy] = useState<null | 'checking' | 'starting'>(null);
  const [error, setError] = useState<string | null>(null);
  const [imports, setImports] = useState(initialImports);
  const [current, setCurrent] = useState<string | null>(initialImports.find((i) => i.status !== 'completed')?.id ?? null);

  const refresh = useCallback(async () => {
    try {
      setImports((await api<{ imports: ImportJobJson[] }>('/api/customers/import')).imports);
    } catch {
      /* the list is a convenience; the progress card says what matters */
    }
  }, []);

  async function check(f: { name: string; text: string }, m: ColumnMapping | undefined) {
    setBusy('checking');
    setError(null);
    try {
      const p = await api<CustomerImportPreview>('/api/customers/import/preview', { body: { fileName: f.name, csvText: f.text, mapping: m } });
      setPreview(p);
      setMapping(p.mapping as ColumnMapping);
    } catch (err) {
      setPreview(null);
      setError(err instanceof ApiError ? err.message : 'Could not check the file.');
    } finally {
      setBusy(null);
    }
  }

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    setPreview(null);
    setError(null);
    setMapping(undefined);
    const f = e.target.files?.[0];
    if (!f) return setFile(null);
    if (f.size > MAX_CUSTOMER_IMPORT_BYTES) {
      setFile(null);
      return setError(
        `${f.name} is ${(f.size / 1_048_576).toFixed(1)} MB; at most ${MAX_CUSTOMER_IMPORT_BYTES / 1_048_576} MB can be imported at once. Split it.`,
      );
    }
    const loaded = { name: f.name, text: await f.text() };
    setFile(loaded);
    await check(loaded, undefined);
  }

  function setColumn(field: (typeof CUSTOMER_IMPORT_FIELDS)[number], value: string) {
    const next = { ...mapping };
    if (value === '') delete next[field];
    else next[field] = Number(value);
    setMapping(next);
    if (file) void check(file, next);
  }

  async function start() {
    if (!file || !preview) return;
    setBusy('starting');
    setError(null);
    try {
      const res = await api<{ import: ImportJobJson }>('/api/customers/import', { body: { fileName: file.name, csvText: file.text, mapping } });
      setCurrent(res.import.id);
      setPreview(null);
      setFile(null);
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not start the import.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-6">
      <Card>
        <h2 className="text-lg font-semibold">1. Choose the file</h2>
        <label htmlFor={fileId} className="mt-3 block text-sm font-medium text-slate-700">
          CSV file with a header row
        </label>
        <input id={fileId} type="file" accept=".csv,text/csv" onChange={onFile} className="mt-1 block w-full text-sm" aria-describedby={`${fileId}-hint`} />
        <p id={`${fileId}-hint`} className="mt-1 text-xs text-slate-500">
          Up to {formatCount(MAX_CUSTOMER_IMPORT_ROWS)} rows and {MAX_CUSTOMER_IMPORT_BYTES / 1_048_576} MB. Each row needs a phone number, an email or an
          external id: customers who already exist are updated, not added twice. Points are not imported here; use Loyalty, Import opening balances.
        </p>
        <div role="status" aria-live="polite" className="mt-3 text-sm">
          {busy === 'checking' ? <p>Checking every row…</p> : null}
          {error ? <p className="text-red-700">{error}</p> : null}
        </div>
      </Card>

      {preview && file ? (
        <Card>
          <h2 className="text-lg font-semibold">2. Check the columns</h2>
          <p className="mt-1 text-sm text-slate-600">Guessed from the header. Change any that are wrong; every row is checked again.</p>
          <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {CUSTOMER_IMPORT_FIELDS.map((field) => (
              <SelectField
                key={field}
                label={FIELD_LABELS[field]}
                value={mapping?.[field] === undefined ? '' : String(mapping[field])}
                onChange={(e) => setColumn(field, e.target.value)}
                disabled={!!busy}
              >
                <option value="">Not imported</option>
                {preview.header.map((h, i) => (
                  <option key={i} value={i}>
                    Column {i + 1}: {h || '(no name)'}
                  </option>
                ))}
              </SelectField>
            ))}
          </div>
          {preview.mappingProblem ? (
            <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {preview.mappingProblem}
            </p>
          ) : (
            <>
              <h2 className="mt-6 text-lg font-semibold">3. Check the rows</h2>
              <p className="mt-1 text-sm">
                {formatCount(preview.totalRows)} rows: {formatCount(preview.goodRows)} will be imported, {formatCount(preview.badRows)} will not.
              </p>
              {preview.notes.length ? (
                <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-amber-900">
                  {preview.notes.map((n) => (
                    <li key={n.note}>
                      {n.note} ({formatCount(n.rows)} {n.rows === 1 ? 'row' : 'rows'})
                    </li>
                  ))}
                </ul>
              ) : null}
              <div className="mt-3">
                <DataTable
                  caption={`The first ${preview.sample.length} rows as they will be imported`}
                  rows={preview.sample}
                  rowKey={(r) => String(r.line)}
                  columns={[
                    { key: 'line', header: 'Line', nowrap: true, cell: (r) => r.line },
                    {
                      key: 'name',
                      header: 'Name',
                      primary: true,
                      cell: (r) =>
                        r.row ? `${r.row.firstName} ${r.row.lastName}`.trim() || '—' : <span className="text-red-700">Not imported: {r.reason}</span>,
                    },
                    { key: 'email', header: 'Email', className: 'wrap-anywhere', cell: (r) => r.row?.email ?? '—' },
                    { key: 'phone', header: 'Phone', nowrap: true, cell: (r) => r.row?.phone ?? '—' },
                    { key: 'dob', header: 'Born', nowrap: true, hideBelow: 'lg', cell: (r) => r.row?.dateOfBirth ?? '—' },
                    { key: 'tags', header: 'Tags', hideBelow: 'lg', cell: (r) => r.row?.tags.join(', ') || '—' },
                    { key: 'ec', header: 'Email consent', nowrap: true, cell: (r) => consentWords(r.row?.emailConsent ?? null) },
                    { key: 'sc', header: 'SMS consent', nowrap: true, cell: (r) => consentWords(r.row?.smsConsent ?? null) },
                  ]}
                />
              </div>
              {preview.bad.length ? (
                <section className="mt-4" aria-label="Rows that will not be imported">
                  <h3 className="text-base font-semibold">Rows that will not be imported</h3>
                  <ul className="mt-2 max-h-64 space-y-1 overflow-y-auto text-sm">
                    {preview.bad.map((b) => (
                      <li key={b.line}>
                        <span className="font-medium">Line {b.line}:</span> {b.reason}
                      </li>
                    ))}
                  </ul>
                  {preview.badRows > preview.bad.length ? (
                    <p className="mt-1 text-xs text-slate-600">
                      The first {formatCount(preview.bad.length)} are shown; after the import you can download them all.
                    </p>
                  ) : null}
                </section>
              ) : null}
              <div className="mt-4">
                <Button disabled={!!busy || preview.goodRows === 0} onClick={start}>
                  {busy === 'starting' ? 'Starting…' : `Import ${formatCount(preview.goodRows)} customers`}
                </Button>
              </div>
            </>
          )}
        </Card>
      ) : null}

      {current ? <ImportProgress key={current} importId={current} onChange={refresh} /> : null}

      <Card>
        <h2 className="text-lg font-semibold">Recent imports</h2>
        {imports.length ? (
          <ul className="mt-2 divide-y divide-slate-200 text-sm">
            {imports.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="wrap-anywhere">
                  <span className="font-medium">{i.fileName}</span>:{' '}
                  {i.status === 'completed' ? countsSentence(i.counts) : i.status === 'failed' ? 'stopped' : `importing (${i.percent}%)`}
                </span>
                <Button variant="secondary" aria-pressed={current === i.id} onClick={() => setCurrent(i.id)}>
                  {current === i.id ? 'Showing' : 'Show'}
                  <span className="sr-only"> import of {i.fileName}</span>
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No imports yet.</p>
        )}
      </Card>
    </div>
  );
}

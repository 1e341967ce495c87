'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportCounts } from '@/domain/crm/import-records';
import type { CustomerImportSummary } from '@/server/services/crm/customer-import-jobs';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Button, buttonClass } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { formatCount } from '@/ui/primitives/format';

/** What the API's JSON holds: the dates as ISO strings. */
export type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
export type ImportJobJson = Json<CustomerImportSummary>;
interface JobAnswer {
  import: ImportJobJson;
  badRows: Array<{ line: number; reason: string }>;
  badRowCount: number;
}

const POLL_MS = 1_500;

export function countsSentence(c: ImportCounts): string {
  return `${formatCount(c.created)} created, ${formatCount(c.updated)} updated, ${formatCount(c.skipped)} unchanged, ${formatCount(c.bad)} not imported`;
}

/**
 * One import's progress bar, counts and bad rows. While it runs the page polls the job; a job
 * whose instance went away (stalled) or that stopped is continued from its position here.
 */
export function ImportProgress({ importId, onChange }: { importId: string; onChange?: () => void }) {
  const [answer, setAnswer] = useState<JobAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const resumed = useRef(false);
  const path = `/api/customers/import/${encodeURIComponent(importId)}`;

  const load = useCallback(async () => {
    try {
      const a = await api<JobAnswer>(path);
      setAnswer(a);
      setError(null);
      return a;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not read the import; retrying.');
      return null;
    }
  }, [path]);

  const resume = useCallback(async () => {
    try {
      await api(path, { method: 'POST' });
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not continue the import.');
    }
  }, [path, load]);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const a = await load();
      if (stop) return;
      // Re-opening the page continues an import whose instance went away.
      if (a?.import.stalled && !resumed.current) {
        resumed.current = true;
        await resume();
      }
      if (!a || a.import.status === 'running') timer = setTimeout(tick, POLL_MS);
      else onChange?.();
    };
    void tick();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [load, resume, onChange]);

  if (!answer) return <p className="text-sm text-slate-600">{error ?? 'Loading the import…'}</p>;
  const job = answer.import;
  return (
    <Card>
      <h2 className="text-lg font-semibold wrap-anywhere">Import of {job.fileName}</h2>
      <div className="mt-3">
        <div
          role="progressbar"
          aria-label={`Import of ${job.fileName}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={job.percent}
          aria-valuetext={`${formatCount(job.processedRows)} of ${formatCount(job.totalRows)} rows`}
          className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full rounded-full bg-brand-600" style={{ width: `${job.percent}%` }} />
        </div>
        <p role="status" aria-live="polite" className="mt-2 text-sm">
          {job.status === 'running'
            ? `Importing: ${formatCount(job.processedRows)} of ${formatCount(job.totalRows)} rows done (${countsSentence(job.counts)}). You can close this page; the import goes on.`
            : job.status === 'failed'
              ? (job.error ?? 'The import stopped.')
              : `Done: ${countsSentence(job.counts)}.`}
        </p>
        {error ? (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      {job.status === 'failed' ? (
        <div className="mt-3">
          <Button onClick={() => void resume().then(() => onChange?.())}>Try again from where it stopped</Button>
        </div>
      ) : null}
      {job.status !== 'running' && answer.badRowCount > 0 ? (
        <section className="mt-4" aria-labelledby={`${importId}-bad`}>
          <h3 id={`${importId}-bad`} className="text-base font-semibold">
            Rows not imported ({formatCount(answer.badRowCount)})
          </h3>
          <p className="mt-1 text-sm text-slate-600">Download them with the reason in front, correct them and import that file.</p>
          <a className={buttonClass('secondary', 'mt-2 inline-flex')} href={`${path}?format=csv`} download>
            Download the rows not imported (CSV)
          </a>
          <ul className="mt-3 max-h-80 space-y-1 overflow-y-auto text-sm">
            {answer.badRows.map((r) => (
              <li key={r.line}>
                <span className="font-medium">Line {r.line}:</span> {r.reason}
              </li>
            ))}
          </ul>
          {answer.badRowCount > answer.badRows.length ? (
            <p className="mt-1 text-xs text-slate-600">The first {formatCount(answer.badRows.length)} are shown; the download has them all.</p>
          ) : null}
        </section>
      ) : null}
    </Card>
  );
}

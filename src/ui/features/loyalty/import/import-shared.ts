import { useEffect } from 'react';
import type { ImportCounts } from '@/domain/loyalty/opening-import-records';
import type { ImportReport, ImportSummary } from '@/server/services/loyalty/opening-import-reports';
import { formatCount } from '@/ui/primitives/format';

/** What the API's JSON holds: the dates as ISO strings. */
export type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
export type ImportSummaryJson = Json<ImportSummary>;
export type ImportReportJson = Omit<ImportReport, 'import'> & { import: ImportSummaryJson };

/** An import's counts in one sentence. */
export function countsSentence(c: ImportCounts, dryRun: boolean): string {
  const parts = [
    [c.imported, dryRun ? 'would be imported' : 'imported'],
    [c.replaced, dryRun ? 'would be replaced' : 'replaced'],
    [c.skipped, 'already imported'],
    [c.unmatched, 'with no such customer'],
    [c.invalid + c.failed, 'with errors'],
    [c.duplicate, 'duplicates in the file'],
  ] as const;
  return (
    parts
      .filter(([n]) => n > 0)
      .map(([n, w]) => `${formatCount(n)} ${w}`)
      .join(', ') || 'No rows'
  );
}

/** Calls `fn` now and again every `everyMs` while it answers true (and after a failed call). */
export function usePolling(fn: () => Promise<boolean>, everyMs: number) {
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      let again = false;
      try {
        again = await fn();
      } catch {
        again = true;
      }
      if (again && !stop) timer = setTimeout(tick, everyMs);
    };
    void tick();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [fn, everyMs]);
}

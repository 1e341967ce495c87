'use client';
import { useEffect, useState } from 'react';
import type { PopsReport } from '@/server/services/agents/pops-report';
import { api, ApiError } from '@/ui/primitives/api-client';
import { PopsAsk } from './pops-ask';
import { PopsCards } from './pops-cards';

/**
 * "Pops's reports": his cards and the Ask Pops box, self-contained so any owner or admin page can
 * embed it. Given no report, it loads its own from /api/analytics/pops.
 */
export function PopsReports({ initial }: { initial?: PopsReport }) {
  const [report, setReport] = useState<PopsReport | null>(initial ?? null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (initial) return;
    api<PopsReport>('/api/analytics/pops')
      .then(setReport)
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : 'Pops’s reports could not be loaded.'));
  }, [initial]);
  return (
    <section aria-labelledby="pops-reports" className="grid gap-4">
      <h2 id="pops-reports" className="text-lg font-semibold text-slate-900">
        Pops’s reports
      </h2>
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
      {report ? (
        <>
          <PopsCards report={report} />
          <PopsAsk aiAvailable={report.aiAvailable} />
        </>
      ) : error ? null : (
        <p role="status" className="text-sm text-slate-500">
          Loading Pops’s figures…
        </p>
      )}
    </section>
  );
}

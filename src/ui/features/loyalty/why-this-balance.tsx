'use client';

import { useId, useState } from 'react';
import type { BalanceExplanation } from '@/domain/loyalty/explain';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { DataTable } from '@/ui/primitives/data-table';
import { formatCount } from '@/ui/primitives/format';
import { Time } from '@/ui/primitives/time';

type Explanation = Omit<BalanceExplanation, 'lines'> & { lines: Array<Omit<BalanceExplanation['lines'][number], 'at'> & { at: string }> };

/** Mrs. Parker's "Why this balance?": loaded when asked, read from the ledger on the server. */
export function WhyThisBalance({ customerId }: { customerId: string }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; e: Explanation }>({
    kind: 'idle',
  });
  const regionId = useId();
  async function load() {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'done', e: await api<Explanation>(`/api/customers/${encodeURIComponent(customerId)}/loyalty`) });
    } catch (err) {
      setState({ kind: 'error', message: err instanceof ApiError ? err.message : 'The explanation could not be loaded. Try again.' });
    }
  }
  return (
    <div>
      <Button
        type="button"
        variant="secondary"
        onClick={load}
        disabled={state.kind === 'loading'}
        aria-controls={regionId}
        aria-expanded={state.kind === 'done'}
      >
        {state.kind === 'loading' ? 'Asking Mrs. Parker…' : 'Why this balance?'}
      </Button>
      <div id={regionId} aria-live="polite" className="mt-3 text-sm">
        {state.kind === 'error' ? <p className="text-red-700">{state.message}</p> : null}
        {state.kind === 'done' ? (
          <div className="space-y-3" data-testid="balance-explanation">
            <p className="font-medium">{state.e.summary}</p>
            {state.e.breakdown.length ? (
              <ul className="list-disc space-y-1 pl-5">
                {state.e.breakdown.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            ) : null}
            {state.e.drift ? (
              <p role="alert" className="rounded-md bg-amber-50 p-2 text-amber-900">
                {state.e.drift}
              </p>
            ) : null}
            {state.e.lines.length ? (
              <DataTable
                caption="Latest points activity"
                rows={state.e.lines}
                rowKey={(l) => l.id}
                columns={[
                  { key: 'when', header: 'When', nowrap: true, cell: (l) => <Time value={l.at} style="short" /> },
                  { key: 'what', header: 'What happened', primary: true, cell: (l) => l.text },
                  {
                    key: 'points',
                    header: 'Points',
                    align: 'right',
                    nowrap: true,
                    cell: (l) => (l.points > 0 ? `+${formatCount(l.points)}` : formatCount(l.points)),
                  },
                  { key: 'balance', header: 'Balance after', align: 'right', nowrap: true, cell: (l) => formatCount(l.balanceAfter) },
                ]}
              />
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}

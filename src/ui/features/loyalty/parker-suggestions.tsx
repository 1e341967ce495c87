'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import type { BonusSuggestions } from '@/server/services/loyalty/suggest-bonus-campaign';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { formatCount } from '@/ui/primitives/format';

type Created = { key: string; id: string; name: string };

/** "Suggestions from Mrs. Parker": bonus campaigns to create as draft playbooks (reviewed and activated on the playbook's page). */
export function ParkerSuggestions() {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; s: BonusSuggestions }>({
    kind: 'idle',
  });
  const [created, setCreated] = useState<Created[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [draftError, setDraftError] = useState<string | null>(null);
  const regionId = useId();
  async function load() {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'done', s: await api<BonusSuggestions>('/api/loyalty/suggestions') });
    } catch (err) {
      setState({ kind: 'error', message: err instanceof ApiError ? err.message : 'Suggestions could not be loaded. Try again.' });
    }
  }
  async function draft(key: string, points: number) {
    setBusy(key);
    setDraftError(null);
    try {
      const { playbook } = await api<{ playbook: { id: string; name: string } }>(`/api/loyalty/suggestions/${encodeURIComponent(key)}/draft`, {
        method: 'POST',
        body: { points },
      });
      setCreated((c) => [...c, { key, id: playbook.id, name: playbook.name }]);
    } catch (err) {
      setDraftError(err instanceof ApiError ? err.message : 'The draft could not be created. Try again.');
    } finally {
      setBusy(null);
    }
  }
  return (
    <Card>
      <h2 className="font-medium">Suggestions from Mrs. Parker</h2>
      <p className="mt-1 text-sm text-slate-600">
        Bonus campaigns from your programme’s settings and figures. Each is created as a draft playbook for you to review.
      </p>
      <Button type="button" variant="secondary" className="mt-3" onClick={load} disabled={state.kind === 'loading'} aria-controls={regionId}>
        {state.kind === 'loading' ? 'Asking Mrs. Parker…' : state.kind === 'done' ? 'Suggest again' : 'Get suggestions'}
      </Button>
      <div id={regionId} aria-live="polite" className="mt-3 space-y-3 text-sm">
        {state.kind === 'error' ? <p className="text-red-700">{state.message}</p> : null}
        {draftError ? (
          <p role="alert" className="text-red-700">
            {draftError}
          </p>
        ) : null}
        {state.kind === 'done' ? (
          <>
            {state.s.notice ? <p className="text-xs text-slate-600">{state.s.notice}</p> : null}
            {state.s.suggestions.length === 0 ? <p>No suggestions fit the programme right now.</p> : null}
            <ul className="space-y-3">
              {state.s.suggestions.map((s) => {
                const done = created.find((c) => c.key === s.key);
                return (
                  <li key={s.key} className="rounded-md border border-slate-200 p-3">
                    <h3 className="font-medium">
                      {s.title} ({formatCount(s.points)} points)
                    </h3>
                    <p className="mt-1 text-slate-700">{s.why}</p>
                    {done ? (
                      <p className="mt-2">
                        Draft created:{' '}
                        <Link className="underline" href={`/dashboard/playbooks/${encodeURIComponent(done.id)}`}>
                          {done.name}
                        </Link>{' '}
                        (review and activate it there).
                      </p>
                    ) : (
                      <Button
                        type="button"
                        className="mt-2"
                        onClick={() => draft(s.key, s.points)}
                        disabled={busy !== null}
                        aria-label={`Create draft playbook: ${s.title}`}
                      >
                        {busy === s.key ? 'Creating…' : 'Create draft playbook'}
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
      </div>
    </Card>
  );
}

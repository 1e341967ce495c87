'use client';

import { useId, useState } from 'react';
import type { SmokeySuggestions as Suggestions } from '@/server/services/agents/smokey';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { cn } from '@/ui/primitives/cn';
import { formatMoney } from '@/ui/primitives/format';
import { SmokeyBasket } from './smokey-basket';

type State = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; result: Suggestions };

/**
 * "What should I suggest?": Smokey's picks for this customer, in stock at their home store, each
 * with its reason. Asked on demand (a button), so opening the page costs nothing. `large` is the
 * loyalty tablet's touch size.
 */
export function SmokeySuggestions({ customerId, large = false, className }: { customerId: string; large?: boolean; className?: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const headingId = useId();
  const resultId = useId();
  async function ask() {
    setState({ kind: 'loading' });
    try {
      const result = await api<Suggestions>(`/api/customers/${encodeURIComponent(customerId)}/recommendations?limit=5`);
      setState({ kind: 'done', result });
    } catch (err) {
      setState({ kind: 'error', message: err instanceof ApiError ? err.message : 'Smokey could not suggest anything. Try again.' });
    }
  }
  const text = large ? 'text-lg' : 'text-sm';
  return (
    <section aria-labelledby={headingId} className={cn('rounded-lg border border-slate-200 bg-white p-5', className)} data-testid="smokey-suggestions">
      <h2 id={headingId} className={cn('font-medium', large && 'text-xl font-semibold')}>
        What should I suggest?
      </h2>
      <p className={cn('mt-1 text-slate-600', text)}>Smokey, the budtender, picks from what this customer buys, in stock at their store.</p>
      <Button
        type="button"
        variant="secondary"
        className={cn('mt-3', large && 'min-h-12 text-lg')}
        onClick={ask}
        disabled={state.kind === 'loading'}
        aria-controls={resultId}
      >
        {state.kind === 'loading' ? 'Smokey is looking…' : state.kind === 'done' ? 'Ask again' : 'Suggest products'}
      </Button>
      <div id={resultId} aria-live="polite" aria-busy={state.kind === 'loading'} className={cn('mt-3', text)}>
        {state.kind === 'loading' ? <p className="text-slate-600">Looking through the menu…</p> : null}
        {state.kind === 'error' ? <p className="text-red-700">{state.message}</p> : null}
        {state.kind === 'done' && !state.result.suggestions.length ? (
          <p className="text-slate-600">Nothing to suggest right now: nothing that fits is in stock at their store.</p>
        ) : null}
        {state.kind === 'done' && state.result.suggestions.length ? <SuggestionList result={state.result} /> : null}
      </div>
      <SmokeyBasket locationId={state.kind === 'done' ? state.result.homeLocationId : null} large={large} />
    </section>
  );
}

/** Smokey's picks with their reasons (for a customer, or for a basket). */
export function SuggestionList({ result }: { result: Suggestions }) {
  return (
    <>
      <ol className="grid gap-2 sm:grid-cols-2" aria-label="Suggested products">
        {result.suggestions.map((s) => (
          <li key={s.productId} className="rounded-md border border-slate-200 p-3">
            <p className="font-medium">{s.name}</p>
            <p className="text-slate-600">
              {s.brand} · {s.categoryLabel} · <span className="tabular-nums">{formatMoney(s.priceCents)}</span>
            </p>
            <p className="mt-1">{s.reason}</p>
          </li>
        ))}
      </ol>
      {result.notice ? <p className="mt-2 text-xs text-slate-600">{result.notice}</p> : null}
      {result.source === 'claude' ? <p className="mt-2 text-xs text-slate-600">Reasons worded by Claude from the ranking’s facts.</p> : null}
    </>
  );
}

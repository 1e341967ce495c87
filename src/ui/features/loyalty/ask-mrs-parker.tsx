'use client';

import { useId, useState } from 'react';
import type { ParkerAnswer } from '@/server/services/loyalty/ask-mrs-parker';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Field } from '@/ui/primitives/field';
import { formatCount } from '@/ui/primitives/format';
import { Time } from '@/ui/primitives/time';

type Answer = Omit<ParkerAnswer, 'citedLines'> & { citedLines: Array<Omit<ParkerAnswer['citedLines'][number], 'at'> & { at: string }> };

/** "Ask Mrs. Parker": a question about this customer's points, answered from the ledger (by Claude with tools, or a ready answer). */
export function AskMrsParker({ customerId }: { customerId: string }) {
  const [question, setQuestion] = useState('');
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'asking' } | { kind: 'error'; message: string } | { kind: 'done'; a: Answer }>({
    kind: 'idle',
  });
  const answerId = useId();
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setState({ kind: 'asking' });
    try {
      const a = await api<Answer>(`/api/customers/${encodeURIComponent(customerId)}/loyalty/ask`, { method: 'POST', body: { question } });
      setState({ kind: 'done', a });
    } catch (err) {
      setState({ kind: 'error', message: err instanceof ApiError ? err.message : 'Mrs. Parker could not answer. Try again.' });
    }
  }
  return (
    <form onSubmit={submit} className="mt-4 space-y-2" aria-describedby={answerId}>
      <Field
        label="Ask Mrs. Parker"
        name="question"
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        placeholder="When do the points expire?"
        hint="About this customer’s points: why the balance, expiry, the next tier, what an order earned, what they can redeem."
        minLength={3}
        maxLength={500}
        required
      />
      <Button type="submit" variant="secondary" disabled={state.kind === 'asking' || question.trim().length < 3}>
        {state.kind === 'asking' ? 'Mrs. Parker is thinking…' : 'Ask'}
      </Button>
      <div id={answerId} aria-live="polite" className="text-sm" data-testid="parker-answer">
        {state.kind === 'error' ? <p className="text-red-700">{state.message}</p> : null}
        {state.kind === 'done' ? (
          <div className="space-y-2 rounded-md bg-slate-50 p-3">
            <p>{state.a.answer}</p>
            {state.a.notice ? <p className="text-xs text-slate-600">{state.a.notice}</p> : null}
            {state.a.citedLines.length ? (
              <>
                <h3 className="text-xs font-medium text-slate-600">From the points history</h3>
                <ul className="list-disc space-y-1 pl-5 text-xs">
                  {state.a.citedLines.map((l) => (
                    <li key={l.id}>
                      <Time value={l.at} style="short" />: {l.text} ({l.points > 0 ? `+${formatCount(l.points)}` : formatCount(l.points)})
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {state.a.toolCalls.length ? (
              <details className="text-xs text-slate-600">
                <summary>What Mrs. Parker looked up ({state.a.toolCalls.length})</summary>
                <ul className="list-disc pl-5">
                  {state.a.toolCalls.map((c, i) => (
                    <li key={i}>
                      {c.name} {JSON.stringify(c.input)}
                      {c.ok ? '' : ' (refused)'}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}

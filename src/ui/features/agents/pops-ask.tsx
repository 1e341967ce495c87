'use client';
import { useState } from 'react';
import { READY_QUESTIONS } from '@/domain/agents/pops';
import type { PopsAnswer } from '@/server/services/agents/ask-pops';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';

/** Ask Pops: with a Claude key, a question in plain words; always, the ready questions answered from the figures without AI. */
export function PopsAsk({ aiAvailable }: { aiAvailable: boolean }) {
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState<PopsAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ask = async (body: { question: string } | { ready: string }) => {
    setBusy(true);
    setError(null);
    try {
      setAnswer(await api<PopsAnswer>('/api/analytics/pops/ask', { body }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Pops could not answer. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">Ask Pops</h2>
      {aiAvailable ? (
        <form
          className="mt-3 flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void ask({ question });
          }}
        >
          <label className="sr-only" htmlFor="pops-question">
            Your question
          </label>
          <input
            id="pops-question"
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 text-sm"
            value={question}
            maxLength={500}
            placeholder="Which products sold more this month than last?"
            onChange={(e) => setQuestion(e.target.value)}
          />
          <Button type="submit" disabled={busy || question.trim().length < 3}>
            Ask
          </Button>
        </form>
      ) : (
        <p className="mt-2 text-sm text-slate-600">Questions in plain words need a Claude key (Settings → Messaging). These are answered from the figures:</p>
      )}
      <ul className="mt-3 flex flex-wrap gap-2" aria-label="Ready questions">
        {READY_QUESTIONS.map((q) => (
          <li key={q.id}>
            <Button type="button" variant="secondary" disabled={busy} onClick={() => void ask({ ready: q.id })}>
              {q.question}
            </Button>
          </li>
        ))}
      </ul>
      <div aria-live="polite" className="mt-4">
        {error ? <p className="text-sm text-red-700">{error}</p> : null}
        {answer ? (
          <figure className="rounded-md bg-slate-50 p-3">
            <figcaption className="text-xs text-slate-500">{answer.question}</figcaption>
            <p className="mt-1 text-sm text-slate-900">{answer.answer}</p>
            {answer.notice ? <p className="mt-1 text-xs text-amber-800">{answer.notice}</p> : null}
            {answer.citations.length ? (
              <p className="mt-2 text-xs text-slate-500">
                Figures from: {answer.citations.map((c) => `${c.tool}(${Object.values((c.input ?? {}) as Record<string, unknown>).join(', ')})`).join('; ')}
              </p>
            ) : null}
          </figure>
        ) : null}
      </div>
    </Card>
  );
}

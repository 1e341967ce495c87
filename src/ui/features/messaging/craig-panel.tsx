'use client';
import { useState } from 'react';
import type { CraigDraft } from '@/domain/messaging/craig-draft';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Field } from '@/ui/primitives/field';

/** "Ask Craig for a draft": a brief in, a subject, email and SMS variants out (or templates, and why). */
export function CraigPanel({ channel, onUse }: { channel: 'email' | 'sms'; onUse: (draft: { subject?: string; body: string }) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState<CraigDraft | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function ask(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ draft: CraigDraft }>('/api/messages/craig', {
        body: { goal: f.get('goal'), audience: f.get('audience'), tone: f.get('tone'), offer: f.get('offer'), channel },
      });
      setDraft(res.draft);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Craig could not be asked. Try again.');
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Ask Craig for a draft
      </Button>
    );
  }
  return (
    <section aria-label="Ask Craig" className="space-y-3 rounded-lg border border-sky-200 bg-sky-50 p-4">
      <form onSubmit={ask} className="grid gap-3 sm:grid-cols-2">
        <Field label="Goal" name="goal" required minLength={3} placeholder="Win back regulars who have not visited in 60 days" className="sm:col-span-2" />
        <Field label="Audience" name="audience" placeholder="Lapsed regulars" />
        <Field label="Tone" name="tone" placeholder="Warm, playful" />
        <Field label="Offer" name="offer" placeholder="15% off with code COMEBACK15" className="sm:col-span-2" />
        <div className="flex gap-2 sm:col-span-2">
          <Button type="submit" disabled={busy}>
            {busy ? 'Craig is writing…' : 'Write a draft'}
          </Button>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Close
          </Button>
        </div>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {draft ? (
        <div className="space-y-2 text-sm" role="status" data-testid="craig-draft">
          {draft.notice ? <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">{draft.notice}</p> : null}
          {channel === 'email' ? (
            draft.emailHtml ? (
              <div className="rounded-md bg-white p-3">
                <p className="font-medium">{draft.subject}</p>
                <p className="mt-1 line-clamp-3 text-slate-600">{draft.emailHtml.replace(/<[^>]+>/g, ' ')}</p>
                <Button className="mt-2" onClick={() => onUse({ subject: draft.subject, body: draft.emailHtml })}>
                  Use this draft
                </Button>
              </div>
            ) : null
          ) : (
            draft.smsVariants.map((v, i) => (
              <div key={i} className="flex items-start justify-between gap-3 rounded-md bg-white p-3">
                <p>
                  {v.text}{' '}
                  <span className="text-xs text-slate-500">
                    ({v.segments.count} segment{v.segments.count === 1 ? '' : 's'})
                  </span>
                </p>
                <Button variant="secondary" onClick={() => onUse({ body: v.text })}>
                  Use
                </Button>
              </div>
            ))
          )}
        </div>
      ) : null}
    </section>
  );
}

'use client';
import Link from 'next/link';
import { useId, useState } from 'react';
import type { TimelineEntry } from '@/domain/crm/timeline';
import { NOTE_MAX_LENGTH } from '@/domain/crm/notes';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Badge } from '@/ui/primitives/badge';
import { Button } from '@/ui/primitives/button';
import { Card, EmptyState } from '@/ui/primitives/card';
import type { Instant } from '@/ui/primitives/format';
import { NoticeLine } from '@/ui/primitives/notice';
import { Time } from '@/ui/primitives/time';

/** An entry as it reaches the browser: from the page (a Date) or the API (an ISO string). */
export type TimelineEntryView = Omit<TimelineEntry, 'at'> & { at: Instant };
interface Page {
  entries: TimelineEntryView[];
  nextCursor: string | null;
}

const KIND_LABEL: Record<TimelineEntry['kind'], string> = {
  order: 'Order',
  attribution: 'Credited',
  refund: 'Refund',
  browse: 'Browsing',
  cart: 'Cart',
  wishlist: 'Wishlist',
  review: 'Review',
  message: 'Message',
  points: 'Points',
  playbook_run: 'Playbook',
  task: 'Task',
  consent: 'Consent',
  segment: 'Segment',
  note: 'Note',
  tag: 'Tag',
};

/**
 * Everything that happened to the customer, newest first, with "Show older" for the next page and
 * a note box for any staff member. The first page comes with the page; after a change elsewhere on
 * the page (a tag, consent) the server sends a fresh first page and the list starts again from it.
 */
export function CustomerTimeline({ customerId, initial, canNote }: { customerId: string; initial: Page; canNote: boolean }) {
  const [entries, setEntries] = useState(initial.entries);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [text, setText] = useState('');
  const noteId = useId();

  // A fresh first page from the server (after a tag or consent change) restarts the list.
  const [shown, setShown] = useState(initial);
  if (shown !== initial) {
    setShown(initial);
    setEntries(initial.entries);
    setCursor(initial.nextCursor);
  }

  async function firstPage() {
    const page = await api<Page>(`/api/customers/${encodeURIComponent(customerId)}/timeline`);
    setEntries(page.entries);
    setCursor(page.nextCursor);
  }

  async function run(action: () => Promise<void>, done: string) {
    setBusy(true);
    setNotice(null);
    try {
      await action();
      setNotice({ tone: 'ok', text: done });
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'Something went wrong; try again.' });
    } finally {
      setBusy(false);
    }
  }

  const older = () =>
    run(async () => {
      const page = await api<Page>(`/api/customers/${encodeURIComponent(customerId)}/timeline?cursor=${encodeURIComponent(cursor ?? '')}`);
      setEntries((e) => [...e, ...page.entries]);
      setCursor(page.nextCursor);
    }, 'Older activity loaded.');

  const addNote = (e: React.FormEvent) => {
    e.preventDefault();
    return run(async () => {
      await api(`/api/customers/${encodeURIComponent(customerId)}/notes`, { body: { text } });
      setText('');
      await firstPage();
    }, 'Note added.');
  };

  const deleteNote = (id: string) =>
    run(async () => {
      await api(`/api/customers/${encodeURIComponent(customerId)}/notes/${encodeURIComponent(id)}`, { method: 'DELETE' });
      await firstPage();
    }, 'Note deleted.');

  return (
    <Card aria-labelledby="customer-timeline-heading" className="mt-6 space-y-4">
      <h2 id="customer-timeline-heading" className="font-medium">
        Timeline
      </h2>
      <NoticeLine notice={notice} />
      {canNote ? (
        <form onSubmit={addNote} className="space-y-2">
          <label htmlFor={noteId} className="block text-sm font-medium text-slate-700">
            Add a note
          </label>
          <textarea
            id={noteId}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={NOTE_MAX_LENGTH}
            rows={3}
            aria-describedby={`${noteId}-hint`}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          />
          <p id={`${noteId}-hint`} className="text-xs text-slate-500">
            Colleagues see it with your name. {NOTE_MAX_LENGTH - text.length} characters left.
          </p>
          <Button type="submit" disabled={busy || !text.trim()}>
            Add note
          </Button>
        </form>
      ) : null}
      {entries.length === 0 ? (
        <EmptyState title="Nothing has happened yet" />
      ) : (
        <ol className="divide-y divide-slate-100" aria-label="Customer activity, newest first">
          {entries.map((e) => (
            <li key={e.key} className="flex flex-wrap items-start gap-x-3 gap-y-1 py-3 text-sm" data-testid="timeline-entry" data-kind={e.kind}>
              <Time value={e.at} style="short" className="w-36 shrink-0 text-slate-500" />
              <Badge>{KIND_LABEL[e.kind]}</Badge>
              <div className="min-w-0 flex-1">
                <p className={e.kind === 'note' ? 'whitespace-pre-wrap break-words' : undefined}>
                  {e.href ? (
                    <Link
                      href={e.href}
                      className="text-brand-700 hover:underline pointer-coarse:inline-flex pointer-coarse:min-h-11 pointer-coarse:items-center"
                    >
                      {e.summary}
                    </Link>
                  ) : (
                    e.summary
                  )}
                </p>
                {e.by ? <p className="text-xs text-slate-500">by {e.by}</p> : null}
              </div>
              {e.noteId && e.canDelete ? (
                <Button variant="ghost" disabled={busy} onClick={() => deleteNote(e.noteId!)} aria-label={`Delete the note from ${e.by ?? 'staff'}`}>
                  Delete
                </Button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {cursor ? (
        <Button variant="secondary" disabled={busy} onClick={older}>
          Show older
        </Button>
      ) : null}
    </Card>
  );
}

'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { MergeListItem } from '@/server/services/customers/undo-customer-merge';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { NoticeLine } from '@/ui/primitives/notice';
import { Time } from '@/ui/primitives/time';

/** Recent merges, newest first, each with Undo while its 30 days last. */
export function CustomerMerges({ merges }: { merges: MergeListItem[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  async function undo(m: MergeListItem) {
    setBusy(m.id);
    setNotice(null);
    try {
      await api(`/api/customers/merge/${encodeURIComponent(m.id)}/undo`, { method: 'POST' });
      setNotice({ tone: 'ok', text: `Undone: ${m.duplicateName} and ${m.survivorName} are two profiles again.` });
      router.refresh();
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'Could not undo the merge; try again.' });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-3" data-testid="customer-merges">
      <NoticeLine notice={notice} />
      {merges.length === 0 ? <p className="text-sm text-slate-500">No merges yet.</p> : null}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {merges.map((m) => (
          <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
            <div className="text-sm">
              <p>
                <span className="font-medium">{m.duplicateName}</span> merged into{' '}
                <Link href={`/dashboard/customers/${encodeURIComponent(m.survivorId)}`} className="font-medium underline">
                  {m.survivorName}
                </Link>
              </p>
              <p className="text-slate-600">
                <Time value={m.at} /> {m.mergedByName ? `by ${m.mergedByName}` : ''}
                {m.status === 'undone' ? (
                  <>
                    {' '}
                    · undone <Time value={m.undoneAt} />
                  </>
                ) : m.canUndo ? (
                  <>
                    {' '}
                    · can be undone until <Time value={m.undoUntil} />
                  </>
                ) : (
                  ' · can no longer be undone (30 days passed)'
                )}
              </p>
            </div>
            {m.canUndo ? (
              <Button
                variant="secondary"
                disabled={busy !== null}
                onClick={() => void undo(m)}
                aria-label={`Undo the merge of ${m.duplicateName} into ${m.survivorName}`}
              >
                {busy === m.id ? 'Undoing…' : 'Undo'}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { DuplicateCandidate } from '@/domain/crm/customer-merge';
import type { MergePreview } from '@/server/services/customers/merge-customers';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { NoticeLine } from '@/ui/primitives/notice';

/**
 * "Possible duplicates" on the customer page: other profiles that look like this person, with the
 * reason; "Review merge" shows in plain words what would move into this profile, then one confirm.
 */
export function CustomerDuplicates({
  customerId,
  candidates,
  mergedInto,
}: {
  customerId: string;
  candidates: DuplicateCandidate[];
  mergedInto: string | null;
}) {
  const router = useRouter();
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const previewRef = useRef<HTMLDivElement>(null);
  // Keyboard and screen-reader users land on what the merge would do, then Tab to confirm or cancel.
  useEffect(() => {
    if (preview) previewRef.current?.focus();
  }, [preview]);

  async function run<T>(what: () => Promise<T>, failed: string): Promise<T | null> {
    setBusy(true);
    setNotice(null);
    try {
      return await what();
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : failed });
      return null;
    } finally {
      setBusy(false);
    }
  }

  const review = (duplicateId: string) =>
    run(
      async () => setPreview(await api<MergePreview>('/api/customers/merge/preview', { method: 'POST', body: { survivorId: customerId, duplicateId } })),
      'Could not prepare the merge; try again.',
    );

  const confirm = (p: MergePreview) =>
    run(async () => {
      await api('/api/customers/merge', { method: 'POST', body: { survivorId: p.survivor.id, duplicateId: p.duplicate.id } });
      setPreview(null);
      setNotice({ tone: 'ok', text: `${p.duplicate.name} was merged into this profile. You can undo it from Merges for 30 days.` });
      router.refresh();
    }, 'Could not merge; nothing was changed. Try again.');

  return (
    <Card aria-labelledby="customer-duplicates-heading" className="mt-6 space-y-3" data-testid="customer-duplicates">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="customer-duplicates-heading" className="font-medium">
          Possible duplicates
        </h2>
        <Link
          href="/dashboard/customers/merges"
          className="text-sm text-brand-700 underline pointer-coarse:inline-flex pointer-coarse:min-h-11 pointer-coarse:items-center"
        >
          Recent merges
        </Link>
      </div>
      <NoticeLine notice={notice} />
      {mergedInto ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This profile was merged into{' '}
          <Link href={`/dashboard/customers/${encodeURIComponent(mergedInto)}`} className="underline">
            another profile
          </Link>
          ; it is kept only so the merge can be undone.
        </p>
      ) : null}
      {candidates.length === 0 && !mergedInto ? <p className="text-sm text-slate-500">No other profile looks like this customer.</p> : null}
      <ul className="divide-y divide-slate-100">
        {candidates.map((c) => (
          <li key={c.customerId} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <div>
              <Link href={`/dashboard/customers/${encodeURIComponent(c.customerId)}`} className="font-medium text-slate-900 underline">
                {c.name}
              </Link>
              <p className="text-sm text-slate-600">{c.reasons.join(' · ')}</p>
            </div>
            <Button variant="secondary" disabled={busy} onClick={() => void review(c.customerId)} aria-label={`Review merge of ${c.name} into this profile`}>
              Review merge
            </Button>
          </li>
        ))}
      </ul>
      {preview ? (
        <div
          ref={previewRef}
          tabIndex={-1}
          role="region"
          aria-labelledby="merge-preview-heading"
          className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-4"
        >
          <h3 id="merge-preview-heading" className="font-medium">
            Merge {preview.duplicate.name} into {preview.survivor.name}?
          </h3>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
            {preview.summary.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <div className="flex flex-wrap gap-2">
            <Button disabled={busy} onClick={() => void confirm(preview)}>
              Merge into this profile
            </Button>
            <Button variant="ghost" disabled={busy} onClick={() => setPreview(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
    </Card>
  );
}

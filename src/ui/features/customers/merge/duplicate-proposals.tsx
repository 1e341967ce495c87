'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { DuplicateProposal } from '@/domain/crm/duplicate-proposal';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { NoticeLine } from '@/ui/primitives/notice';

/** Most scan steps one click runs (50 customers each): 10,000 customers; a larger list is finished by clicking again. */
const MAX_STEPS = 200;

/** The scan's proposals, surest first; each opens the customer page, where the merge is reviewed and confirmed. */
export function DuplicateProposals({ proposals }: { proposals: DuplicateProposal[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  async function scan() {
    setBusy(true);
    setNotice({ tone: 'ok', text: 'Looking for duplicates…' });
    let scanned = 0;
    let proposed = 0;
    try {
      for (let i = 0; i < MAX_STEPS; i++) {
        const r = await api<{ scanned: number; proposed: number; done: boolean }>('/api/customers/duplicates', { method: 'POST' });
        scanned += r.scanned;
        proposed += r.proposed;
        setNotice({ tone: 'ok', text: `Looked at ${scanned.toLocaleString('en-US')} customers; ${proposed} new possible duplicates.` });
        if (r.done) break;
      }
      router.refresh();
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'The search stopped; click again to go on from where it was.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3" data-testid="duplicate-proposals">
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => void scan()} disabled={busy}>
          {busy ? 'Looking…' : 'Look for duplicates'}
        </Button>
        <p className="text-sm text-slate-600">Nothing is merged until you review a pair and confirm.</p>
      </div>
      <NoticeLine notice={notice} />
      {proposals.length === 0 ? <p className="text-sm text-slate-500">No possible duplicates waiting.</p> : null}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {proposals.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
            <div>
              <p className="font-medium">
                {p.names[0]} and {p.names[1]}
              </p>
              <p className="text-slate-600">{p.reasons.join(' · ')}</p>
            </div>
            <Link
              href={`/dashboard/customers/${encodeURIComponent(p.customerIds[0])}`}
              className="inline-flex items-center rounded-md border border-slate-300 px-3.5 py-2 font-medium text-slate-800 hover:bg-slate-50 pointer-coarse:min-h-11"
              aria-label={`Review ${p.names[0]} and ${p.names[1]}`}
            >
              Review
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

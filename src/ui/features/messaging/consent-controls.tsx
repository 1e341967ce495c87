'use client';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { NoticeLine } from '@/ui/primitives/notice';

type Choice = 'opted_in' | 'opted_out';

/**
 * Consent at the counter, for any staff member: pick opt-in or opt-out, show the customer the
 * disclosure, then record it. The text shown is the text sent and kept with the record (source
 * in_store, with who recorded it).
 */
export function ConsentControls({
  customerId,
  channel,
  status,
  label,
  disclosures,
}: {
  customerId: string;
  channel: 'email' | 'sms';
  status: 'opted_in' | 'opted_out' | 'unknown';
  label: string;
  disclosures: Record<Choice, string>;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Choice | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const textId = useId();

  async function record(next: Choice) {
    setBusy(true);
    setNotice(null);
    try {
      await api(`/api/customers/${customerId}/consent`, { body: { channel, status: next, disclosure: disclosures[next] } });
      setPending(null);
      setNotice({ tone: 'ok', text: `${label} ${next === 'opted_in' ? 'opt-in' : 'opt-out'} recorded.` });
      router.refresh();
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'Could not record the change.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2">
      {pending ? (
        <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3" role="group" aria-labelledby={`${textId}-title`}>
          <p id={`${textId}-title`} className="text-xs font-medium text-slate-700">
            Read this to the customer, or show them the screen:
          </p>
          <p id={textId} className="text-sm text-slate-900" data-testid={`disclosure-${channel}`}>
            {disclosures[pending]}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button variant={pending === 'opted_out' ? 'danger' : 'primary'} disabled={busy} onClick={() => record(pending)} aria-describedby={textId}>
              {pending === 'opted_in' ? `Customer agrees: record ${label} opt-in` : `Record ${label} opt-out`}
            </Button>
            <Button variant="ghost" disabled={busy} onClick={() => setPending(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          {status !== 'opted_out' ? (
            <Button variant="danger" disabled={busy} onClick={() => setPending('opted_out')} aria-label={`Record ${label} opt-out`}>
              Record opt-out
            </Button>
          ) : null}
          {status !== 'opted_in' ? (
            <Button variant="secondary" disabled={busy} onClick={() => setPending('opted_in')} aria-label={`Record ${label} opt-in`}>
              Record opt-in
            </Button>
          ) : null}
        </div>
      )}
      <NoticeLine notice={notice} />
    </div>
  );
}

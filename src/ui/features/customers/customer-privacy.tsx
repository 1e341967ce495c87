'use client';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button, buttonClass } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { NoticeLine } from '@/ui/primitives/notice';

const inputClass = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm pointer-coarse:min-h-11';

/**
 * Owners' privacy requests for one customer: download everything held about them, or erase them
 * (typing their name, or ERASE, and the reason). docs/crm.md, Privacy requests.
 */
export function CustomerPrivacy({ customerId, name, erasedAt }: { customerId: string; name: string; erasedAt: string | null }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const id = useId();
  const base = `/api/customers/${encodeURIComponent(customerId)}`;

  async function erase() {
    setBusy(true);
    setNotice(null);
    try {
      const res = await api<{ status: 'running' | 'completed' }>(`${base}/erase`, { method: 'POST', body: { reason, confirm } });
      setNotice({
        tone: 'ok',
        text:
          res.status === 'completed'
            ? 'The customer was erased: contact details, notes and message texts are gone; orders and points stay without them.'
            : 'Erasure started but not finished (a very long history). Erase again with ERASE to finish it.',
      });
      setOpen(false);
      router.refresh();
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'Could not erase the customer; try again.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card aria-labelledby={`${id}-heading`} className="mt-6 space-y-3" data-testid="customer-privacy">
      <h2 id={`${id}-heading`} className="font-medium">
        Privacy
      </h2>
      {erasedAt ? <p className="text-sm text-slate-700">Erased on request on {new Date(erasedAt).toLocaleDateString()}.</p> : null}
      <NoticeLine notice={notice} />
      <div className="flex flex-wrap gap-2">
        <a href={`${base}/privacy-export`} download className={buttonClass('secondary')}>
          Download everything we hold
        </a>
        <Button variant="danger" aria-expanded={open} aria-controls={`${id}-erase`} onClick={() => setOpen((o) => !o)}>
          {erasedAt ? 'Erase again (finish an erasure)' : 'Erase this customer'}
        </Button>
      </div>
      {open ? (
        <form
          id={`${id}-erase`}
          className="space-y-3 rounded-md border border-red-200 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            void erase();
          }}
        >
          <p className="text-sm text-slate-700">
            This removes their name, phone, email, date of birth, tags, notes and the text of their messages, and cannot be undone. Orders stay for sales
            figures, without their name.
          </p>
          <div>
            <label htmlFor={`${id}-confirm`} className="block text-sm font-medium text-slate-700">
              Type {name ? <strong>{name}</strong> : null} {name ? 'or' : ''} ERASE to confirm
            </label>
            <input id={`${id}-confirm`} value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" required className={inputClass} />
          </div>
          <div>
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-700">
              Reason (kept in the privacy log)
            </label>
            <textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required rows={2} className={inputClass} />
          </div>
          <Button type="submit" variant="danger" disabled={busy || !confirm.trim() || reason.trim().length < 3}>
            {busy ? 'Erasing…' : 'Erase permanently'}
          </Button>
        </form>
      ) : null}
    </Card>
  );
}

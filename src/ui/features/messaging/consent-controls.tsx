'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';

/** Staff record what the customer told them: an opt-out or an opt-in for one channel. */
export function ConsentControls({
  customerId,
  channel,
  status,
  label,
}: {
  customerId: string;
  channel: 'email' | 'sms';
  status: 'opted_in' | 'opted_out' | 'unknown';
  label: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function record(next: 'opted_in' | 'opted_out') {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/customers/${customerId}/consent`, { body: { channel, status: next } });
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not record the change.');
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      {status !== 'opted_out' ? (
        <Button variant="danger" disabled={busy} onClick={() => record('opted_out')} aria-label={`Record ${label} opt-out`}>
          Record opt-out
        </Button>
      ) : null}
      {status !== 'opted_in' ? (
        <Button variant="secondary" disabled={busy} onClick={() => record('opted_in')} aria-label={`Record ${label} opt-in`}>
          Record opt-in
        </Button>
      ) : null}
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}

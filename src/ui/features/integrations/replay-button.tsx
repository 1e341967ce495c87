'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { useBackoffRefresh } from '@/ui/primitives/use-backoff-refresh';

/** Replays a delivery, then refreshes the page (less often as time passes, never while hidden) until its processing has finished. */
export function ReplayButton({ deliveryId, pending }: { deliveryId: string; pending: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useBackoffRefresh(() => router.refresh(), { minMs: 1_500, maxMs: 30_000, enabled: pending });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setMessage(null);
          try {
            await api(`/api/integrations/deliveries/${deliveryId}/replay`, { body: {} });
            setMessage({ tone: 'ok', text: 'Replaying: this page updates when it is done.' });
            router.refresh();
          } catch (err) {
            setMessage({ tone: 'error', text: err instanceof ApiError ? err.message : 'Could not replay.' });
          } finally {
            setBusy(false);
          }
        }}
      >
        Replay delivery
      </Button>
      {message ? (
        <span role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'text-sm text-red-800' : 'text-sm text-slate-700'}>
          {message.text}
        </span>
      ) : null}
    </div>
  );
}

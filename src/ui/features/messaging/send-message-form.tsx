'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Send } from '@/domain/messaging/send';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { SelectField } from '@/ui/primitives/field';
import { PreviewPanel } from './preview-panel';
import { REASON_LABEL } from './send-status';
import { usePreview } from './use-preview';

export interface TemplateOption {
  id: string;
  name: string;
  channel: 'email' | 'sms';
  kind: 'marketing' | 'transactional';
}

/** "Send message" on a customer's profile: pick a template, see it as they will, send once. */
export function SendMessageForm({ customerId, templates }: { customerId: string; templates: TemplateOption[] }) {
  const router = useRouter();
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const options = templates.filter((t) => t.channel === channel);
  const [templateId, setTemplateId] = useState(options[0]?.id ?? '');
  // One key per intended message: a double click or a retried request sends once.
  const [idempotencyKey, setKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: 'ok' | 'warn' | 'error'; text: string; sendId?: string } | null>(null);
  const { preview, error, loading } = usePreview(templateId ? { customerId, channel, templateId } : null, 100);

  async function send() {
    setBusy(true);
    setResult(null);
    try {
      const { send } = await api<{ send: Send }>('/api/messages/send', { body: { customerId, channel, templateId, idempotencyKey } });
      const text =
        send.status === 'skipped'
          ? `Not sent: ${REASON_LABEL[send.decision.reason]}. ${send.decision.detail}`
          : send.status === 'deferred'
            ? `Deferred: ${send.decision.detail}`
            : send.status === 'queued'
              ? `Queued: the provider did not answer; it will be retried. ${send.lastError?.message ?? ''}`
              : `Sent${send.provider === 'outbox' ? ' to the outbox' : ''}.`;
      setResult({ tone: send.status === 'skipped' || send.status === 'failed' ? 'warn' : 'ok', text, sendId: send.id });
      setKey(crypto.randomUUID());
      router.refresh();
    } catch (err) {
      setResult({ tone: 'error', text: err instanceof ApiError ? err.message : 'Could not send. Try again.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="space-y-3">
        <SelectField
          label="Channel"
          value={channel}
          onChange={(e) => {
            const c = e.target.value as 'email' | 'sms';
            setChannel(c);
            setTemplateId(templates.find((t) => t.channel === c)?.id ?? '');
          }}
        >
          <option value="email">Email</option>
          <option value="sms">SMS</option>
        </SelectField>
        <SelectField label="Template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
          {options.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.kind})
            </option>
          ))}
        </SelectField>
        <Button onClick={send} disabled={busy || !templateId || !!error}>
          {busy ? 'Sending…' : `Send ${channel === 'email' ? 'email' : 'text'}`}
        </Button>
        <div aria-live="polite">
          {result ? (
            <p
              role={result.tone === 'error' ? 'alert' : 'status'}
              data-testid="send-result"
              className={
                result.tone === 'ok'
                  ? 'rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900'
                  : result.tone === 'warn'
                    ? 'rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900'
                    : 'rounded-md bg-red-50 px-3 py-2 text-sm text-red-800'
              }
            >
              {result.text}{' '}
              {result.sendId ? (
                <Link href={`/dashboard/outbox?id=${result.sendId}`} className="underline">
                  View in outbox
                </Link>
              ) : null}
            </p>
          ) : null}
        </div>
      </div>
      <PreviewPanel preview={preview} error={error} loading={loading} channel={channel} />
    </div>
  );
}

'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Send } from '@/domain/messaging/send';
import type { ProfileTemplateOption } from '@/server/services/messaging/profile-templates';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { SelectField } from '@/ui/primitives/field';
import { PreviewPanel } from './preview-panel';
import { REASON_LABEL } from './send-status';
import { usePreview } from './use-preview';

export type TemplateOption = ProfileTemplateOption;

const firstSendable = (templates: TemplateOption[], channel: 'email' | 'sms') => templates.find((t) => t.channel === channel && t.sendable)?.id ?? '';

/**
 * "Send message" on a customer's profile: pick a template, see it exactly as they will, send once.
 * Only templates the server found sendable for this customer can be picked; the others are listed
 * disabled with what they need, so the form never offers a message it cannot send.
 */
export function SendMessageForm({ customerId, templates }: { customerId: string; templates: TemplateOption[] }) {
  const router = useRouter();
  const [channel, setChannel] = useState<'email' | 'sms'>(() => (firstSendable(templates, 'email') || !firstSendable(templates, 'sms') ? 'email' : 'sms'));
  const sendable = templates.filter((t) => t.channel === channel && t.sendable);
  const unsendable = templates.filter((t) => t.channel === channel && !t.sendable);
  const [templateId, setTemplateId] = useState(() => firstSendable(templates, channel));
  // One key per intended message: a double click or a retried request sends once.
  const [idempotencyKey, setKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: 'ok' | 'warn' | 'error'; text: string; sendId?: string } | null>(null);
  // No sample values: the preview is the message this customer would get.
  const { preview, error, loading } = usePreview(templateId ? { customerId, channel, templateId, sampleMissing: false } : null, 100);

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
            setTemplateId(firstSendable(templates, c));
          }}
        >
          <option value="email">Email</option>
          <option value="sms">SMS</option>
        </SelectField>
        <SelectField label="Template" value={templateId} onChange={(e) => setTemplateId(e.target.value)} data-testid="send-template">
          {sendable.length === 0 ? <option value="">No {channel === 'email' ? 'email' : 'text'} can be sent from a profile</option> : null}
          {sendable.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.kind})
            </option>
          ))}
          {unsendable.length ? (
            <optgroup label="Not from a profile">
              {unsendable.map((t) => (
                <option key={t.id} value={t.id} disabled>
                  {t.name}: {t.reason}
                </option>
              ))}
            </optgroup>
          ) : null}
        </SelectField>
        {unsendable.length ? (
          <details className="text-sm text-slate-700" data-testid="unsendable-templates">
            <summary className="cursor-pointer text-brand-700">
              {unsendable.length} {unsendable.length === 1 ? 'template needs' : 'templates need'} more than a profile has
            </summary>
            <ul className="mt-2 space-y-1">
              {unsendable.map((t) => (
                <li key={t.id}>
                  <span className="font-medium">{t.name}</span>: {t.reason}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
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

'use client';
import { useState } from 'react';
import { PROVIDER_LABEL } from '@/domain/integrations/endpoint';
import { SAMPLE_EVENTS } from '@/domain/signals/samples';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Badge } from '@/ui/primitives/badge';
import { Card } from '@/ui/primitives/card';
import { Field } from '@/ui/primitives/field';
import { Time } from '@/ui/primitives/time';
import { NoticeText } from '@/ui/primitives/notice';
import { SecretReveal } from './secret-reveal';
import type { EndpointRow } from './types';

interface Props {
  endpoint: EndpointRow;
  onChanged: (endpoint: EndpointRow) => void;
  onDeleted: (id: string) => void;
  onTestSent: () => void;
}

export function EndpointCard({ endpoint, onChanged, onDeleted, onTestSent }: Props) {
  const events = SAMPLE_EVENTS[endpoint.provider];
  const [event, setEvent] = useState(events[0]!);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    setNotice(null);
    try {
      await fn();
    } catch (err) {
      if (err instanceof ApiError) setFieldErrors(err.fieldErrors());
      setNotice({ tone: 'error', text: err instanceof Error ? err.message : 'Something went wrong.' });
    } finally {
      setBusy(null);
    }
  };

  const sendTest = () =>
    run('test', async () => {
      const res = await api<{ status: number; event: string }>(`/api/integrations/endpoints/${endpoint.id}/test-delivery`, { body: { event } });
      setNotice(
        res.status < 300
          ? { tone: 'ok', text: `Sent a signed ${res.event} sample; the endpoint answered ${res.status}. Watch it in the deliveries below.` }
          : { tone: 'error', text: `The endpoint answered ${res.status}.` },
      );
      onTestSent();
    });

  const rotate = () =>
    run('rotate', async () => {
      if (!window.confirm('Issue a new signing secret? The current one keeps working for 24 hours.')) return;
      const res = await api<{ endpoint: EndpointRow; secret: string }>(`/api/integrations/endpoints/${endpoint.id}/rotate-secret`, { body: {} });
      setSecret(res.secret);
      onChanged(res.endpoint);
    });

  const remove = () =>
    run('delete', async () => {
      if (!window.confirm(`Delete “${endpoint.name}”? Deliveries to its URL will be refused from now on.`)) return;
      await api(`/api/integrations/endpoints/${endpoint.id}`, { method: 'DELETE' });
      onDeleted(endpoint.id);
    });

  const save = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setFieldErrors({});
    return run('save', async () => {
      const body: Record<string, unknown> = { name: form.get('name'), rateLimitPerMinute: Number(form.get('rateLimitPerMinute')) };
      if (endpoint.provider === 'alleaves') {
        body.headerNames = {
          signature: form.get('signatureHeader'),
          timestamp: String(form.get('timestampHeader') ?? '') || null,
          deliveryId: String(form.get('deliveryIdHeader') ?? '') || null,
        };
      }
      const res = await api<{ endpoint: EndpointRow }>(`/api/integrations/endpoints/${endpoint.id}`, { method: 'PATCH', body });
      onChanged(res.endpoint);
      setEditing(false);
      setNotice({ tone: 'ok', text: 'Saved.' });
    });
  };

  const selectId = `sample-${endpoint.id}`;
  return (
    <Card data-testid={`endpoint-${endpoint.id}`} aria-labelledby={`title-${endpoint.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 id={`title-${endpoint.id}`} className="font-medium">
            {endpoint.name} <Badge tone="info">{PROVIDER_LABEL[endpoint.provider]}</Badge>
          </h3>
          <p className="mt-1 break-all font-mono text-xs text-slate-600" data-testid="endpoint-url">
            {endpoint.url}
          </p>
          <p className="mt-1 text-xs text-slate-500">
            Created <Time value={endpoint.createdAt} style="date" /> · limit {endpoint.rateLimitPerMinute}/min
            {endpoint.rejectedCount ? ` · ${endpoint.rejectedCount} refused (last: ${endpoint.lastRejectedReason ?? 'bad signature'})` : ''}
            {endpoint.previousSecretValidUntil && new Date(endpoint.previousSecretValidUntil) > new Date() ? (
              <>
                {' '}
                · previous secret valid until <Time value={endpoint.previousSecretValidUntil} />
              </>
            ) : null}
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor={selectId} className="block text-xs font-medium text-slate-600">
              Sample event
            </label>
            <select
              id={selectId}
              value={event}
              onChange={(e) => setEvent(e.target.value)}
              className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            >
              {events.map((ev) => (
                <option key={ev} value={ev}>
                  {ev}
                </option>
              ))}
            </select>
          </div>
          <Button onClick={sendTest} disabled={!!busy}>
            {busy === 'test' ? 'Sending…' : 'Send test delivery'}
          </Button>
          <Button variant="secondary" onClick={() => navigator.clipboard?.writeText(endpoint.url)}>
            Copy URL
          </Button>
          <Button variant="secondary" onClick={rotate} disabled={!!busy}>
            Rotate secret
          </Button>
          <Button variant="ghost" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            Settings
          </Button>
          <Button variant="danger" onClick={remove} disabled={!!busy}>
            Delete
          </Button>
        </div>
      </div>
      <div aria-live="polite" className="mt-3 space-y-3">
        {secret ? (
          <SecretReveal
            label="New signing secret"
            value={secret}
            testId="endpoint-secret"
            note="Shown once. Put it in the sender now; the previous secret keeps working for 24 hours."
          />
        ) : null}
        {notice ? <NoticeText notice={notice} /> : null}
      </div>
      {editing ? (
        <form onSubmit={save} className="mt-4 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-3" noValidate>
          <Field label="Name" name="name" defaultValue={endpoint.name} error={fieldErrors.name} />
          <Field
            label="Rate limit per minute"
            name="rateLimitPerMinute"
            type="number"
            min={1}
            defaultValue={endpoint.rateLimitPerMinute}
            error={fieldErrors.rateLimitPerMinute}
          />
          {endpoint.headerNames ? (
            <>
              <Field
                label="Signature header"
                name="signatureHeader"
                defaultValue={endpoint.headerNames.signature}
                error={fieldErrors['headerNames.signature']}
              />
              <Field
                label="Timestamp header"
                hint="Once named, a delivery without it is refused. Leave empty if your POS sends none."
                name="timestampHeader"
                defaultValue={endpoint.headerNames.timestamp ?? ''}
                error={fieldErrors['headerNames.timestamp']}
              />
              <Field
                label="Delivery id header (optional)"
                name="deliveryIdHeader"
                defaultValue={endpoint.headerNames.deliveryId ?? ''}
                error={fieldErrors['headerNames.deliveryId']}
              />
            </>
          ) : null}
          <div className="sm:col-span-3">
            <Button type="submit" disabled={!!busy}>
              Save settings
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}

'use client';
import { useState } from 'react';
import type { MessagingSettings } from '@/domain/messaging/settings';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { Field } from '@/ui/primitives/field';
import { NoticeLine } from '@/ui/primitives/notice';

type Body = Omit<MessagingSettings, 'id' | 'updatedAt' | 'updatedBy'>;
type Providers = { email: string; sms: string };
interface WebhookEndpointView {
  provider: 'mailjet' | 'blackleaf';
  endpointId: string;
  url: string;
}
const PROVIDER_LABEL: Record<string, string> = {
  mailjet: 'Mailjet',
  blackleaf: 'Blackleaf',
  outbox: 'Outbox only (no credentials: nothing leaves BakedBot)',
  not_configured: 'Not configured: messages wait and retry',
};

export function MessagingSettingsForm({
  initial,
  webhooks: initialHooks,
  providers,
}: {
  initial: Body;
  webhooks: WebhookEndpointView[];
  providers: Providers;
}) {
  const [s, setS] = useState<Body>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [hooks, setHooks] = useState(initialHooks);
  const [secretUrl, setSecretUrl] = useState<{ provider: string; url: string } | null>(null);
  const num = (v: string) => (v === '' ? Number.NaN : Number(v));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const res = await api<{ settings: MessagingSettings }>('/api/settings/messaging', { method: 'PUT', body: s });
      const { id: _i, updatedAt: _u, updatedBy: _b, ...body } = res.settings;
      setS(body);
      setNotice({ tone: 'ok', text: 'Messaging settings saved. They apply to the next message.' });
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'Could not save. Try again.' });
    } finally {
      setBusy(false);
    }
  }

  async function rotate(provider: 'mailjet' | 'blackleaf') {
    try {
      const res = await api<{ webhook: WebhookEndpointView & { urlWithCredentials: string } }>('/api/settings/messaging/webhooks', { body: { provider } });
      setHooks((h) => [...h.filter((x) => x.provider !== provider), res.webhook]);
      setSecretUrl({ provider, url: res.webhook.urlWithCredentials });
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'Could not create the webhook URL.' });
    }
  }

  return (
    <div className="space-y-6">
      <NoticeLine notice={notice} />
      <form onSubmit={save} noValidate className="space-y-6" aria-label="Messaging settings">
        <Card className="grid gap-4 sm:grid-cols-2">
          <h2 className="font-medium sm:col-span-2">When marketing may go out</h2>
          <Field
            label="Send window starts"
            type="time"
            value={s.sendWindow.start}
            min="08:00"
            max="21:00"
            onChange={(e) => setS({ ...s, sendWindow: { ...s.sendWindow, start: e.target.value } })}
            error={errors['sendWindow.start']}
            hint="In each customer's own time zone; never before 08:00."
          />
          <Field
            label="Send window ends"
            type="time"
            value={s.sendWindow.end}
            min="08:00"
            max="21:00"
            onChange={(e) => setS({ ...s, sendWindow: { ...s.sendWindow, end: e.target.value } })}
            error={errors['sendWindow.end']}
            hint="Never after 21:00. Messages outside wait for the next opening."
          />
          <Field
            label="Marketing emails per customer"
            type="number"
            min={1}
            max={10}
            value={Number.isNaN(s.caps.email.max) ? '' : s.caps.email.max}
            onChange={(e) => setS({ ...s, caps: { ...s.caps, email: { ...s.caps.email, max: num(e.target.value) } } })}
            error={errors['caps.email.max']}
          />
          <Field
            label="…within hours (email)"
            type="number"
            min={1}
            max={336}
            value={Number.isNaN(s.caps.email.windowHours) ? '' : s.caps.email.windowHours}
            onChange={(e) => setS({ ...s, caps: { ...s.caps, email: { ...s.caps.email, windowHours: num(e.target.value) } } })}
            error={errors['caps.email.windowHours']}
          />
          <Field
            label="Marketing texts per customer"
            type="number"
            min={1}
            max={10}
            value={Number.isNaN(s.caps.sms.max) ? '' : s.caps.sms.max}
            onChange={(e) => setS({ ...s, caps: { ...s.caps, sms: { ...s.caps.sms, max: num(e.target.value) } } })}
            error={errors['caps.sms.max']}
          />
          <Field
            label="…within hours (SMS)"
            type="number"
            min={1}
            max={336}
            value={Number.isNaN(s.caps.sms.windowHours) ? '' : s.caps.sms.windowHours}
            onChange={(e) => setS({ ...s, caps: { ...s.caps, sms: { ...s.caps.sms, windowHours: num(e.target.value) } } })}
            error={errors['caps.sms.windowHours']}
          />
          <label className="flex items-center gap-2 text-sm sm:col-span-2">
            <input type="checkbox" checked={s.requireAgeVerification} onChange={(e) => setS({ ...s, requireAgeVerification: e.target.checked })} />
            Require a date of birth before any marketing (under-21s never get marketing either way)
          </label>
          <label className="flex items-center gap-2 text-sm sm:col-span-2">
            <input type="checkbox" checked={s.sandboxMode} onChange={(e) => setS({ ...s, sandboxMode: e.target.checked })} />
            Sandbox mode: Mailjet validates emails without delivering them; texts stay in the outbox
          </label>
        </Card>
        <Card className="grid gap-4 sm:grid-cols-2">
          <h2 className="font-medium sm:col-span-2">Who messages come from</h2>
          <Field
            label="Sender name"
            value={s.sender.fromName}
            onChange={(e) => setS({ ...s, sender: { ...s.sender, fromName: e.target.value } })}
            error={errors['sender.fromName']}
          />
          <Field
            label="Sender email"
            type="email"
            value={s.sender.fromEmail}
            onChange={(e) => setS({ ...s, sender: { ...s.sender, fromEmail: e.target.value } })}
            error={errors['sender.fromEmail']}
            hint="Must be a sender validated in Mailjet."
          />
          <Field
            label="Reply-to email"
            type="email"
            value={s.sender.replyTo ?? ''}
            onChange={(e) => setS({ ...s, sender: { ...s.sender, replyTo: e.target.value || null } })}
            error={errors['sender.replyTo']}
          />
          <Field
            label="SMS brand name"
            value={s.sender.smsBrandName}
            onChange={(e) => setS({ ...s, sender: { ...s.sender, smsBrandName: e.target.value } })}
            error={errors['sender.smsBrandName']}
            hint="Starts every marketing text."
          />
          <Field
            label="Dispensary name (email footer)"
            value={s.footer.businessName}
            onChange={(e) => setS({ ...s, footer: { ...s.footer, businessName: e.target.value } })}
            error={errors['footer.businessName']}
          />
          <Field
            label="Postal address (email footer)"
            value={s.footer.address}
            onChange={(e) => setS({ ...s, footer: { ...s.footer, address: e.target.value } })}
            error={errors['footer.address']}
          />
          <Field
            label="Contact phone (HELP replies)"
            value={s.contact.phone ?? ''}
            onChange={(e) => setS({ ...s, contact: { ...s.contact, phone: e.target.value || null } })}
            error={errors['contact.phone']}
          />
          <Field
            label="Contact email (HELP replies)"
            type="email"
            value={s.contact.email ?? ''}
            onChange={(e) => setS({ ...s, contact: { ...s.contact, email: e.target.value || null } })}
            error={errors['contact.email']}
          />
          <div className="sm:col-span-2">
            <label htmlFor="brand-voice" className="block text-sm font-medium text-slate-700">
              Brand voice for Craig
            </label>
            <textarea
              id="brand-voice"
              rows={3}
              value={s.brandVoice}
              onChange={(e) => setS({ ...s, brandVoice: e.target.value })}
              aria-invalid={errors.brandVoice ? true : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              placeholder="Friendly and local; we say 'flower', never 'weed'."
            />
          </div>
        </Card>
        <Button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save messaging settings'}
        </Button>
      </form>
      <Card className="space-y-3">
        <h2 className="font-medium">Providers and webhooks</h2>
        <p className="text-sm">
          Email: <strong>{PROVIDER_LABEL[providers.email] ?? providers.email}</strong> · SMS: <strong>{PROVIDER_LABEL[providers.sms] ?? providers.sms}</strong>
        </p>
        {(['mailjet', 'blackleaf'] as const).map((p) => {
          const h = hooks.find((x) => x.provider === p);
          return (
            <div key={p} className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3 text-sm">
              <div>
                <p className="font-medium">{p === 'mailjet' ? 'Mailjet event callback' : 'Blackleaf inbound texts'}</p>
                <p className="text-slate-600" data-testid={`webhook-${p}`}>
                  {h ? h.url : 'Not set up yet'}
                </p>
              </div>
              <Button variant="secondary" onClick={() => rotate(p)}>
                {h ? 'New credentials' : 'Create webhook URL'}
              </Button>
            </div>
          );
        })}
        {secretUrl ? (
          <div role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <p>Paste this URL into {secretUrl.provider === 'mailjet' ? 'Mailjet (Event API, all event types, grouped)' : 'Blackleaf'}. It is shown once:</p>
            <code className="mt-1 block break-all rounded bg-white px-2 py-1" data-testid="webhook-secret-url">
              {secretUrl.url}
            </code>
          </div>
        ) : null}
      </Card>
    </div>
  );
}

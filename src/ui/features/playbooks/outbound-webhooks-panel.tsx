'use client';
import { useState } from 'react';
import type { OutboundWebhookSecretStatus } from '@/domain/playbooks/outbound-webhook';
import { SecretReveal } from '@/ui/features/integrations/secret-reveal';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { Time } from '@/ui/primitives/time';

interface Revealed {
  secret: string;
  status: OutboundWebhookSecretStatus;
}

const VERIFY_SNIPPET = `import { Webhook } from 'standardwebhooks';

// rawBody: the request body exactly as received (not re-serialised JSON)
const payload = new Webhook(process.env.BAKEDBOT_WEBHOOK_SECRET).verify(rawBody, {
  'webhook-id': req.headers['webhook-id'],
  'webhook-timestamp': req.headers['webhook-timestamp'],
  'webhook-signature': req.headers['webhook-signature'],
});`;

/** The outbound signing secret: its state for admins; reveal and rotation (shown once) for owners; how receivers verify. */
export function OutboundWebhooksPanel({ initial, canManage }: { initial: OutboundWebhookSecretStatus; canManage: boolean }) {
  const [status, setStatus] = useState(initial);
  const [shown, setShown] = useState<{ secret: string; rotated: boolean } | null>(null);
  const [busy, setBusy] = useState<'reveal' | 'rotate' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (what: 'reveal' | 'rotate') => {
    if (what === 'rotate' && !window.confirm('Issue a new signing secret? Deliveries carry signatures from both secrets for 24 hours.')) return;
    setBusy(what);
    setError(null);
    try {
      const res = await api<Revealed>(`/api/settings/playbook-webhooks/${what === 'reveal' ? 'reveal' : 'rotate-secret'}`, { body: {} });
      setShown({ secret: res.secret, rotated: what === 'rotate' });
      setStatus(res.status);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong.');
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="space-y-4">
      <Card aria-labelledby="signing-secret-title">
        <h2 id="signing-secret-title" className="font-medium">
          Signing secret
        </h2>
        <p className="mt-1 text-sm text-slate-600" data-testid="outbound-secret-status">
          {status.configured ? (
            <>
              In use
              {status.rotatedAt ? (
                <>
                  ; last rotated <Time value={status.rotatedAt} />
                </>
              ) : null}
              .
            </>
          ) : (
            'Not created yet: it is made when a playbook first calls a webhook, or when an owner reveals it.'
          )}
          {status.previousValidUntil ? (
            <>
              {' '}
              The previous secret also signs until <Time value={status.previousValidUntil} />.
            </>
          ) : null}
        </p>
        {canManage ? (
          <div className="mt-3 flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => act('reveal')} disabled={!!busy}>
              {busy === 'reveal' ? 'Revealing…' : 'Reveal secret'}
            </Button>
            <Button variant="secondary" onClick={() => act('rotate')} disabled={!!busy}>
              {busy === 'rotate' ? 'Rotating…' : 'Rotate secret'}
            </Button>
          </div>
        ) : (
          <p className="mt-3 text-sm text-slate-600">Only owners can reveal or rotate the secret.</p>
        )}
        <div aria-live="polite" className="mt-3 space-y-3">
          {shown ? (
            <SecretReveal
              label={shown.rotated ? 'New signing secret' : 'Signing secret'}
              value={shown.secret}
              testId="outbound-secret"
              note={
                shown.rotated
                  ? 'Shown once. Put it in your receiver now; for 24 hours requests carry signatures from this and the previous secret.'
                  : 'Shown once on this page. Keep it in your receiver’s secret settings; anyone holding it can forge requests from us.'
              }
            />
          ) : null}
          {error ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          ) : null}
        </div>
      </Card>
      <Card aria-labelledby="verify-title">
        <h2 id="verify-title" className="font-medium">
          Verifying requests
        </h2>
        <div className="mt-2 space-y-2 text-sm text-slate-700">
          <p>
            Requests follow the{' '}
            <a href="https://www.standardwebhooks.com/" className="text-brand-700 underline" rel="noreferrer" target="_blank">
              Standard Webhooks
            </a>{' '}
            scheme. Each carries <code>webhook-id</code>, <code>webhook-timestamp</code> (Unix seconds) and <code>webhook-signature</code>.
          </p>
          <p>
            The signature is <code>v1,</code> followed by the base64 HMAC-SHA256 of <code>{'{webhook-id}.{webhook-timestamp}.{body}'}</code>, keyed with the
            secret’s bytes (the base64 after <code>whsec_</code>). After a rotation the header holds two space-separated signatures: accept the request if any
            one matches.
          </p>
          <p>
            Refuse timestamps more than five minutes from your clock, and use <code>webhook-id</code> to drop repeats: a retried step sends the same id.
          </p>
        </div>
        <pre className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
          <code>{VERIFY_SNIPPET}</code>
        </pre>
      </Card>
    </div>
  );
}

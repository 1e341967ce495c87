'use client';
import { useState } from 'react';
import { PROVIDER_LABEL, type Provider } from '@/domain/integrations/endpoint';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { Field, SelectField } from '@/ui/primitives/field';
import type { EndpointRow } from './types';

const HELP: Record<Provider, string> = {
  alleaves: 'Your POS signs each delivery with this secret (hex HMAC-SHA256).',
  shopify: 'Shopify signs with a key it shows under Settings → Notifications → Webhooks. Paste it below, or leave empty to get one for a custom app.',
  woocommerce: 'Paste the secret we give you into the webhook’s Secret field in WooCommerce.',
  standard: 'For custom storefronts: sign with the Standard Webhooks scheme using this whsec_ secret.',
};

export function NewEndpointForm({ onCreated }: { onCreated: (endpoint: EndpointRow, secret: string) => void }) {
  const [provider, setProvider] = useState<Provider>('alleaves');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const secret = String(form.get('secret') ?? '').trim();
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const res = await api<{ endpoint: EndpointRow; secret: string }>('/api/integrations/endpoints', {
        body: { provider, name: String(form.get('name') ?? '').trim() || undefined, ...(secret ? { secret } : {}) },
      });
      onCreated(res.endpoint, res.secret);
      formEl.reset();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setMessage(err instanceof Error ? err.message : 'Could not create the endpoint.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card>
      <h2 className="font-medium">Connect a sender</h2>
      <p className="mt-1 text-sm text-slate-600">{HELP[provider]}</p>
      <form onSubmit={submit} className="mt-4 grid gap-4 sm:grid-cols-3" noValidate>
        <SelectField label="Sender" name="provider" value={provider} onChange={(e) => setProvider(e.target.value as Provider)} error={errors.provider}>
          {(Object.keys(PROVIDER_LABEL) as Provider[]).map((p) => (
            <option key={p} value={p}>
              {PROVIDER_LABEL[p]}
            </option>
          ))}
        </SelectField>
        <Field label="Name" name="name" placeholder={PROVIDER_LABEL[provider]} error={errors.name} maxLength={80} />
        {provider === 'shopify' ? <Field label="Shopify signing secret (optional)" name="secret" autoComplete="off" error={errors.secret} /> : <div />}
        <div className="sm:col-span-3">
          <Button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create endpoint'}
          </Button>
        </div>
      </form>
      {message ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      ) : null}
    </Card>
  );
}

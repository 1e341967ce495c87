'use client';
import { useState } from 'react';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';
import { Field } from '@/ui/primitives/field';
import { StatusBadge } from '@/ui/primitives/status-badge';
import { Time } from '@/ui/primitives/time';
import { SecretReveal } from './secret-reveal';
import type { ApiKeyRow } from './types';

export function ApiKeysManager({ initial }: { initial: ApiKeyRow[] }) {
  const [keys, setKeys] = useState(initial);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ apiKey: ApiKeyRow; key: string }>('/api/integrations/api-keys', {
        body: { name: String(new FormData(formEl).get('name') ?? '') || undefined },
      });
      setKeys((k) => [...k, res.apiKey]);
      setCreated(res.key);
      formEl.reset();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not create the key.');
    } finally {
      setBusy(false);
    }
  }

  async function revoke(key: ApiKeyRow) {
    if (!window.confirm(`Revoke “${key.name}”? Requests with it are refused at once.`)) return;
    try {
      const res = await api<{ apiKey: ApiKeyRow }>(`/api/integrations/api-keys/${key.id}`, { method: 'DELETE' });
      setKeys((ks) => ks.map((k) => (k.id === key.id ? res.apiKey : k)));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not revoke the key.');
    }
  }

  return (
    <Card aria-labelledby="api-keys-title">
      <h2 id="api-keys-title" className="font-medium">
        Track API keys
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Your storefront or menu sends shopper behaviour (views, carts, searches) to <code className="font-mono">POST /api/events</code> with one of these keys.
      </p>
      <form onSubmit={create} className="mt-4 flex flex-wrap items-end gap-3">
        <Field label="Key name" name="name" placeholder="Storefront" className="min-w-56" />
        <Button type="submit" disabled={busy}>
          Create key
        </Button>
      </form>
      <div aria-live="polite" className="mt-3">
        {created ? <SecretReveal label="New API key" value={created} testId="new-api-key" note="Shown once. Send it as Authorization: Bearer <key>." /> : null}
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </div>
      {keys.length ? (
        <DataTable
          caption="Track API keys"
          className="mt-4"
          rows={keys}
          rowKey={(k) => k.id}
          columns={[
            { key: 'name', header: 'Name', primary: true, cell: (k) => k.name },
            { key: 'key', header: 'Key', className: 'font-mono text-xs', nowrap: true, cell: (k) => `${k.prefix}…` },
            { key: 'used', header: 'Last used', cell: (k) => <Time value={k.lastUsedAt} style="short" empty="Never" /> },
            { key: 'status', header: 'Status', cell: (k) => <StatusBadge kind="account" status={k.revokedAt ? 'revoked' : 'active'} /> },
            {
              key: 'actions',
              header: 'Actions',
              hideHeader: true,
              align: 'right',
              cell: (k) =>
                k.revokedAt ? null : (
                  <Button variant="danger" onClick={() => revoke(k)} aria-label={`Revoke ${k.name}`}>
                    Revoke
                  </Button>
                ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}

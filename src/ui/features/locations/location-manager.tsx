'use client';
import { useState } from 'react';
import { formatAddress } from '@/domain/common';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { NoticeLine } from '@/ui/primitives/notice';
import { LocationForm, locationBody, type LocationRow } from './location-form';

export function LocationManager({ initial }: { initial: LocationRow[] }) {
  const [rows, setRows] = useState(initial);
  const [editing, setEditing] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  async function run(key: string, work: () => Promise<LocationRow>, done: (l: LocationRow) => string) {
    setBusy(key);
    setErrors({});
    try {
      const saved = await work();
      setRows((r) => (r.some((x) => x.id === saved.id) ? r.map((x) => (x.id === saved.id ? saved : x)) : [...r, saved]));
      setEditing(null);
      setNotice({ tone: 'ok', text: done(saved) });
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'Something went wrong. Try again.' });
    } finally {
      setBusy(null);
    }
  }

  const create = (form: FormData) =>
    run(
      'new',
      async () => (await api<{ location: LocationRow }>('/api/settings/locations', { body: locationBody(form) })).location,
      (l) => `${l.name} added.`,
    );
  const save = (id: string, body: unknown, what: string) =>
    run(
      id,
      async () => (await api<{ location: LocationRow }>(`/api/settings/locations/${id}`, { method: 'PATCH', body })).location,
      (l) => `${l.name} ${what}.`,
    );

  return (
    <div className="space-y-6">
      <NoticeLine notice={notice} />
      {rows.length === 0 ? <p className="text-sm text-slate-600">No stores yet. Add your first below.</p> : null}
      {rows.map((l) => (
        <Card key={l.id} data-testid={`location-${l.id}`}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <h2 className="font-medium">
                {l.name}
                {l.archivedAt ? <span className="ml-2 text-xs font-normal text-slate-600">(archived)</span> : null}
              </h2>
              <p className="text-sm text-slate-600">{formatAddress(l.address)}</p>
              <p className="text-sm text-slate-600">
                {l.timeZone}
                {l.externalIds?.length ? ` · ${l.externalIds.join(', ')}` : ' · no POS or storefront ids'}
              </p>
            </div>
            <div className="flex gap-2">
              <Button variant="secondary" disabled={busy === l.id} onClick={() => setEditing(editing === l.id ? null : l.id)}>
                Edit
              </Button>
              <Button variant="ghost" disabled={busy === l.id} onClick={() => save(l.id, { archived: !l.archivedAt }, l.archivedAt ? 'restored' : 'archived')}>
                {l.archivedAt ? 'Restore' : 'Archive'}
              </Button>
            </div>
          </div>
          {editing === l.id ? (
            <LocationForm
              initial={l}
              errors={errors}
              busy={busy === l.id}
              submitLabel="Save store"
              onSubmit={(form) => save(l.id, locationBody(form), 'saved')}
              onCancel={() => setEditing(null)}
            />
          ) : null}
        </Card>
      ))}
      <Card>
        <h2 className="font-medium">Add a store</h2>
        {editing === null ? <LocationForm initial={null} errors={errors} busy={busy === 'new'} submitLabel="Add store" onSubmit={create} /> : null}
      </Card>
    </div>
  );
}

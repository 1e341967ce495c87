'use client';

import { useState } from 'react';
import type { ProductCategory } from '@/domain/product';
import { CATEGORY_LABELS } from '@/domain/loyalty/public-menu';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';

const CATEGORIES = Object.keys(CATEGORY_LABELS) as ProductCategory[];

/** The categories Smokey never suggests: on the customer page, the tablet, or in playbook emails. */
export function RecommendationSettingsForm({ initial }: { initial: ProductCategory[] }) {
  const [excluded, setExcluded] = useState<ProductCategory[]>(initial);
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const toggle = (c: ProductCategory, on: boolean) => setExcluded((prev) => (on ? [...prev, c] : prev.filter((x) => x !== c)));
  async function save(e: React.FormEvent) {
    e.preventDefault();
    setStatus({ kind: 'saving' });
    try {
      await api('/api/settings/recommendations', { method: 'PUT', body: { excludedCategories: CATEGORIES.filter((c) => excluded.includes(c)) } });
      setStatus({ kind: 'saved' });
    } catch (err) {
      setStatus({ kind: 'error', message: err instanceof ApiError ? err.message : 'Could not save. Try again.' });
    }
  }
  return (
    <form onSubmit={save} className="mt-3 space-y-3">
      <fieldset>
        <legend className="text-sm text-slate-700">Never suggest these categories</legend>
        <div className="mt-2 grid grid-cols-2 gap-1 text-sm">
          {CATEGORIES.map((c) => (
            <label key={c} className="flex items-center gap-2">
              <input type="checkbox" name="excludedCategories" value={c} checked={excluded.includes(c)} onChange={(e) => toggle(c, e.target.checked)} />
              {CATEGORY_LABELS[c]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={status.kind === 'saving'}>
          {status.kind === 'saving' ? 'Saving…' : 'Save'}
        </Button>
        <p role="status" className="text-sm">
          {status.kind === 'saved' ? 'Saved.' : null}
          {status.kind === 'error' ? <span className="text-red-700">{status.message}</span> : null}
        </p>
      </div>
    </form>
  );
}

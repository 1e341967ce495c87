'use client';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { TAG_MAX_LENGTH } from '@/domain/crm/tags';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { NoticeLine } from '@/ui/primitives/notice';

/**
 * The customer's tags: remove one, or add one with the dispensary's existing tags offered as you
 * type (a native datalist: keyboard and screen-reader support come with the browser).
 */
export function CustomerTags({ customerId, tags, suggestions, canEdit }: { customerId: string; tags: string[]; suggestions: string[]; canEdit: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const id = useId();

  async function change(method: 'POST' | 'DELETE', tag: string) {
    setBusy(true);
    setNotice(null);
    try {
      const res = await api<{ tag: string }>(`/api/customers/${encodeURIComponent(customerId)}/tags`, { method, body: { tag } });
      setNotice({ tone: 'ok', text: method === 'POST' ? `Tag “${res.tag}” added.` : `Tag “${res.tag}” removed.` });
      if (method === 'POST') setValue('');
      router.refresh();
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'Could not change the tags; try again.' });
    } finally {
      setBusy(false);
    }
  }

  const offered = suggestions.filter((s) => !tags.some((t) => t.toLowerCase() === s.toLowerCase()));
  return (
    <div className="space-y-2" data-testid="customer-tags">
      <ul className="flex flex-wrap gap-2" aria-label="Tags">
        {tags.length === 0 ? <li className="text-sm text-slate-500">No tags</li> : null}
        {tags.map((t) => (
          <li key={t} className="inline-flex items-center gap-1 rounded-full bg-slate-100 pl-3 text-sm text-slate-800">
            {t}
            {canEdit ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => change('DELETE', t)}
                aria-label={`Remove tag ${t}`}
                className="inline-flex min-h-8 min-w-8 items-center justify-center rounded-full text-slate-500 hover:bg-slate-200 hover:text-slate-900 pointer-coarse:min-h-11 pointer-coarse:min-w-11"
              >
                ×
              </button>
            ) : (
              <span className="pr-3" />
            )}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (value.trim()) void change('POST', value);
          }}
        >
          <div className="min-w-40 flex-1">
            <label htmlFor={id} className="block text-sm font-medium text-slate-700">
              Add a tag
            </label>
            <input
              id={id}
              list={`${id}-options`}
              value={value}
              maxLength={TAG_MAX_LENGTH}
              onChange={(e) => setValue(e.target.value)}
              autoComplete="off"
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm pointer-coarse:min-h-11"
            />
            <datalist id={`${id}-options`}>
              {offered.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </div>
          <Button type="submit" disabled={busy || !value.trim()}>
            Add tag
          </Button>
        </form>
      ) : null}
      <NoticeLine notice={notice} />
    </div>
  );
}

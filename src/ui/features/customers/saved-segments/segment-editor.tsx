'use client';
import { useEffect, useState } from 'react';
import { SAVED_SEGMENT_MAX_CONDITIONS, type SavedSegmentDefinition } from '@/domain/crm/saved-segment';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { Field } from '@/ui/primitives/field';
import { formatCount } from '@/ui/primitives/format';
import { NoticeLine } from '@/ui/primitives/notice';
import { fromDefinition, newDraft, toDefinition, type ConditionDraft } from './condition-draft';
import { ConditionRow, type EditorOptions } from './condition-row';

/** Keystrokes closer together than this make one preview request. */
const DEBOUNCE_MS = 400;

export interface EditedSegment {
  id: string | null;
  name: string;
  description: string | null;
  definition: SavedSegmentDefinition | null;
}

type Count = { state: 'idle' } | { state: 'counting' } | { state: 'done'; count: number; sample: string[] } | { state: 'problem'; message: string };

function LiveCount({ count }: { count: Count }) {
  return (
    <div aria-live="polite" aria-atomic="true" className="rounded-md bg-slate-50 p-3 text-sm" data-testid="segment-live-count">
      {count.state === 'counting' ? 'Counting…' : null}
      {count.state === 'idle' ? 'Choose the conditions to see how many customers match.' : null}
      {count.state === 'problem' ? <span className="text-red-700">{count.message}</span> : null}
      {count.state === 'done' ? (
        <>
          <p className="font-medium">
            {formatCount(count.count)} {count.count === 1 ? 'customer matches' : 'customers match'} now
          </p>
          {count.sample.length ? <p className="mt-1 text-slate-600">For example: {count.sample.join(', ')}</p> : null}
        </>
      ) : null}
    </div>
  );
}

export function SegmentEditor({
  initial,
  options,
  revenue,
  onSaved,
  onCancel,
}: {
  initial: EditedSegment;
  options: EditorOptions;
  revenue: boolean;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description ?? '');
  const [drafts, setDrafts] = useState<ConditionDraft[]>(() => (initial.definition ? fromDefinition(initial.definition) : [newDraft('last_order')]));
  const [count, setCount] = useState<Count>({ state: 'idle' });
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const definition = JSON.stringify(toDefinition(drafts));

  // The live count follows the conditions, one request per pause in typing.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      setCount({ state: 'counting' });
      api<{ count: number; sample: string[] }>('/api/saved-segments/preview', { body: { definition: JSON.parse(definition) } })
        .then((r) => live && setCount({ state: 'done', ...r }))
        .catch(
          (err: unknown) => live && setCount({ state: 'problem', message: err instanceof ApiError ? err.message : 'The count could not be made. Try again.' }),
        );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [definition]);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setNotice(null);
    setErrors({});
    try {
      const body = { name, description: description.trim() || null, definition: JSON.parse(definition) };
      await api(initial.id ? `/api/saved-segments/${initial.id}` : '/api/saved-segments', { method: initial.id ? 'PUT' : 'POST', body });
      onSaved(`“${name.trim()}” is saved. Its members are being marked; the count below follows.`);
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(err.fieldErrors());
        setNotice({ tone: 'error', text: err.message });
      } else setNotice({ tone: 'error', text: 'The segment could not be saved. Try again.' });
    } finally {
      setBusy(false);
    }
  }

  const setAt = (i: number, d: ConditionDraft) => setDrafts((all) => all.map((x, j) => (j === i ? d : x)));
  return (
    <Card aria-labelledby="segment-editor-heading">
      <h2 id="segment-editor-heading" className="text-lg font-semibold">
        {initial.id ? `Edit “${initial.name}”` : 'New saved segment'}
      </h2>
      <form className="mt-4 space-y-4" onSubmit={save} noValidate>
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} error={errors.name} />
          <Field
            label="Description (optional)"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={300}
            error={errors.description}
          />
        </div>
        <fieldset className="min-w-0">
          <legend className="text-sm font-medium text-slate-700">Customers who match all of these</legend>
          <ol className="mt-2 space-y-3">
            {drafts.map((d, i) => (
              <ConditionRow
                key={d.key}
                index={i}
                draft={d}
                options={options}
                revenue={revenue}
                onChange={(next) => setAt(i, next)}
                onRemove={drafts.length > 1 ? () => setDrafts((all) => all.filter((_, j) => j !== i)) : null}
              />
            ))}
          </ol>
          {drafts.length < SAVED_SEGMENT_MAX_CONDITIONS ? (
            <Button type="button" variant="secondary" className="mt-3" onClick={() => setDrafts((all) => [...all, newDraft('tags')])}>
              + Add a condition
            </Button>
          ) : null}
        </fieldset>
        <LiveCount count={count} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={busy}>
            Save segment
          </Button>
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
          <NoticeLine notice={notice} />
        </div>
      </form>
    </Card>
  );
}

'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { SavedSegmentDefinition } from '@/domain/crm/saved-segment';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { formatCount } from '@/ui/primitives/format';
import { NoticeLine } from '@/ui/primitives/notice';
import { Time } from '@/ui/primitives/time';
import { useBackoffRefresh } from '@/ui/primitives/use-backoff-refresh';
import type { EditorOptions } from './condition-row';
import { SegmentEditor, type EditedSegment } from './segment-editor';

/** A saved segment as the browser receives it (dates as ISO strings). */
export interface SavedSegmentRow {
  id: string;
  name: string;
  description: string | null;
  words: string;
  definition: SavedSegmentDefinition;
  memberCount: number;
  evaluatedAt: string | null;
  job: { status: 'running' | 'done'; processed: number; total: number; percent: number };
}

export function SavedSegmentsView({
  initial,
  options,
  canManage,
  revenue,
}: {
  initial: SavedSegmentRow[];
  options: EditorOptions;
  canManage: boolean;
  revenue: boolean;
}) {
  const [segments, setSegments] = useState(initial);
  const [editing, setEditing] = useState<EditedSegment | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const reload = async () => {
    const { segments: next } = await api<{ segments: SavedSegmentRow[] }>('/api/saved-segments');
    const changed = JSON.stringify(next) !== JSON.stringify(segments);
    setSegments(next);
    return changed;
  };
  useBackoffRefresh(reload, { minMs: 2_000, maxMs: 30_000, enabled: segments.some((s) => s.job.status === 'running') });

  async function archive(s: SavedSegmentRow) {
    if (!window.confirm(`Archive “${s.name}”? Its members lose it; campaigns and playbooks that used it keep their history.`)) return;
    try {
      await api(`/api/saved-segments/${s.id}`, { method: 'DELETE' });
      setSegments((all) => all.filter((x) => x.id !== s.id));
      setNotice({ tone: 'ok', text: `“${s.name}” is archived.` });
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'It could not be archived. Try again.' });
    }
  }

  return (
    <div className="space-y-6">
      {canManage && !editing ? (
        <Button onClick={() => (setNotice(null), setEditing({ id: null, name: '', description: null, definition: null }))}>New saved segment</Button>
      ) : null}
      {editing ? (
        <SegmentEditor
          key={editing.id ?? 'new'}
          initial={editing}
          options={options}
          revenue={revenue}
          onCancel={() => setEditing(null)}
          onSaved={(text) => {
            setEditing(null);
            setNotice({ tone: 'ok', text });
            void reload();
          }}
        />
      ) : null}
      <NoticeLine notice={notice} />
      <section aria-labelledby="saved-segments-heading">
        <h2 id="saved-segments-heading" className="mb-3 text-lg font-semibold">
          Saved segments
        </h2>
        {segments.length === 0 ? (
          <p className="text-sm text-slate-600">No saved segments yet. {canManage ? 'Make one to use as a campaign audience or a playbook trigger.' : ''}</p>
        ) : (
          <ul className="space-y-4">
            {segments.map((s) => (
              <li key={s.id}>
                <Card className="space-y-2">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h3 className="font-medium">{s.name}</h3>
                    <p className="text-sm tabular-nums">
                      <Link className="underline" href={`/dashboard/customers?savedSegment=${s.id}`}>
                        {formatCount(s.memberCount)} {s.memberCount === 1 ? 'customer' : 'customers'}
                      </Link>
                    </p>
                  </div>
                  <p className="text-sm text-slate-700">{s.words}</p>
                  {s.description ? <p className="text-sm text-slate-600">{s.description}</p> : null}
                  {s.job.status === 'running' ? (
                    <div className="text-sm">
                      <label htmlFor={`progress-${s.id}`}>
                        Marking members: {formatCount(s.job.processed)} of {formatCount(s.job.total)} customers checked
                      </label>
                      <progress id={`progress-${s.id}`} className="mt-1 block w-full" max={100} value={s.job.percent}>
                        {s.job.percent}%
                      </progress>
                    </div>
                  ) : (
                    <p className="text-xs text-slate-600">
                      Last evaluated <Time value={s.evaluatedAt} />
                    </p>
                  )}
                  {canManage ? (
                    <div className="flex flex-wrap gap-2">
                      <Button
                        variant="secondary"
                        onClick={() => (setNotice(null), setEditing({ id: s.id, name: s.name, description: s.description, definition: s.definition }))}
                        aria-label={`Edit ${s.name}`}
                      >
                        Edit
                      </Button>
                      <Button variant="ghost" className="text-red-700" onClick={() => archive(s)} aria-label={`Archive ${s.name}`}>
                        Archive
                      </Button>
                    </div>
                  ) : null}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

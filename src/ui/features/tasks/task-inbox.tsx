'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TaskStatus } from '@/domain/task-rules';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Badge } from '@/ui/primitives/badge';
import { Button } from '@/ui/primitives/button';
import { EmptyState } from '@/ui/primitives/card';
import { cn } from '@/ui/primitives/cn';
import { DataTable } from '@/ui/primitives/data-table';
import { StatusBadge } from '@/ui/primitives/status-badge';
import { Time } from '@/ui/primitives/time';
import { ROLE_PLURAL, type TaskRow } from './task-data';

type Notice = { tone: 'ok' | 'error'; text: string } | null;

const DONE_VERB: Record<TaskStatus, string> = { done: 'marked done', dismissed: 'dismissed', open: 'reopened' };

/**
 * The task table with Done / Dismiss / Reopen on each row. A row someone just changed stays where
 * it was (with Reopen as an undo) until they leave the page, even when it no longer matches the
 * filter; the server's refreshed list fills in everything else, including the nav badge.
 */
export function TaskInbox({ tasks, empty }: { tasks: TaskRow[]; empty: string }) {
  const router = useRouter();
  const [changed, setChanged] = useState<Record<string, { row: TaskRow; index: number }>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  // The row whose action button takes focus once the re-rendered rows are in place.
  const focusId = useRef<string | null>(null);
  const actionCells = useRef(new Map<string, HTMLElement>());

  const rows = useMemo(() => {
    const out = tasks.map((t) => changed[t.id]?.row ?? t);
    for (const { row, index } of Object.values(changed).sort((a, b) => a.index - b.index)) {
      if (!out.some((r) => r.id === row.id)) out.splice(Math.min(index, out.length), 0, row);
    }
    return out;
  }, [tasks, changed]);

  useEffect(() => {
    if (!focusId.current) return;
    actionCells.current.get(focusId.current)?.querySelector('button')?.focus();
    focusId.current = null;
  }, [rows]);

  async function setStatus(row: TaskRow, status: TaskStatus) {
    setBusy(row.id);
    setNotice(null);
    try {
      const res = await api<{ task: TaskRow }>(`/api/tasks/${row.id}`, { method: 'PATCH', body: { status } });
      const index = rows.findIndex((r) => r.id === row.id);
      setChanged((c) => ({ ...c, [row.id]: { row: res.task, index } }));
      setNotice({ tone: 'ok', text: `“${row.title}” ${DONE_VERB[status]}.` });
      focusId.current = row.id;
      router.refresh();
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'Could not update the task. Try again.' });
      if (err instanceof ApiError && err.status === 409) router.refresh();
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-3">
      <div aria-live="polite" className="min-h-0">
        {notice ? (
          <p
            role={notice.tone === 'error' ? 'alert' : 'status'}
            data-testid="task-notice"
            className={
              notice.tone === 'error' ? 'rounded-md bg-red-50 px-4 py-2 text-sm text-red-800' : 'rounded-md bg-brand-50 px-4 py-2 text-sm text-brand-900'
            }
          >
            {notice.text}
          </p>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <EmptyState title="No tasks here">{empty}</EmptyState>
      ) : (
        <DataTable
          caption="Tasks"
          cardsBelow="md"
          rows={rows}
          rowKey={(t) => t.id}
          rowProps={(t) => ({ 'data-testid': `task-row-${t.id}`, className: cn(t.overdue && 'bg-red-50/60') })}
          columns={[
            {
              key: 'task',
              header: 'Task',
              primary: true,
              className: 'min-w-48 max-w-80',
              cell: (t) => (
                <>
                  <p className="font-medium">{t.title}</p>
                  {t.description ? <p className="mt-0.5 line-clamp-2 text-xs font-normal text-slate-600">{t.description}</p> : null}
                </>
              ),
            },
            { key: 'customer', header: 'Customer', cell: (t) => <CustomerCell task={t} /> },
            {
              key: 'due',
              header: 'Due',
              nowrap: true,
              className: 'tabular-nums',
              cell: (t) => (
                <>
                  <Time value={t.dueAt} weekday className={t.overdue ? 'font-medium text-red-800' : 'text-slate-700'} />
                  {t.overdue ? (
                    <span className="block">
                      <Badge tone="danger">Overdue</Badge>
                    </span>
                  ) : null}
                </>
              ),
            },
            { key: 'assigned', header: 'Assigned to', nowrap: true, hideBelow: 'lg', cell: (t) => ROLE_PLURAL[t.assignRole] },
            { key: 'source', header: 'Source', hideBelow: 'lg', cell: (t) => <SourceCell task={t} /> },
            { key: 'status', header: 'Status', cell: (t) => <StatusCell task={t} /> },
            {
              key: 'actions',
              header: 'Actions',
              hideHeader: true,
              align: 'right',
              nowrap: true,
              cell: (t) => (
                <div
                  className="flex justify-end gap-2"
                  ref={(el) => {
                    if (el) actionCells.current.set(t.id, el);
                    else actionCells.current.delete(t.id);
                  }}
                >
                  {t.status === 'open' ? (
                    <>
                      <Button variant="primary" disabled={busy === t.id} onClick={() => setStatus(t, 'done')} aria-label={`Mark “${t.title}” done`}>
                        Done
                      </Button>
                      <Button variant="secondary" disabled={busy === t.id} onClick={() => setStatus(t, 'dismissed')} aria-label={`Dismiss “${t.title}”`}>
                        Dismiss
                      </Button>
                    </>
                  ) : (
                    <Button variant="secondary" disabled={busy === t.id} onClick={() => setStatus(t, 'open')} aria-label={`Reopen “${t.title}”`}>
                      Reopen
                    </Button>
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}

function CustomerCell({ task: t }: { task: TaskRow }) {
  if (!t.customerId) return <span className="text-slate-500">—</span>;
  if (!t.customerName) return <span className="text-slate-600">Customer removed</span>;
  return (
    <Link href={`/dashboard/customers/${t.customerId}`} className="text-brand-700 hover:underline">
      {t.customerName}
    </Link>
  );
}

function SourceCell({ task: t }: { task: TaskRow }) {
  if (t.source.type !== 'playbook') {
    return <span className="text-slate-700">Manual{t.createdByName ? <span className="text-slate-600"> · {t.createdByName}</span> : null}</span>;
  }
  return t.source.playbookId && t.playbookName ? (
    <Link href={`/dashboard/playbooks/${t.source.playbookId}`} className="text-brand-700 hover:underline">
      {t.playbookName}
    </Link>
  ) : (
    <span className="text-slate-600">Playbook (deleted)</span>
  );
}

function StatusCell({ task }: { task: TaskRow }) {
  const by = task.completedByName ? ` by ${task.completedByName}` : '';
  return (
    <>
      <StatusBadge kind="task" status={task.status} />
      {task.status !== 'open' && task.completedAt ? (
        <span className="block text-xs text-slate-600">
          <Time value={task.completedAt} style="short" />
          {by}
        </span>
      ) : null}
    </>
  );
}

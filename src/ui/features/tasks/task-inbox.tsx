'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TaskStatus } from '@/domain/task-rules';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Badge, EmptyState } from '@/ui/primitives/card';
import { cn } from '@/ui/primitives/cn';
import { Table, Td, Th } from '@/ui/primitives/table';
import { formatWhen, ROLE_PLURAL, type TaskRow } from './task-data';

type Notice = { tone: 'ok' | 'error'; text: string } | null;

const DONE_VERB: Record<TaskStatus, string> = { done: 'marked done', dismissed: 'dismissed', open: 'reopened' };

/**
 * The task table with Done / Dismiss / Reopen on each row. A row someone just changed stays where
 * it was (with Reopen as an undo) until they leave the page, even when it no longer matches the
 * filter; the server's refreshed list fills in everything else, including the nav badge.
 */
export function TaskInbox({ tasks, timeZone, empty }: { tasks: TaskRow[]; timeZone: string; empty: string }) {
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
        <Table caption="Tasks">
          <thead>
            <tr>
              <Th>Task</Th>
              <Th>Customer</Th>
              <Th>Due</Th>
              <Th>Assigned to</Th>
              <Th>Source</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((t) => (
              <tr key={t.id} data-testid={`task-row-${t.id}`} className={cn(t.overdue ? 'bg-red-50/60' : '')}>
                <Td className="max-w-80">
                  <p className="font-medium">{t.title}</p>
                  {t.description ? <p className="mt-0.5 line-clamp-2 text-xs text-slate-600">{t.description}</p> : null}
                </Td>
                <Td className="whitespace-nowrap">
                  {t.customerId ? (
                    t.customerName ? (
                      <Link href={`/dashboard/customers/${t.customerId}`} className="text-brand-700 hover:underline">
                        {t.customerName}
                      </Link>
                    ) : (
                      <span className="text-slate-500">Customer removed</span>
                    )
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </Td>
                <Td className="whitespace-nowrap tabular-nums">
                  <span className={cn(t.overdue ? 'font-medium text-red-800' : 'text-slate-700')}>{formatWhen(t.dueAt, timeZone)}</span>
                  {t.overdue ? (
                    <span className="ml-2">
                      <Badge tone="red">Overdue</Badge>
                    </span>
                  ) : null}
                </Td>
                <Td className="whitespace-nowrap">{ROLE_PLURAL[t.assignRole]}</Td>
                <Td>
                  {t.source.type === 'playbook' ? (
                    t.source.playbookId && t.playbookName ? (
                      <Link href={`/dashboard/playbooks/${t.source.playbookId}`} className="text-brand-700 hover:underline">
                        {t.playbookName}
                      </Link>
                    ) : (
                      <span className="text-slate-500">Playbook (deleted)</span>
                    )
                  ) : (
                    <span className="text-slate-700">Manual{t.createdByName ? <span className="text-slate-500"> · {t.createdByName}</span> : null}</span>
                  )}
                </Td>
                <Td className="whitespace-nowrap">
                  <StatusCell task={t} timeZone={timeZone} />
                </Td>
                <Td className="whitespace-nowrap text-right">
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
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}

function StatusCell({ task, timeZone }: { task: TaskRow; timeZone: string }) {
  if (task.status === 'open') return <Badge tone="blue">Open</Badge>;
  const by = task.completedByName ? ` by ${task.completedByName}` : '';
  return (
    <>
      <Badge tone={task.status === 'done' ? 'green' : 'slate'}>{task.status === 'done' ? 'Done' : 'Dismissed'}</Badge>
      {task.completedAt ? (
        <span className="block text-xs text-slate-600">
          {formatWhen(task.completedAt, timeZone)}
          {by}
        </span>
      ) : null}
    </>
  );
}

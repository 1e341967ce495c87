'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/ui/primitives/button';
import { ApiError, api } from '@/ui/primitives/api-client';
import { RunNow } from '../run-now';
import type { PlaybookJson, Problem } from '../types';

interface Props {
  playbook: PlaybookJson | null;
  dirty: boolean;
  save: () => Promise<PlaybookJson | null>;
  onPlaybook: (p: PlaybookJson) => void;
  announce: (message: string) => void;
  /** Example values still in the steps: activation is refused until they are replaced. */
  placeholders: string[];
  /** The server refused to activate: its reasons, at the fields they are about. */
  onRefused: (issues: Problem[]) => void;
}

/** Save, activate or pause, run by hand, duplicate, delete: each says what happened, or why not. */
export function EditorActions({ playbook, dirty, save, onPlaybook, announce, placeholders, onRefused }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [runOpen, setRunOpen] = useState(false);

  const act = async (name: string, fn: () => Promise<void>) => {
    setBusy(name);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Something went wrong; nothing was changed. Try again.');
    } finally {
      setBusy(null);
    }
  };

  const setEnabled = (enabled: boolean) =>
    act(enabled ? 'activate' : 'pause', async () => {
      const current = dirty || !playbook ? await save() : playbook;
      if (!current) return;
      const res = await api<{ playbook: PlaybookJson }>(`/api/playbooks/${current.id}/enable`, { body: { enabled } }).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 422) onRefused((err.body.details?.issues ?? []) as Problem[]);
        throw err;
      });
      onPlaybook(res.playbook);
      announce(
        enabled ? `Active: “${res.playbook.name}” now runs on its triggers.` : `Paused: no new runs start, and runs in flight wait until it is active again.`,
      );
      router.refresh();
    });

  const active = playbook?.status === 'active';
  return (
    <div className="flex max-w-xl flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        <Button
          variant={active ? 'secondary' : 'primary'}
          disabled={!!busy || (!dirty && !!playbook)}
          onClick={() => act('save', async () => void (await save()))}
        >
          {busy === 'save' ? 'Saving…' : active ? 'Save new version' : 'Save draft'}
        </Button>
        {active ? (
          <Button variant="secondary" disabled={!!busy} onClick={() => setEnabled(false)}>
            {busy === 'pause' ? 'Pausing…' : 'Pause'}
          </Button>
        ) : (
          <Button disabled={!!busy} onClick={() => setEnabled(true)}>
            {busy === 'activate' ? 'Activating…' : dirty || !playbook ? 'Save and activate' : 'Activate'}
          </Button>
        )}
        {playbook ? (
          <>
            <Button
              variant="secondary"
              disabled={!!busy || !active}
              aria-expanded={runOpen}
              onClick={() => setRunOpen((v) => !v)}
              title={active ? undefined : 'Activate the playbook to run it by hand'}
            >
              Run now
            </Button>
            <Button
              variant="secondary"
              disabled={!!busy}
              onClick={() =>
                act('duplicate', async () => {
                  const res = await api<{ playbook: PlaybookJson }>(`/api/playbooks/${playbook.id}/duplicate`, { method: 'POST' });
                  router.push(`/dashboard/playbooks/${res.playbook.id}`);
                })
              }
            >
              {busy === 'duplicate' ? 'Duplicating…' : 'Duplicate'}
            </Button>
            <Button
              variant="danger"
              disabled={!!busy || active}
              title={active ? 'Pause the playbook before deleting it' : undefined}
              onClick={() => {
                if (!window.confirm(`Delete “${playbook.name}”? Its runs stay in the log.`)) return;
                void act('delete', async () => {
                  await api(`/api/playbooks/${playbook.id}`, { method: 'DELETE' });
                  router.push('/dashboard/playbooks');
                  router.refresh();
                });
              }}
            >
              Delete
            </Button>
          </>
        ) : null}
      </div>
      {placeholders.length && !active ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="placeholder-notice">
          Before activating: {placeholders[0]}
          {placeholders.length > 1 ? ` (${placeholders.length - 1} more to replace)` : ''}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {runOpen && playbook ? <RunNow playbookId={playbook.id} onClose={() => setRunOpen(false)} /> : null}
    </div>
  );
}

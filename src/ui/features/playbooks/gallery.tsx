'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { agentName } from '@/domain/playbooks/agents';
import { Button, buttonClass } from '@/ui/primitives/button';
import { Badge } from '@/ui/primitives/badge';
import { ApiError, api } from '@/ui/primitives/api-client';
import { describeStep } from './describe-step';
import { describeTrigger } from './describe-trigger';
import { ShowExpression, triggerFilters } from './show-expression';
import type { GalleryEntry, PlaybookJson } from './types';

/** Ready playbooks: one click installs a draft copy to review, edit and activate. */
export function Gallery({ entries, timeZone, canWrite }: { entries: GalleryEntry[]; timeZone: string; canWrite: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);

  const install = async (key: string) => {
    setBusy(key);
    setError(null);
    try {
      const res = await api<{ playbook: PlaybookJson }>(`/api/playbooks/gallery/${key}`, { method: 'POST' });
      router.push(`/dashboard/playbooks/${res.playbook.id}`);
    } catch (err) {
      setError({ key, message: err instanceof ApiError ? err.message : 'Could not install it; try again.' });
      setBusy(null);
    }
  };

  return (
    <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {entries.map((g) => {
        const headingId = `gallery-${g.key}`;
        return (
          <li key={g.key}>
            <article
              aria-labelledby={headingId}
              className="flex h-full flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
              data-testid={`gallery-${g.key}`}
            >
              <div className="flex items-start justify-between gap-2">
                <h2 id={headingId} className="font-semibold">
                  {g.title}
                </h2>
                {g.installedPlaybookId ? <Badge tone="success">Installed</Badge> : null}
              </div>
              <p className="mt-1 text-xs text-slate-600">{agentName(g.ownerAgent)}</p>
              <p className="mt-1 text-xs text-slate-700" data-testid="gallery-starts">
                Starts: {describeTrigger(g.trigger, timeZone)}
                {g.firstWait ? `, then ${describeStep(g.firstWait).replace(/^W/, 'w')}` : ''}.
              </p>
              <ShowExpression expressions={triggerFilters([g.trigger])} className="mt-1" />
              <p className="mt-3 flex-1 text-sm text-slate-700">{g.summary}</p>
              {g.setup ? <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">Before activating: {g.setup}</p> : null}
              <div className="mt-4 flex flex-wrap gap-2">
                {g.installedPlaybookId ? (
                  <Link href={`/dashboard/playbooks/${g.installedPlaybookId}`} className={buttonClass('secondary')}>
                    Open<span className="sr-only"> {g.title}</span>
                  </Link>
                ) : null}
                {canWrite ? (
                  <Button
                    variant={g.installedPlaybookId ? 'ghost' : 'primary'}
                    disabled={!!busy}
                    onClick={() => install(g.key)}
                    aria-describedby={error?.key === g.key ? `${headingId}-error` : undefined}
                  >
                    {busy === g.key ? 'Installing…' : g.installedPlaybookId ? 'Install another copy' : 'Install'}
                    <span className="sr-only"> {g.title}</span>
                  </Button>
                ) : null}
              </div>
              {error?.key === g.key ? (
                <p id={`${headingId}-error`} role="alert" className="mt-2 text-sm text-red-700">
                  {error.message}
                </p>
              ) : null}
            </article>
          </li>
        );
      })}
    </ul>
  );
}

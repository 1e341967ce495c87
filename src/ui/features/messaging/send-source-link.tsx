import Link from 'next/link';
import { describeSendSource, type SendSourceName } from '@/domain/messaging/send-source';
import type { OutboxNames } from '@/server/services/messaging/outbox-names';

export interface OutboxLinks {
  /** The viewer may open playbooks (and so their runs). */
  playbooks: boolean;
  /** The viewer may open the template editor. */
  templates: boolean;
}

const link = 'text-brand-700 underline hover:no-underline';

/**
 * Where a message came from, in words, each part a link to what it names: "Abandoned cart
 * reminder" (the playbook), "step 2: Send email" (the step in the builder), "the run" (the
 * playbook's run log). Plain text for a viewer who cannot open playbooks, or a deleted one.
 */
export function SendSource({ source, links, withRun = false }: { source: SendSourceName | undefined; links: OutboxLinks; withRun?: boolean }) {
  if (!source) return <>Unknown</>;
  if (source.type === 'campaign' && source.name && links.templates)
    return (
      <Link href="/dashboard/campaigns" className={link}>
        {describeSendSource(source)}
      </Link>
    );
  if (source.type !== 'playbook' || !links.playbooks || !source.playbookExists) return <>{describeSendSource(source)}</>;
  const base = `/dashboard/playbooks/${source.playbookId}`;
  return (
    <span data-testid="send-source">
      <Link href={base} className={link}>
        {source.playbookName}
      </Link>
      {source.stepNumber ? (
        <>
          ,{' '}
          <Link href={`${base}?tab=design#step-${source.stepId}`} className={link}>
            step {source.stepNumber}: {source.stepLabel}
          </Link>
        </>
      ) : null}
      {withRun ? (
        <>
          {' '}
          (
          <Link href={`${base}?tab=runs`} className={link} aria-label={`The run of ${source.playbookName} that sent it`}>
            its run
          </Link>
          )
        </>
      ) : null}
    </span>
  );
}

/** A template by name, linked to its editor for those who may edit it. */
export function TemplateName({ id, names, links }: { id: string; names: OutboxNames; links: OutboxLinks }) {
  const name = names.templates[id];
  if (!name) return <>a template that was deleted</>;
  return links.templates ? (
    <Link href={`/dashboard/messages/templates/${id}`} className={link}>
      {name}
    </Link>
  ) : (
    <>{name}</>
  );
}

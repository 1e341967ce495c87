import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { IdSchema } from '@/domain/common';
import { AppError } from '@/domain/errors';
import { can, rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { listTemplates } from '@/server/services/messaging/manage-templates';
import { getPlaybookWithVersions } from '@/server/services/playbooks/list-playbooks';
import { getTenantOrThrow } from '@/server/services/tenants/get-tenant';
import { PlaybookEditor } from '@/ui/features/playbooks/builder/playbook-editor';
import type { TabKey } from '@/ui/features/playbooks/builder/editor-tabs';
import { jsonify } from '@/ui/features/playbooks/types';

export const metadata: Metadata = { title: 'Playbook' };

const TABS: TabKey[] = ['design', 'dry-run', 'runs', 'results', 'versions'];

export default async function PlaybookPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string }> }) {
  const ctx = await requirePageSession({ roles: rolesFor('playbooks:read') });
  const { id } = await params;
  const { tab } = await searchParams;
  if (!IdSchema.safeParse(id).success) notFound();
  const found = await getPlaybookWithVersions(ctx, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  const [tenant, templates] = await Promise.all([getTenantOrThrow(ctx), listTemplates(ctx)]);
  return (
    <PlaybookEditor
      key={`${found.playbook.id}:${found.playbook.version}`}
      initial={jsonify(found)}
      canWrite={can(ctx.actor.role, 'playbooks:write')}
      canPreview={can(ctx.actor.role, 'messages:send')}
      canSeeResults={can(ctx.actor.role, 'analytics:read')}
      timeZone={tenant.timeZone}
      templates={templates.map((t) => ({ id: t.id, name: t.name, channel: t.channel, kind: t.kind }))}
      initialTab={TABS.includes(tab as TabKey) ? (tab as TabKey) : 'design'}
    />
  );
}

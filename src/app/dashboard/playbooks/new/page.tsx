import type { Metadata } from 'next';
import { can, rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { listTemplates } from '@/server/services/messaging/manage-templates';
import { getTenantOrThrow } from '@/server/services/tenants/get-tenant';
import { PlaybookEditor } from '@/ui/features/playbooks/builder/playbook-editor';

export const metadata: Metadata = { title: 'New playbook' };

export default async function NewPlaybookPage() {
  const ctx = await requirePageSession({ roles: rolesFor('playbooks:write') });
  const [tenant, templates] = await Promise.all([getTenantOrThrow(ctx), listTemplates(ctx)]);
  return (
    <PlaybookEditor
      initial={null}
      canWrite
      canPreview={can(ctx.actor.role, 'messages:send')}
      timeZone={tenant.timeZone}
      templates={templates.map((t) => ({ id: t.id, name: t.name, channel: t.channel, kind: t.kind }))}
    />
  );
}

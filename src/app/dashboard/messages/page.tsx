import type { Metadata } from 'next';
import Link from 'next/link';
import { can, rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { listTemplates } from '@/server/services/messaging/manage-templates';
import { TemplateList } from '@/ui/features/messaging/template-list';
import { buttonClass } from '@/ui/primitives/button';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Messages' };

export default async function MessagesPage() {
  const ctx = await requirePageSession({ roles: rolesFor('messages:read') });
  const templates = await listTemplates(ctx);
  const canEdit = can(ctx.actor.role, 'messages:send');
  return (
    <>
      <PageHeader
        title="Message templates"
        description="The emails and texts your playbooks and staff send. Every send passes the gate: consent, age, quiet hours and frequency caps."
        actions={
          <>
            <Link href="/dashboard/outbox" className={buttonClass('secondary')}>
              Outbox
            </Link>
            {canEdit ? (
              <Link href="/dashboard/messages/templates/new" className={buttonClass('primary')}>
                New template
              </Link>
            ) : null}
          </>
        }
      />
      <TemplateList templates={templates} canEdit={canEdit} />
    </>
  );
}

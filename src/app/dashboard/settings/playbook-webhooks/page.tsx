import type { Metadata } from 'next';
import { can, rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { getOutboundWebhookStatus } from '@/server/services/playbooks/outbound-webhook-secret';
import { OutboundWebhooksPanel } from '@/ui/features/playbooks/outbound-webhooks-panel';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Playbook webhooks' };

export default async function PlaybookWebhooksPage() {
  const ctx = await requirePageSession({ roles: rolesFor('settings:manage') });
  const status = await getOutboundWebhookStatus(ctx);
  return (
    <>
      <PageHeader
        title="Playbook webhooks"
        description="Playbooks' webhook steps sign every request they send, so your receiver can check it came from BakedBot and was not changed on the way."
      />
      <OutboundWebhooksPanel initial={status} canManage={can(ctx.actor.role, 'secrets:manage')} />
    </>
  );
}

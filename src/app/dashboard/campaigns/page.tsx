import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { listCampaigns } from '@/server/services/crm/campaigns';
import { listTemplates } from '@/server/services/messaging/manage-templates';
import { CampaignsView, type CampaignRow } from '@/ui/features/campaigns/campaigns-view';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Campaigns' };

export default async function CampaignsPage() {
  const ctx = await requirePageSession({ roles: rolesFor('messages:send') });
  const [campaigns, templates] = await Promise.all([listCampaigns(ctx), listTemplates(ctx)]);
  return (
    <>
      <PageHeader title="Campaigns" description="Send one message to a whole segment, such as all VIP customers, and follow it as it goes out." />
      <CampaignsView
        initial={JSON.parse(JSON.stringify(campaigns)) as CampaignRow[]}
        templates={templates.filter((t) => t.kind === 'marketing').map((t) => ({ id: t.id, name: t.name, channel: t.channel }))}
      />
    </>
  );
}

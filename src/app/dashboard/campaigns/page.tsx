import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { listCampaigns } from '@/server/services/crm/campaigns';
import { loadActiveSavedSegments } from '@/server/services/crm/saved-segments-cache';
import { listTemplates } from '@/server/services/messaging/manage-templates';
import { CampaignsView, type CampaignRow } from '@/ui/features/campaigns/campaigns-view';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Campaigns' };

export default async function CampaignsPage() {
  const ctx = await requirePageSession({ roles: rolesFor('messages:send') });
  const [campaigns, templates, saved] = await Promise.all([listCampaigns(ctx), listTemplates(ctx), loadActiveSavedSegments(ctx.orgId)]);
  return (
    <>
      <PageHeader title="Campaigns" description="Send one message to a whole segment, such as all VIP customers, and follow it as it goes out." />
      <CampaignsView
        initial={JSON.parse(JSON.stringify(campaigns)) as CampaignRow[]}
        savedSegments={saved.map((s) => ({ id: s.id, name: s.name })).sort((a, b) => a.name.localeCompare(b.name))}
        templates={templates.filter((t) => t.kind === 'marketing').map((t) => ({ id: t.id, name: t.name, channel: t.channel }))}
      />
    </>
  );
}

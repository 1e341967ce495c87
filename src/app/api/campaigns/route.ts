import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { scheduleFollowUp } from '@/server/http/after-response';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { createCampaign, listCampaigns } from '@/server/services/crm/campaigns';

// GET /api/campaigns: the latest 50 segment campaigns with their progress and tally (owners and admins)
export const GET = withTenant(async (_req, ctx) => ({ campaigns: await listCampaigns(ctx) }), { roles: rolesFor('messages:send') });

// POST /api/campaigns: a campaign to a segment; sending now starts after the answer (201), a later start waits for the tick
export const POST = withTenant(
  async (req, ctx) => {
    const { campaign, followUp } = await createCampaign(ctx, await parseJsonBody(req, z.unknown()));
    scheduleFollowUp(followUp);
    return Response.json({ campaign }, { status: 201 });
  },
  { roles: rolesFor('messages:send') },
);

import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getCampaignOrThrow } from '@/server/services/crm/campaigns';

const Params = z.object({ id: z.string().regex(/^cmp_[a-z0-9]{1,40}$/, 'Not a campaign id') });

// GET /api/campaigns/[id]: one campaign's progress and tally (the page polls it while it sends)
export const GET = withTenant<{ id: string }>(async (_req, ctx, params) => ({ campaign: await getCampaignOrThrow(ctx, parseParams(params, Params).id) }), {
  roles: rolesFor('messages:send'),
});

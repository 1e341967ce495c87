import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { scheduleFollowUp } from '@/server/http/after-response';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { changeCampaign } from '@/server/services/crm/campaigns';

const Params = z.object({
  id: z.string().regex(/^cmp_[a-z0-9]{1,40}$/, 'Not a campaign id'),
  action: z.enum(['pause', 'resume', 'cancel'], { message: 'The action is pause, resume or cancel' }),
});

// POST /api/campaigns/[id]/pause|resume|cancel: stop or go on; cancelling also withdraws its messages waiting for quiet hours to end
export const POST = withTenant<{ id: string; action: string }>(
  async (_req, ctx, params) => {
    const { id, action } = parseParams(params, Params);
    const { campaign, followUp } = await changeCampaign(ctx, id, action);
    scheduleFollowUp(followUp);
    return { campaign };
  },
  { roles: rolesFor('messages:send') },
);

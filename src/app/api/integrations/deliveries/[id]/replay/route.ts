import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { scheduleFollowUp } from '@/server/http/after-response';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { replayDelivery } from '@/server/services/integrations/replay-delivery';

// POST /api/integrations/deliveries/[id]/replay: process a stored delivery again (idempotent); runs after the response
export const POST = withTenant<{ id: string }>(
  async (_req, ctx, params) => {
    const { followUp, ...accepted } = await replayDelivery(ctx, parseParams(params, z.object({ id: IdSchema })).id);
    scheduleFollowUp(followUp);
    return Response.json(accepted, { status: 202 });
  },
  { roles: rolesFor('integrations:manage') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getDelivery } from '@/server/services/integrations/get-delivery';

// GET /api/integrations/deliveries/[id]: one delivery with payload, headers, attempts and the events it produced
export const GET = withTenant<{ id: string }>(async (_req, ctx, params) => getDelivery(ctx, parseParams(params, z.object({ id: IdSchema })).id), {
  roles: rolesFor('integrations:manage'),
});

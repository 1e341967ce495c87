import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams, parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { recommendForCustomerId, RecommendQuerySchema } from '@/server/services/agents/smokey';

const Params = z.object({ id: IdSchema });

// GET /api/customers/[id]/recommendations?limit=: Smokey's suggestions for the customer (customer page and loyalty tablet)
export const GET = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, Params);
    const { limit } = parseSearchParams(req, RecommendQuerySchema);
    return recommendForCustomerId(ctx, id, limit);
  },
  { roles: rolesFor('customers:read') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { UpdateEndpointInputSchema } from '@/domain/integrations/endpoint';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { deleteEndpoint, updateEndpoint } from '@/server/services/integrations/manage-endpoint';

const Params = z.object({ id: IdSchema });

// PATCH /api/integrations/endpoints/[id]: rename, change Alleaves header names or the rate limit
export const PATCH = withTenant<{ id: string }>(
  async (req, ctx, params) => ({ endpoint: await updateEndpoint(ctx, parseParams(params, Params).id, await parseJsonBody(req, UpdateEndpointInputSchema)) }),
  { roles: rolesFor('integrations:manage') },
);

// DELETE /api/integrations/endpoints/[id]: stop accepting deliveries and remove the secret (history stays)
export const DELETE = withTenant<{ id: string }>(
  async (_req, ctx, params) => {
    await deleteEndpoint(ctx, parseParams(params, Params).id);
    return { ok: true };
  },
  { roles: rolesFor('integrations:manage') },
);

import { CreateEndpointInputSchema } from '@/domain/integrations/endpoint';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { createEndpoint } from '@/server/services/integrations/create-endpoint';
import { listEndpoints } from '@/server/services/integrations/manage-endpoint';

// GET /api/integrations/endpoints: the tenant's webhook endpoints with their URLs (never secrets)
export const GET = withTenant(async (_req, ctx) => ({ endpoints: await listEndpoints(ctx) }), { roles: rolesFor('integrations:manage') });

// POST /api/integrations/endpoints: create an endpoint; answers once with its signing secret
export const POST = withTenant(
  async (req, ctx) => Response.json(await createEndpoint(ctx, await parseJsonBody(req, CreateEndpointInputSchema)), { status: 201 }),
  { roles: rolesFor('integrations:manage') },
);

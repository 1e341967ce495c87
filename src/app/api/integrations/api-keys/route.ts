import { CreateApiKeyInputSchema } from '@/domain/integrations/api-key';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { createApiKey, listApiKeys } from '@/server/services/integrations/api-keys';

// GET /api/integrations/api-keys: the tenant's track-API keys (prefixes only)
export const GET = withTenant(async (_req, ctx) => ({ apiKeys: await listApiKeys(ctx) }), { roles: rolesFor('integrations:manage') });

// POST /api/integrations/api-keys: create a key; answers once with the key itself
export const POST = withTenant(async (req, ctx) => Response.json(await createApiKey(ctx, await parseJsonBody(req, CreateApiKeyInputSchema)), { status: 201 }), {
  roles: rolesFor('integrations:manage'),
});

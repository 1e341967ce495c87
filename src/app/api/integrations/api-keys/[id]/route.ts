import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { revokeApiKey } from '@/server/services/integrations/api-keys';

// DELETE /api/integrations/api-keys/[id]: revoke a key at once
export const DELETE = withTenant<{ id: string }>(
  async (_req, ctx, params) => ({ apiKey: await revokeApiKey(ctx, parseParams(params, z.object({ id: IdSchema })).id) }),
  { roles: rolesFor('integrations:manage') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { RotateSecretInputSchema } from '@/domain/integrations/endpoint';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { parseOptionalJsonBody } from '@/server/http/optional-json-body';
import { withTenant } from '@/server/http/with-tenant';
import { rotateEndpointSecret } from '@/server/services/integrations/manage-endpoint';

// POST /api/integrations/endpoints/[id]/rotate-secret: new secret, shown once; the old one works for 24 hours
export const POST = withTenant<{ id: string }>(
  async (req, ctx, params) =>
    rotateEndpointSecret(ctx, parseParams(params, z.object({ id: IdSchema })).id, await parseOptionalJsonBody(req, RotateSecretInputSchema)),
  { roles: rolesFor('integrations:manage') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { parseOptionalJsonBody } from '@/server/http/optional-json-body';
import { withTenant } from '@/server/http/with-tenant';
import { SendTestDeliveryInputSchema, sendTestDelivery } from '@/server/services/integrations/send-test-delivery';

// POST /api/integrations/endpoints/[id]/test-delivery: post a signed sample of { event } to the endpoint's own URL
export const POST = withTenant<{ id: string }>(
  async (req, ctx, params) =>
    sendTestDelivery(ctx, parseParams(params, z.object({ id: IdSchema })).id, await parseOptionalJsonBody(req, SendTestDeliveryInputSchema)),
  { roles: rolesFor('integrations:manage') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getCustomerOrThrow } from '@/server/services/customers/get-customer';
import { customerTimeline } from '@/server/services/messaging/list-sends';

const Params = z.object({ id: IdSchema });

// GET /api/customers/[id]/messages: the customer's message timeline (sends with the gate's reason, replies, consent changes)
export const GET = withTenant<{ id: string }>(
  async (_req, ctx, params) => {
    const { id } = parseParams(params, Params);
    await getCustomerOrThrow(ctx, id);
    return { timeline: await customerTimeline(ctx, id) };
  },
  { roles: rolesFor('messages:read') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { ChannelSchema } from '@/domain/customer';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getCustomerOrThrow } from '@/server/services/customers/get-customer';
import { recordConsent } from '@/server/services/messaging/record-consent';

const Params = z.object({ id: IdSchema });
const Body = z.object({ channel: ChannelSchema, status: z.enum(['opted_in', 'opted_out']), note: z.string().trim().max(300).optional() });

// POST /api/customers/[id]/consent: staff record an opt-in or opt-out for one channel (kept with source "staff" and the time)
export const POST = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, Params);
    const body = await parseJsonBody(req, Body);
    const result = await recordConsent(ctx, { customerId: id, channel: body.channel, status: body.status, source: 'staff', note: body.note ?? null });
    const customer = await getCustomerOrThrow(ctx, id);
    return { changed: result.changed, consent: customer.consent };
  },
  { roles: rolesFor('customers:write') },
);

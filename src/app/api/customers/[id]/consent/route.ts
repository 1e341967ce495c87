import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { ChannelSchema } from '@/domain/customer';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getCustomerOrThrow } from '@/server/services/customers/get-customer';
import { counterDisclosures, recordCounterConsent } from '@/server/services/customers/record-counter-consent';

const Params = z.object({ id: IdSchema });
const Body = z.object({
  channel: ChannelSchema,
  status: z.enum(['opted_in', 'opted_out']),
  /** The disclosure shown to the customer, exactly as the page showed it (GET answers it). */
  disclosure: z.string().trim().min(1, 'Show the customer the disclosure').max(1000),
  note: z.string().trim().max(300).optional(),
});

// GET /api/customers/[id]/consent: the customer's consent and the disclosures staff show at the counter
export const GET = withTenant<{ id: string }>(
  async (_req, ctx, params) => {
    const customer = await getCustomerOrThrow(ctx, parseParams(params, Params).id);
    return { consent: customer.consent, disclosures: await counterDisclosures(ctx) };
  },
  { roles: rolesFor('customers:consent') },
);

// POST /api/customers/[id]/consent: any staff member records an opt-in or opt-out at the counter (source in_store, the disclosure shown, who recorded it)
export const POST = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, Params);
    const body = await parseJsonBody(req, Body);
    const result = await recordCounterConsent(ctx, { customerId: id, ...body });
    const customer = await getCustomerOrThrow(ctx, id);
    return { changed: result.changed, consent: customer.consent };
  },
  { roles: rolesFor('customers:consent') },
);

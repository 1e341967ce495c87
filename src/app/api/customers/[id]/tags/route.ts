import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { TAG_MAX_LENGTH } from '@/domain/crm/tags';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseParams, parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getCustomerOrThrow } from '@/server/services/customers/get-customer';
import { changeCustomerTag, suggestCustomerTags } from '@/server/services/customers/change-customer-tags';

const Params = z.object({ id: IdSchema });
const Body = z.object({ tag: z.string().max(200) });
const Query = z.object({ q: z.string().max(TAG_MAX_LENGTH).default('') });

// GET /api/customers/[id]/tags?q=: the customer's tags and the dispensary's tags to suggest (one registry document)
export const GET = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const customer = await getCustomerOrThrow(ctx, parseParams(params, Params).id);
    return { tags: customer.tags, suggestions: await suggestCustomerTags(ctx, parseSearchParams(req, Query).q) };
  },
  { roles: rolesFor('customers:write') },
);

// POST /api/customers/[id]/tags: add one tag (trimmed, at most 40 characters, a duplicate in any case refused)
export const POST = withTenant<{ id: string }>(
  async (req, ctx, params) => changeCustomerTag(ctx, parseParams(params, Params).id, 'added', (await parseJsonBody(req, Body)).tag),
  { roles: rolesFor('customers:write') },
);

// DELETE /api/customers/[id]/tags: remove one tag (case ignored)
export const DELETE = withTenant<{ id: string }>(
  async (req, ctx, params) => changeCustomerTag(ctx, parseParams(params, Params).id, 'removed', (await parseJsonBody(req, Body)).tag),
  { roles: rolesFor('customers:write') },
);

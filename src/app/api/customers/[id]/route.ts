import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getCustomerProfile } from '@/server/services/customers/get-customer';

const Params = z.object({ id: IdSchema });

// GET /api/customers/[id]: one customer of this tenant with recent orders, shaped for the caller's role (budtenders: no amounts)
export const GET = withTenant<{ id: string }>(async (_req, ctx, params) => getCustomerProfile(ctx, parseParams(params, Params).id), {
  roles: rolesFor('customers:read'),
});

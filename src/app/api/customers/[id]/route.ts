import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getCustomerOrThrow, listCustomerOrders } from '@/server/services/customers/get-customer';

const Params = z.object({ id: IdSchema });

// GET /api/customers/[id]: one customer of this tenant with recent orders
export const GET = withTenant<{ id: string }>(
  async (_req, ctx, params) => {
    const { id } = parseParams(params, Params);
    const customer = await getCustomerOrThrow(ctx, id);
    return { customer, orders: await listCustomerOrders(ctx, id) };
  },
  { roles: rolesFor('customers:read') },
);

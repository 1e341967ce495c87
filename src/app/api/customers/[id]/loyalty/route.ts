import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { explainCustomerBalance } from '@/server/services/loyalty/explain-customer-balance';

const Params = z.object({ id: IdSchema });

// GET /api/customers/[id]/loyalty: the customer's balance explained from the ledger (no money amounts, so every staff role)
export const GET = withTenant<{ id: string }>(async (_req, ctx, params) => explainCustomerBalance(ctx, parseParams(params, Params).id), {
  roles: rolesFor('customers:read'),
});

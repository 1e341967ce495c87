import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { undoCustomerMerge } from '@/server/services/customers/undo-customer-merge';

const Params = z.object({ id: IdSchema });

// POST /api/customers/merge/[id]/undo: moves everything back within 30 days; refused after, with the date
export const POST = withTenant<{ id: string }>(async (_req, ctx, params) => undoCustomerMerge(ctx, parseParams(params, Params).id), {
  roles: rolesFor('customers:write'),
});

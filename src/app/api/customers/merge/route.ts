import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { MergeInputSchema, mergeCustomers } from '@/server/services/customers/merge-customers';
import { listCustomerMerges } from '@/server/services/customers/undo-customer-merge';

const Query = z.object({ customerId: IdSchema.optional(), limit: z.coerce.number().int().min(1).max(100).default(50) });

// GET /api/customers/merge?customerId=: the latest merges, newest first, with whether each can still be undone
export const GET = withTenant(async (req, ctx) => ({ merges: await listCustomerMerges(ctx, parseSearchParams(req, Query)) }), {
  roles: rolesFor('customers:write'),
});

// POST /api/customers/merge { survivorId, duplicateId }: merges the duplicate into the survivor (one transaction)
export const POST = withTenant(async (req, ctx) => (await mergeCustomers(ctx, await parseJsonBody(req, MergeInputSchema))).merge, {
  roles: rolesFor('customers:write'),
});

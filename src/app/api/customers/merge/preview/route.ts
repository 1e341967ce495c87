import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { MergeInputSchema, previewCustomerMerge } from '@/server/services/customers/merge-customers';

// POST /api/customers/merge/preview { survivorId, duplicateId }: what a merge would move; writes nothing
export const POST = withTenant(async (req, ctx) => previewCustomerMerge(ctx, await parseJsonBody(req, MergeInputSchema)), {
  roles: rolesFor('customers:write'),
});

import { rolesFor } from '@/domain/roles';
import { scheduleFollowUp } from '@/server/http/after-response';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { listCustomerImports } from '@/server/services/crm/customer-import-jobs';
import { CustomerImportRequestSchema, MAX_IMPORT_BODY_BYTES, startCustomerImport } from '@/server/services/crm/import-customers';

// POST /api/customers/import: starts importing a CSV of customers with a column mapping; accepted (202), it runs after the response and on the tick (owners and admins)
export const POST = withTenant(
  async (req, ctx) => {
    const { job, followUp } = await startCustomerImport(ctx, await parseJsonBody(req, CustomerImportRequestSchema, { maxBytes: MAX_IMPORT_BODY_BYTES }));
    scheduleFollowUp(followUp);
    return Response.json({ import: job }, { status: 202 });
  },
  { roles: rolesFor('customers:write') },
);

// GET /api/customers/import: the latest 10 customer imports with their progress and counts (owners and admins)
export const GET = withTenant(async (_req, ctx) => ({ imports: await listCustomerImports(ctx) }), { roles: rolesFor('customers:write') });

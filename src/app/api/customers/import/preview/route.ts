import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { CustomerImportRequestSchema, MAX_IMPORT_BODY_BYTES, previewCustomerImport } from '@/server/services/crm/import-customers';

// POST /api/customers/import/preview: the mapping (guessed from the header unless given), the first rows as they will be imported, and every row checked; writes nothing (owners and admins)
export const POST = withTenant(
  async (req, ctx) => previewCustomerImport(ctx, await parseJsonBody(req, CustomerImportRequestSchema, { maxBytes: MAX_IMPORT_BODY_BYTES })),
  { roles: rolesFor('customers:write') },
);

import { MAX_IMPORT_BYTES } from '@/domain/loyalty/opening-import';
import { rolesFor } from '@/domain/roles';
import { scheduleFollowUp } from '@/server/http/after-response';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { ImportRequestSchema, importOpeningBalances } from '@/server/services/loyalty/import-opening-balances';
import { listOpeningImports } from '@/server/services/loyalty/opening-import-reports';

// JSON escaping can double a CSV's size; the service then measures the file itself and names its limit.
const MAX_BODY_BYTES = 2 * MAX_IMPORT_BYTES + 64 * 1024;

// POST /api/loyalty/imports: opening balances from a CSV; a dry run answers what would happen, an import is accepted (202) and runs after the response
export const POST = withTenant(
  async (req, ctx) => {
    const result = await importOpeningBalances(ctx, await parseJsonBody(req, ImportRequestSchema, { maxBytes: MAX_BODY_BYTES }));
    if (result.dryRun) return result;
    scheduleFollowUp(result.followUp);
    return Response.json({ import: result.import }, { status: 202 });
  },
  { roles: rolesFor('loyalty-import:write') },
);

// GET /api/loyalty/imports: the latest 20 imports with their progress and counts (owners and admins)
export const GET = withTenant(async (_req, ctx) => ({ imports: await listOpeningImports(ctx) }), { roles: rolesFor('loyalty-import:read') });

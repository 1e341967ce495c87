import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { scheduleFollowUp } from '@/server/http/after-response';
import { parseParams, parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { continueCustomerImport, customerImportBadRowsCsv, getCustomerImport } from '@/server/services/crm/customer-import-jobs';

const QuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });

// GET /api/customers/import/[id]: an import's progress, counts and bad rows; ?format=csv downloads the bad rows with their reasons (owners and admins)
export const GET = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, z.object({ id: IdSchema }));
    if (parseSearchParams(req, QuerySchema).format === 'csv') {
      const { fileName, csv } = await customerImportBadRowsCsv(ctx, id);
      return new Response(csv, {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' },
      });
    }
    return getCustomerImport(ctx, id);
  },
  { roles: rolesFor('customers:write') },
);

// POST /api/customers/import/[id]: goes on with an import that stopped or lost its instance, from its recorded position (owners and admins)
export const POST = withTenant<{ id: string }>(
  async (_req, ctx, params) => {
    const { id } = parseParams(params, z.object({ id: IdSchema }));
    const { import: job, followUp } = await continueCustomerImport(ctx, id);
    scheduleFollowUp(followUp);
    return { import: job, continued: !!followUp };
  },
  { roles: rolesFor('customers:write') },
);

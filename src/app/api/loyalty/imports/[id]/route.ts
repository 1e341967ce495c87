import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { ImportRowStatusSchema } from '@/domain/loyalty/opening-import-records';
import { rolesFor } from '@/domain/roles';
import { parseParams, parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getOpeningImport, openingImportReconciliationCsv } from '@/server/services/loyalty/opening-import-reports';

const QuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  status: ImportRowStatusSchema.optional(),
  only: z.literal('differences').optional(),
});

// GET /api/loyalty/imports/[id]: an import's progress, row-by-row report and reconciliation; ?format=csv downloads the reconciliation (owners and admins)
export const GET = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, z.object({ id: IdSchema }));
    const q = parseSearchParams(req, QuerySchema);
    const onlyDifferences = q.only === 'differences';
    if (q.format === 'csv') {
      const { fileName, csv } = await openingImportReconciliationCsv(ctx, id, { onlyDifferences });
      return new Response(csv, {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' },
      });
    }
    return getOpeningImport(ctx, id, { status: q.status, onlyDifferences });
  },
  { roles: rolesFor('loyalty-import:read') },
);

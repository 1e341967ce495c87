import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { exportCustomerData } from '@/server/services/customers/export-customer-data';

const Params = z.object({ id: IdSchema });

// GET /api/customers/[id]/privacy-export: everything held about one customer, as a JSON download (owners)
export const GET = withTenant<{ id: string }>(
  async (_req, ctx, params) => {
    const exp = await exportCustomerData(ctx, parseParams(params, Params).id);
    return new Response(JSON.stringify(exp.data, null, 2), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="${exp.filename}"`,
        'cache-control': 'no-store',
      },
    });
  },
  { roles: rolesFor('customers:privacy') },
);

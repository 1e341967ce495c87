import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams, parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getCustomerOrThrow } from '@/server/services/customers/get-customer';
import { ListRunsQuerySchema, listRuns } from '@/server/services/playbooks/list-runs';

const Params = z.object({ id: IdSchema });

// GET /api/customers/[id]/runs: the playbook runs this customer has been through
export const GET = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, Params);
    await getCustomerOrThrow(ctx, id);
    return listRuns(ctx, { customerId: id }, parseSearchParams(req, ListRunsQuerySchema));
  },
  { roles: rolesFor('playbooks:read') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams, parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { tenantDb } from '@/server/db/tenant-db';
import { ListRunsQuerySchema, listRuns } from '@/server/services/playbooks/list-runs';

const Params = z.object({ id: IdSchema });

// GET /api/playbooks/[id]/runs?status=&customerId=&cursor=: the playbook's execution log
export const GET = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, Params);
    await tenantDb(ctx.orgId).playbooks.getOrThrow(id);
    return listRuns(ctx, { playbookId: id }, parseSearchParams(req, ListRunsQuerySchema));
  },
  { roles: rolesFor('playbooks:read') },
);

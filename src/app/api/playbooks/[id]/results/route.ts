import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getPlaybookResults } from '@/server/services/analytics/playbook-results';

const Params = z.object({ id: IdSchema });

// GET /api/playbooks/[id]/results?from=&to=: the playbook's Results tab (revenue: owners and admins)
export const GET = withTenant<{ id: string }>(
  async (req, ctx, params) => getPlaybookResults(ctx, parseParams(params, Params).id, Object.fromEntries(new URL(req.url).searchParams)),
  { roles: rolesFor('analytics:read') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { findDuplicatesFor } from '@/server/services/customers/find-duplicates';

const Params = z.object({ id: IdSchema });

// GET /api/customers/[id]/duplicates: profiles that look like the same person, ranked, with the reason (owners and admins: they merge)
export const GET = withTenant<{ id: string }>(async (_req, ctx, params) => ({ candidates: await findDuplicatesFor(ctx, parseParams(params, Params).id) }), {
  roles: rolesFor('customers:write'),
});

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { tenantDb } from '@/server/db/tenant-db';
import { DryRunInputSchema, dryRunPlaybook } from '@/server/services/playbooks/dry-run-playbook';
import { loadVersion } from '@/server/services/playbooks/engine/execute-run';

const Params = z.object({ id: IdSchema });

// POST /api/playbooks/[id]/dry-run: what the saved playbook would do for a customer, sending nothing
export const POST = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, Params);
    const input = await parseJsonBody(req, DryRunInputSchema);
    const playbook = await tenantDb(ctx.orgId).playbooks.getOrThrow(id);
    const { version } = await loadVersion(ctx.orgId, id, playbook.version);
    return dryRunPlaybook(ctx, version, input);
  },
  { roles: rolesFor('playbooks:read') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { DryRunInputSchema, dryRunSavedPlaybook } from '@/server/services/playbooks/dry-run-playbook';

const Params = z.object({ id: IdSchema });

// POST /api/playbooks/[id]/dry-run: what the saved playbook would do for a customer, sending nothing
// (read roles reach it so a budtender's bad draft is still checked and named; the run itself is for owners and admins)
export const POST = withTenant<{ id: string }>(
  async (req, ctx, params) => dryRunSavedPlaybook(ctx, parseParams(params, Params).id, await parseJsonBody(req, DryRunInputSchema)),
  { roles: rolesFor('playbooks:read') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { ManualRunInputSchema, runPlaybookManually } from '@/server/services/playbooks/run-playbook-manually';

const Params = z.object({ id: IdSchema });

// POST /api/playbooks/[id]/run: start the playbook by hand for a customer, a list, or a tag
export const POST = withTenant<{ id: string }>(
  async (req, ctx, params) => runPlaybookManually(ctx, parseParams(params, Params).id, await parseJsonBody(req, ManualRunInputSchema)),
  { roles: rolesFor('playbooks:write') },
);

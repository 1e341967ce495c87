import { can, rolesFor } from '@/domain/roles';
import { PlaybookDefinitionSchema } from '@/domain/playbooks/playbook';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { createPlaybook } from '@/server/services/playbooks/create-playbook';
import { listPlaybooks } from '@/server/services/playbooks/list-playbooks';

// GET /api/playbooks: every playbook with status, triggers, and runs, messages (and for owners and admins revenue) over 30 days, from rollups
export const GET = withTenant(async (_req, ctx) => ({ playbooks: await listPlaybooks(ctx, { seesRevenue: can(ctx.actor.role, 'revenue:read') }) }), {
  roles: rolesFor('playbooks:read'),
});

// POST /api/playbooks: create a draft playbook from a definition (steps may omit ids)
export const POST = withTenant(
  async (req, ctx) => {
    const definition = await parseJsonBody(req, PlaybookDefinitionSchema.passthrough());
    return Response.json({ playbook: await createPlaybook(ctx, definition) }, { status: 201 });
  },
  { roles: rolesFor('playbooks:write') },
);

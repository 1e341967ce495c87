import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { PlaybookDefinitionSchema } from '@/domain/playbooks/playbook';
import { issuesOf } from '@/domain/errors';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { validatePlaybook } from '@/server/services/playbooks/validate-playbook';

// POST /api/playbooks/validate: check a definition as the builder edits it; answers the problems (never saves)
export const POST = withTenant(
  async (req, ctx) => {
    const body = await parseJsonBody(req, z.record(z.string(), z.unknown()));
    const parsed = PlaybookDefinitionSchema.safeParse(body);
    if (!parsed.success) return { ok: false, problems: issuesOf(parsed.error) };
    const { problems, steps } = await validatePlaybook(ctx, parsed.data);
    return { ok: problems.length === 0, problems, steps };
  },
  { roles: rolesFor('playbooks:read') },
);

import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { PlaybookDefinitionSchema, type PlaybookDefinition } from '@/domain/playbooks/playbook';
import { issuesOf } from '@/domain/errors';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { validatePlaybook } from '@/server/services/playbooks/validate-playbook';

/**
 * A half-written playbook (no name yet, a step still being filled in) is still checked for
 * everything else, so a condition's mistake shows while it is typed, not only at save.
 */
const Unfinished = PlaybookDefinitionSchema.extend({
  name: z.string().max(120).default(''),
  steps: z.array(z.looseObject({ action: z.string(), id: z.string().optional() })).max(100),
});

// POST /api/playbooks/validate: check a definition as the builder edits it; answers the problems (never saves)
export const POST = withTenant(
  async (req, ctx) => {
    const body = await parseJsonBody(req, z.record(z.string(), z.unknown()));
    const strict = PlaybookDefinitionSchema.safeParse(body);
    const problems = strict.success ? [] : issuesOf(strict.error);
    const loose = strict.success ? strict : Unfinished.safeParse(body);
    if (loose.success) {
      const checked = await validatePlaybook(ctx, loose.data as PlaybookDefinition);
      for (const p of checked.problems) if (!problems.some((q) => q.path === p.path)) problems.push(p);
      return { ok: problems.length === 0, problems, steps: checked.steps };
    }
    return { ok: false, problems };
  },
  { roles: rolesFor('playbooks:read') },
);

import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { PlaybookDefinitionSchema } from '@/domain/playbooks/playbook';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { DryRunInputSchema, dryRunPlaybook } from '@/server/services/playbooks/dry-run-playbook';
import { assertNoProblems, validatePlaybook } from '@/server/services/playbooks/validate-playbook';

const Body = z.object({ definition: PlaybookDefinitionSchema, playbookId: z.string().max(128).optional(), options: DryRunInputSchema.default({ triggerIndex: 0 }) });

// POST /api/playbooks/dry-run: dry-run an unsaved definition from the builder
export const POST = withTenant(
  async (req, ctx) => {
    const body = await parseJsonBody(req, Body);
    const { steps, problems } = await validatePlaybook(ctx, body.definition);
    assertNoProblems(problems);
    const version = { id: 'draft', playbookId: body.playbookId ?? 'draft', version: 1, name: body.definition.name, triggers: body.definition.triggers, entry: body.definition.entry, exit: body.definition.exit, steps, createdAt: ctx.clock.now(), createdBy: ctx.actor.uid };
    return dryRunPlaybook(ctx, version, body.options);
  },
  { roles: rolesFor('playbooks:read') },
);

import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { PlaybookDefinitionSchema } from '@/domain/playbooks/playbook';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { DryRunInputSchema, dryRunDraft } from '@/server/services/playbooks/dry-run-playbook';

const Body = z.object({
  definition: PlaybookDefinitionSchema,
  playbookId: z.string().max(128).optional(),
  options: DryRunInputSchema.default({ triggerIndex: 0, useAi: false }),
});

// POST /api/playbooks/dry-run: dry-run an unsaved definition from the builder
// (read roles reach it so a budtender's bad draft is still checked and named; the run itself is for owners and admins)
export const POST = withTenant(
  async (req, ctx) => {
    const body = await parseJsonBody(req, Body);
    return dryRunDraft(ctx, body.definition, body.playbookId, body.options);
  },
  { roles: rolesFor('playbooks:read') },
);

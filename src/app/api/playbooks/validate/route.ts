import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { validateDraft } from '@/server/services/playbooks/validate-playbook';

// POST /api/playbooks/validate: check a definition as the builder edits it; answers the problems (never saves)
export const POST = withTenant(async (req, ctx) => validateDraft(ctx, await parseJsonBody(req, z.record(z.string(), z.unknown()))), {
  roles: rolesFor('playbooks:read'),
});

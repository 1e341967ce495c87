import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { duplicatePlaybook } from '@/server/services/playbooks/duplicate-playbook';

const Params = z.object({ id: IdSchema });

// POST /api/playbooks/[id]/duplicate: copy the playbook into a new draft
export const POST = withTenant<{ id: string }>(
  async (_req, ctx, params) => Response.json({ playbook: await duplicatePlaybook(ctx, parseParams(params, Params).id) }, { status: 201 }),
  { roles: rolesFor('playbooks:write') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { PlaybookDefinitionSchema } from '@/domain/playbooks/playbook';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { deletePlaybook } from '@/server/services/playbooks/delete-playbook';
import { getPlaybookWithVersions } from '@/server/services/playbooks/list-playbooks';
import { patchPlaybook, updatePlaybook } from '@/server/services/playbooks/update-playbook';

const Params = z.object({ id: IdSchema });

// GET /api/playbooks/[id]: the playbook with its version history
export const GET = withTenant<{ id: string }>(async (_req, ctx, params) => getPlaybookWithVersions(ctx, parseParams(params, Params).id), {
  roles: rolesFor('playbooks:read'),
});

// PUT /api/playbooks/[id]: replace the definition; saves a new version (runs in flight keep theirs)
export const PUT = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, Params);
    return { playbook: await updatePlaybook(ctx, id, await parseJsonBody(req, PlaybookDefinitionSchema.passthrough())) };
  },
  { roles: rolesFor('playbooks:write') },
);

// PATCH /api/playbooks/[id]: change some top-level fields; saves a new version
export const PATCH = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, Params);
    return { playbook: await patchPlaybook(ctx, id, await parseJsonBody(req, PlaybookDefinitionSchema.partial().strict())) };
  },
  { roles: rolesFor('playbooks:write') },
);

// DELETE /api/playbooks/[id]: delete a draft or paused playbook; its runs in flight end (they stay in the log)
export const DELETE = withTenant<{ id: string }>(
  async (_req, ctx, params) => {
    const { runsEnded } = await deletePlaybook(ctx, parseParams(params, Params).id);
    return { ok: true, runsEnded };
  },
  { roles: rolesFor('playbooks:write') },
);

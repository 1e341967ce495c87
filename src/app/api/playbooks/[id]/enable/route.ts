import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { setPlaybookStatus } from '@/server/services/playbooks/set-playbook-status';

const Params = z.object({ id: IdSchema });
const Body = z.object({ enabled: z.boolean() });

// POST /api/playbooks/[id]/enable {"enabled": true|false}: activate or pause (listeners change in the same transaction)
export const POST = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, Params);
    const hasBody = Number(req.headers.get('content-length') ?? '0') > 0 || req.headers.get('content-type')?.includes('json');
    const { enabled } = hasBody ? await parseJsonBody(req, Body) : { enabled: true };
    return { playbook: await setPlaybookStatus(ctx, id, enabled ? 'active' : 'paused') };
  },
  { roles: rolesFor('playbooks:write') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { UpdateTaskInputSchema, updateTaskStatus } from '@/server/services/tasks/update-task-status';

const Params = z.object({ id: IdSchema });

// PATCH /api/tasks/[id]: mark done, dismiss or reopen; a budtender only on budtender tasks
export const PATCH = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, Params);
    return { task: await updateTaskStatus(ctx, id, await parseJsonBody(req, UpdateTaskInputSchema)) };
  },
  { roles: rolesFor('tasks:write') },
);

import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { CreateTaskInputSchema, createManualTask } from '@/server/services/tasks/create-manual-task';
import { ListTasksQuerySchema, listTasks } from '@/server/services/tasks/list-tasks';

// GET /api/tasks?status=&assignRole=&customerId=&cursor=&limit=: the staff task inbox (budtenders see budtender tasks)
export const GET = withTenant(async (req, ctx) => listTasks(ctx, parseSearchParams(req, ListTasksQuerySchema)), { roles: rolesFor('tasks:read') });

// POST /api/tasks: a manual task for a role, optionally about one of this tenant's customers
export const POST = withTenant(
  async (req, ctx) => Response.json({ task: await createManualTask(ctx, await parseJsonBody(req, CreateTaskInputSchema)) }, { status: 201 }),
  { roles: rolesFor('tasks:create') },
);

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { AppError } from '@/domain/errors';
import { RoleSchema } from '@/domain/roles';
import type { StaffTask } from '@/domain/task';
import type { TaskView } from '@/domain/task-rules';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { toTaskViews } from './task-views';

export const CreateTaskInputSchema = z
  .object({
    title: z.string().trim().min(1, 'Give the task a title').max(200),
    description: z.string().trim().max(2000).default(''),
    customerId: IdSchema.nullable().optional(),
    assignRole: RoleSchema,
    /** An instant with its offset, e.g. 2026-03-02T10:00:00-05:00; the dashboard sends store time. */
    dueAt: z.iso.datetime({ offset: true, message: 'Give a date and time with its offset, e.g. 2026-03-02T10:00:00-05:00' }).transform((s) => new Date(s)),
  })
  .strict();
/** Already validated: the route parses the body with CreateTaskInputSchema (422 with field paths). */
export type CreateTaskInput = z.output<typeof CreateTaskInputSchema>;

/** A task staff write by hand ("call Dana about her order"); the customer, if named, must be this tenant's. */
export async function createManualTask(ctx: ServiceContext, input: CreateTaskInput): Promise<TaskView> {
  const tdb = tenantDb(ctx.orgId);
  const customerId = input.customerId ?? null;
  // Another tenant's customer id reads as missing here: the path is under this tenant.
  if (customerId && !(await tdb.customers.get(customerId))) {
    throw new AppError('validation_failed', 'Some fields are not valid.', {
      issues: [{ path: 'customerId', message: 'No customer with this id in your dispensary' }],
    });
  }
  const task: StaffTask = {
    id: `task_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    title: input.title,
    description: input.description,
    customerId,
    assignRole: input.assignRole,
    dueAt: input.dueAt,
    status: 'open',
    source: { type: 'manual', playbookId: null, runId: null, stepId: null },
    createdAt: ctx.clock.now(),
    completedAt: null,
    completedBy: null,
    createdBy: ctx.actor.uid,
  };
  await tdb.tasks.create(task);
  ctx.log?.info({ event: 'task.created', taskId: task.id, assignRole: task.assignRole }, 'manual task created');
  const [view] = await toTaskViews(ctx, [task]);
  return view!;
}

import { z } from 'zod';
import { errors } from '@/domain/errors';
import { assertMayWorkTask, changeTaskStatus, TASK_STATUSES, type TaskStatus, type TaskView } from '@/domain/task-rules';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { toTaskViews } from './task-views';

export const UpdateTaskInputSchema = z
  .object({
    /** "done" or "dismissed" finishes an open task; "open" reopens a finished one. */
    status: z.enum(TASK_STATUSES as [TaskStatus, ...TaskStatus[]]),
  })
  .strict();
export type UpdateTaskInput = z.infer<typeof UpdateTaskInputSchema>;

/**
 * Marks a task done or dismissed, or reopens it, recording who and when. Read and write happen in
 * one transaction, so two people pressing Done at once give one success and one 409.
 */
export async function updateTaskStatus(ctx: ServiceContext, taskId: string, input: UpdateTaskInput): Promise<TaskView> {
  const { status } = UpdateTaskInputSchema.parse(input);
  const tasks = tenantDb(ctx.orgId).tasks;
  const updated = await tasks.ref.firestore.runTransaction(async (tx) => {
    const snap = await tx.get(tasks.doc(taskId));
    const task = snap.data();
    if (!task) throw errors.notFound('Task', taskId);
    if (ctx.actor.role) assertMayWorkTask(ctx.actor.role, task);
    const change = changeTaskStatus(task, status, ctx.actor.uid, ctx.clock.now());
    tasks.updateIn(tx, taskId, { ...change });
    return { ...task, ...change };
  });
  ctx.log?.info({ event: 'task.status_changed', taskId, status }, 'task status changed');
  const [view] = await toTaskViews(ctx, [updated]);
  return view!;
}

import { errors } from './errors';
import type { Role } from './roles';
import type { StaffTask } from './task';

export type TaskStatus = StaffTask['status'];
export const TASK_STATUSES: readonly TaskStatus[] = ['open', 'done', 'dismissed'];
export const TASK_STATUS_LABEL: Record<TaskStatus, string> = { open: 'Open', done: 'Done', dismissed: 'Dismissed' };

/** A task as the inbox shows it: the stored task plus the names its ids point at. */
export interface TaskView extends StaffTask {
  customerName: string | null;
  playbookName: string | null;
  completedByName: string | null;
  createdByName: string | null;
  overdue: boolean;
}

export interface TaskStatusChange {
  status: TaskStatus;
  completedAt: Date | null;
  completedBy: string | null;
}

/**
 * What to write when staff move a task to `to`. Only an open task can be finished, and only a
 * finished one reopened: a second "done" from a colleague who had the page open is a conflict
 * the UI can explain, not a silent overwrite of who did it.
 */
export function changeTaskStatus(task: Pick<StaffTask, 'status'>, to: TaskStatus, by: string, at: Date): TaskStatusChange {
  if (task.status === to) throw errors.conflict(`This task is already ${TASK_STATUS_LABEL[to].toLowerCase()}.`, { status: task.status });
  if (to === 'open') return { status: 'open', completedAt: null, completedBy: null };
  if (task.status !== 'open') {
    throw errors.conflict(`This task is ${TASK_STATUS_LABEL[task.status].toLowerCase()}; reopen it before marking it ${TASK_STATUS_LABEL[to].toLowerCase()}.`, {
      status: task.status,
    });
  }
  return { status: to, completedAt: at, completedBy: by };
}

export function isOverdue(task: Pick<StaffTask, 'status' | 'dueAt'>, now: Date): boolean {
  return task.status === 'open' && task.dueAt.getTime() < now.getTime();
}

/**
 * Budtenders work the counter's tasks only; owners and admins see every role's. Returns the
 * role the listing is limited to, or null for all roles.
 */
export function visibleAssignRole(viewer: Role, requested: Role | undefined): Role | null {
  if (viewer === 'budtender') {
    if (requested && requested !== 'budtender') throw errors.forbidden('Budtenders see the tasks assigned to budtenders.');
    return 'budtender';
  }
  return requested ?? null;
}

/** Whether someone in `role` may mark this task done, dismiss or reopen it. */
export function assertMayWorkTask(role: Role, task: Pick<StaffTask, 'assignRole'>): void {
  if (role === 'budtender' && task.assignRole !== 'budtender') throw errors.forbidden(`This task is assigned to ${task.assignRole}s.`);
}

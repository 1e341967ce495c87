import { FieldPath, type Query } from 'firebase-admin/firestore';
import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { errors } from '@/domain/errors';
import { RoleSchema } from '@/domain/roles';
import type { StaffTask } from '@/domain/task';
import { visibleAssignRole, type TaskView } from '@/domain/task-rules';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { toTaskViews } from './task-views';

export const ListTasksQuerySchema = z.object({
  status: z.enum(['open', 'done', 'dismissed', 'all']).default('open'),
  /** Owners and admins may narrow to one role; a budtender always sees budtender tasks. */
  assignRole: RoleSchema.optional(),
  customerId: IdSchema.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListTasksQuery = z.input<typeof ListTasksQuerySchema>;
export type TaskListStatus = z.infer<typeof ListTasksQuerySchema>['status'];

/** Open tasks soonest due first (the to-do order); finished ones most recent first; "all" newest first. */
const ORDER = {
  open: { field: 'dueAt', dir: 'asc' },
  done: { field: 'completedAt', dir: 'desc' },
  dismissed: { field: 'completedAt', dir: 'desc' },
  all: { field: 'createdAt', dir: 'desc' },
} as const satisfies Record<TaskListStatus, { field: keyof StaffTask; dir: 'asc' | 'desc' }>;

export interface TaskPage {
  tasks: TaskView[];
  nextCursor: string | null;
  /** The role the listing was limited to (always "budtender" for a budtender), or null for all. */
  assignRole: z.infer<typeof RoleSchema> | null;
}

/** Lists the tenant's staff tasks with filters and cursor pagination, named for the inbox. */
export async function listTasks(ctx: ServiceContext, raw: ListTasksQuery): Promise<TaskPage> {
  const query = ListTasksQuerySchema.parse(raw);
  const role = ctx.actor.role ? visibleAssignRole(ctx.actor.role, query.assignRole) : (query.assignRole ?? null);
  const { field, dir } = ORDER[query.status];
  let q: Query<StaffTask> = tenantDb(ctx.orgId).tasks.ref;
  if (query.status !== 'all') q = q.where('status', '==', query.status);
  if (role) q = q.where('assignRole', '==', role);
  if (query.customerId) q = q.where('customerId', '==', query.customerId);
  // The document id breaks ties, so a cursor names exactly one position.
  q = q.orderBy(field, dir).orderBy(FieldPath.documentId(), dir);
  const after = decodeCursor(query.cursor, field);
  if (after) q = q.startAfter(after.at, after.id);
  const rows = (await q.limit(query.limit + 1).get()).docs.map((d) => d.data());
  const tasks = rows.slice(0, query.limit);
  const last = tasks.at(-1);
  const at = last?.[field];
  const nextCursor = rows.length > query.limit && last && at instanceof Date ? encodeCursor(field, at, last.id) : null;
  return { tasks: await toTaskViews(ctx, tasks), nextCursor, assignRole: role };
}

function encodeCursor(field: string, at: Date, id: string): string {
  return Buffer.from(JSON.stringify({ f: field, at: at.toISOString(), id })).toString('base64url');
}

/** A cursor records the order it came from, so one from another status is refused rather than misread. */
function decodeCursor(cursor: string | undefined, field: string): { at: Date; id: string } | null {
  if (!cursor) return null;
  let raw: { f?: unknown; at?: unknown; id?: unknown };
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof raw;
  } catch {
    raw = {};
  }
  const at = typeof raw.at === 'string' ? new Date(raw.at) : null;
  if (raw.f !== field || !at || Number.isNaN(at.getTime()) || typeof raw.id !== 'string') {
    throw errors.badRequest('The page cursor is not valid for this list; start from the first page.');
  }
  return { at, id: raw.id };
}

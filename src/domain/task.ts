import { z } from 'zod';
import { IdSchema } from './common';
import { RoleSchema } from './roles';

/** A to-do for dispensary staff, such as "call this VIP", usually created by a playbook. */
export const StaffTaskSchema = z.object({
  id: IdSchema,
  title: z.string().min(1).max(200),
  description: z.string().max(2000),
  customerId: z.string().nullable(),
  assignRole: RoleSchema,
  dueAt: z.date(),
  status: z.enum(['open', 'done', 'dismissed']),
  source: z.object({ type: z.enum(['playbook', 'manual']), playbookId: z.string().nullable(), runId: z.string().nullable(), stepId: z.string().nullable() }),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  completedBy: z.string().nullable(),
  /** Who wrote a manual task; absent on tasks a playbook made. */
  createdBy: z.string().nullable().optional(),
});
export type StaffTask = z.infer<typeof StaffTaskSchema>;

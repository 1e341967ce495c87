import { z } from 'zod';
import { IdSchema } from './common';
import type { Role } from './roles';
import { seesRevenue } from './views/viewer';

/**
 * A staff notification, shown live on the dashboard. Written only by the server; the browser
 * reads its own tenant's notifications through a Firestore listener (see firestore.rules).
 */
export const NotificationKindSchema = z.enum(['low_stock', 'delivery_dead_letter', 'playbook', 'system']);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

export const NotificationSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type NotificationSeverity = z.infer<typeof NotificationSeveritySchema>;

/**
 * Who may read a notification: every staff role, or only the roles that see revenue (a report,
 * an alert quoting an order total). firestore.rules enforce the same on the browser's listener.
 * A document without one (written before audiences existed) counts as owners_admins.
 */
export const NotificationAudienceSchema = z.enum(['all_staff', 'owners_admins']);
export type NotificationAudience = z.infer<typeof NotificationAudienceSchema>;

/** The audiences a role reads; the live listener filters on them, as the rules require. */
export function notificationAudiencesFor(role: Role): NotificationAudience[] {
  return seesRevenue(role) ? ['all_staff', 'owners_admins'] : ['all_staff'];
}

export const NotificationSchema = z.object({
  id: IdSchema,
  kind: NotificationKindSchema,
  severity: NotificationSeveritySchema,
  audience: NotificationAudienceSchema.default('owners_admins'),
  title: z.string().min(1).max(200),
  body: z.string().max(2000),
  /** A dashboard path to open, e.g. /dashboard/customers/cus_123. */
  link: z.string().startsWith('/').nullable(),
  /** The event or run that caused it, for tracing. */
  sourceId: z.string().nullable(),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const CreateNotificationInputSchema = z.object({
  kind: NotificationKindSchema,
  severity: NotificationSeveritySchema.default('info'),
  /** Fails closed: a notification is for owners and admins unless its author says all staff may read it. */
  audience: NotificationAudienceSchema.default('owners_admins'),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().max(2000).default(''),
  link: z.string().startsWith('/').nullable().default(null),
  sourceId: z.string().nullable().default(null),
  /** Same key, same notification: a redelivered event never notifies twice. */
  dedupeKey: z.string().min(1).max(300).optional(),
});
export type CreateNotificationInput = z.input<typeof CreateNotificationInputSchema>;

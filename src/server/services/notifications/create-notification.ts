import { randomBytes } from 'node:crypto';
import { CreateNotificationInputSchema, type CreateNotificationInput, type Notification } from '@/domain/notification';
import { stableId } from '@/domain/signals/records';
import type { ServiceContext } from '../../context';
import { isAlreadyExists } from '../../db/typed-collection';
import { tenantDb } from '../../db/tenant-db';

/**
 * Creates a staff notification; the dashboard shows it live through its Firestore listener.
 * With a dedupeKey the same cause notifies once, however often it is processed.
 */
export async function createNotification(ctx: ServiceContext, input: CreateNotificationInput): Promise<{ notification: Notification; created: boolean }> {
  const { dedupeKey, ...data } = CreateNotificationInputSchema.parse(input);
  const notifications = tenantDb(ctx.orgId).notifications;
  const id = dedupeKey ? stableId('ntf', dedupeKey) : `ntf_${randomBytes(12).toString('hex')}`;
  const notification: Notification = { id, ...data, createdAt: ctx.clock.now(), readAt: null };
  try {
    await notifications.ref.doc(id).create(notifications.parse(notification));
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    return { notification: (await notifications.get(id)) ?? notification, created: false };
  }
  ctx.log?.info({ event: 'notification.created', kind: data.kind, notificationId: id }, 'staff notification created');
  return { notification, created: true };
}

import {
  defaultMessagingSettings,
  MESSAGING_SETTINGS_DOC,
  MessagingSettingsBodySchema,
  type MessagingSettings,
  type MessagingSettingsBody,
} from '@/domain/messaging/settings';
import type { ServiceContext } from '../../context';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';

/** The dispensary's messaging settings; the strict defaults until someone saves them. */
export async function getMessagingSettings(ctx: Pick<ServiceContext, 'orgId' | 'clock'>): Promise<MessagingSettings> {
  const db = tenantDb(ctx.orgId);
  const stored = await db.messagingSettings.get(MESSAGING_SETTINGS_DOC);
  if (stored) return stored;
  const tenant = await tenantsCollection().getOrThrow(ctx.orgId);
  return defaultMessagingSettings(tenant, ctx.clock.now());
}

/** Replaces the settings; the schema refuses a send window wider than 08:00-21:00. */
export async function updateMessagingSettings(ctx: ServiceContext, body: MessagingSettingsBody): Promise<MessagingSettings> {
  const parsed = MessagingSettingsBodySchema.parse(body);
  return tenantDb(ctx.orgId).messagingSettings.set({ ...parsed, id: MESSAGING_SETTINGS_DOC, updatedAt: ctx.clock.now(), updatedBy: ctx.actor.uid });
}

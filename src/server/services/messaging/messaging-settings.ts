import {
  defaultMessagingSettings,
  MESSAGING_SETTINGS_DOC,
  MessagingSettingsBodySchema,
  type MessagingSettings,
  type MessagingSettingsBody,
} from '@/domain/messaging/settings';
import type { Tenant } from '@/domain/tenant';
import type { ServiceContext } from '../../context';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { ShortCache } from '../cache/short-cache';

/**
 * Every message reads the settings and the dispensary; an instance keeps them a second (saving
 * the settings through it forgets them at once; another instance's save is seen within that).
 */
const SETTINGS_TTL_MS = 1_000;
const settingsCache = new ShortCache<MessagingSettings | null>(SETTINGS_TTL_MS);
const tenantCache = new ShortCache<Tenant>(SETTINGS_TTL_MS);

/** The dispensary's own document, from the instance's short cache. */
export function cachedTenant(orgId: string): Promise<Tenant> {
  return tenantCache.get(orgId, () => tenantsCollection().getOrThrow(orgId));
}

/** The dispensary's messaging settings; the strict defaults until someone saves them. */
export async function getMessagingSettings(ctx: Pick<ServiceContext, 'orgId' | 'clock'>): Promise<MessagingSettings> {
  const stored = await settingsCache.get(ctx.orgId, () => tenantDb(ctx.orgId).messagingSettings.get(MESSAGING_SETTINGS_DOC));
  if (stored) return stored;
  return defaultMessagingSettings(await cachedTenant(ctx.orgId), ctx.clock.now());
}

/** Replaces the settings; the schema refuses a send window wider than 08:00-21:00. */
export async function updateMessagingSettings(ctx: ServiceContext, body: MessagingSettingsBody): Promise<MessagingSettings> {
  const parsed = MessagingSettingsBodySchema.parse(body);
  try {
    return await tenantDb(ctx.orgId).messagingSettings.set({ ...parsed, id: MESSAGING_SETTINGS_DOC, updatedAt: ctx.clock.now(), updatedBy: ctx.actor.uid });
  } finally {
    settingsCache.forget(ctx.orgId);
  }
}

/** A restart forgets what an instance cached; tests simulate one with this. */
export function forgetCachedSettings(): void {
  settingsCache.clear();
  tenantCache.clear();
}

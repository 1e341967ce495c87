import { defaultLoyaltySettings, LOYALTY_SETTINGS_DOC, type LoyaltySettings } from '@/domain/loyalty/settings';
import type { ServiceContext } from '../../context';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';

/** A programme and the zone its dates are counted in (expiry days, spend months): the dispensary's. */
export interface LoyaltyProgramme {
  settings: LoyaltySettings;
  timeZone: string;
}

const TTL_MS = 5_000;
const cache = new Map<string, { at: number; programme: LoyaltyProgramme }>();

/**
 * The dispensary's loyalty programme; the defaults until its owner saves one. Read on every order,
 * so each instance keeps it for a few seconds: a save on this instance is seen at once, another
 * instance's within TTL_MS.
 */
export async function loyaltyProgramme(ctx: Pick<ServiceContext, 'orgId'>, opts: { fresh?: boolean } = {}): Promise<LoyaltyProgramme> {
  const hit = cache.get(ctx.orgId);
  if (!opts.fresh && hit && Date.now() - hit.at < TTL_MS) return hit.programme;
  const tdb = tenantDb(ctx.orgId);
  const [stored, tenant] = await Promise.all([tdb.loyaltySettings.get(LOYALTY_SETTINGS_DOC), tenantsCollection().getOrThrow(ctx.orgId)]);
  const programme = { settings: stored ?? defaultLoyaltySettings(), timeZone: tenant.timeZone };
  cache.set(ctx.orgId, { at: Date.now(), programme });
  return programme;
}

/**
 * `fresh` for what people read back after a save (the settings page, the public menu): Next.js
 * may load a route handler and a page in separate module instances, so a save's
 * `forgetLoyaltyProgramme` does not reach the page's copy; one read costs those pages little.
 */
export async function getLoyaltySettings(ctx: Pick<ServiceContext, 'orgId'>, opts: { fresh?: boolean } = {}): Promise<LoyaltySettings> {
  return (await loyaltyProgramme(ctx, opts)).settings;
}

/** A save on this instance replaces what it remembers, so its next order uses the new programme. */
export function forgetLoyaltyProgramme(orgId: string) {
  cache.delete(orgId);
}

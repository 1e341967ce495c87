import { AnalyticsSettingsBodySchema, defaultAnalyticsSettings, type AnalyticsSettings } from '@/domain/analytics/analytics-settings';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { ShortCache } from '../cache/short-cache';

/** The dispensary's attribution windows and unit costs (defaults until first saved). */
export async function getAnalyticsSettings(ctx: Pick<ServiceContext, 'orgId'>): Promise<AnalyticsSettings> {
  return (await tenantDb(ctx.orgId).analyticsSettings.get('current')) ?? defaultAnalyticsSettings();
}

// Read on every order (attribution) and every report; changed rarely.
const settingsCache = new ShortCache<AnalyticsSettings>(30_000, 2_000);

/** The same, through the instance's 30-second cache. */
export const cachedAnalyticsSettings = (orgId: string): Promise<AnalyticsSettings> => settingsCache.get(orgId, () => getAnalyticsSettings({ orgId }));
const forgetAnalyticsSettings = (orgId: string) => settingsCache.forget(orgId);

/**
 * Saves the windows, the costs or both (a part left out keeps its value). The instance's cache is
 * forgotten at once; other instances see the change within their cache's few seconds.
 */
export async function updateAnalyticsSettings(ctx: ServiceContext, input: unknown): Promise<AnalyticsSettings> {
  const parsed = AnalyticsSettingsBodySchema.safeParse(input);
  if (!parsed.success) throw errors.validation(parsed.error, parsed.error.issues[0]!.message);
  const body = parsed.data;
  if (!body.attribution && !body.costs) throw errors.badRequest('Send the attribution windows, the costs, or both.');
  const tdb = tenantDb(ctx.orgId);
  const saved = await firestore().runTransaction(async (tx) => {
    const current = (await tx.get(tdb.analyticsSettings.doc('current'))).data() ?? defaultAnalyticsSettings();
    const next: AnalyticsSettings = {
      ...current,
      attribution: body.attribution ?? current.attribution,
      costs: body.costs ?? current.costs,
      updatedAt: ctx.clock.now(),
      updatedBy: ctx.actor.uid,
    };
    tx.set(tdb.analyticsSettings.doc('current'), tdb.analyticsSettings.parse(next));
    return next;
  });
  forgetAnalyticsSettings(ctx.orgId);
  ctx.log?.info({ event: 'analytics_settings.updated', costs: saved.costs, attribution: saved.attribution }, 'analytics settings updated');
  return saved;
}

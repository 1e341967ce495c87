import { DAY } from '@/domain/clock';
import { DEFAULT_RECOMMENDATION_SETTINGS, RecommendationSettingsBodySchema, type RecommendationSettings } from '@/domain/agents/recommendation-settings';
import type { Product } from '@/domain/product';
import type { z } from 'zod';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { ShortCache } from '../cache/short-cache';

/** Products read per tenant; a catalog beyond it is suggested from its first products by id. */
export const MAX_CATALOG = 5_000;
/** Best sellers: units over the last 30 days, from at most this many recent orders. */
const BEST_SELLER_DAYS = 30;
const BEST_SELLER_ORDERS = 1_000;

export interface SmokeyCatalog {
  /** Every product, inactive ones too: a past purchase's facts still say what the customer likes. */
  products: Product[];
  byId: Map<string, Product>;
  unitsSold: Record<string, number>;
}

// Suggestions are asked for on every customer page and tablet visit; the menu changes slower than that.
const catalogs = new ShortCache<SmokeyCatalog>(60_000, 500);

async function loadCatalog(orgId: string, now: Date): Promise<SmokeyCatalog> {
  const tdb = tenantDb(orgId);
  const since = new Date(now.getTime() - BEST_SELLER_DAYS * DAY);
  const [products, orders] = await Promise.all([
    tdb.products.ref.limit(MAX_CATALOG).get(),
    tdb.orders.ref.where('placedAt', '>=', since).orderBy('placedAt', 'desc').limit(BEST_SELLER_ORDERS).get(),
  ]);
  const list = products.docs.map((d) => d.data());
  const unitsSold: Record<string, number> = {};
  for (const doc of orders.docs) {
    const o = doc.data();
    if (o.status !== 'completed' && o.status !== 'partially_refunded') continue;
    for (const li of o.lineItems) if (li.productId) unitsSold[li.productId] = (unitsSold[li.productId] ?? 0) + li.quantity;
  }
  return { products: list, byId: new Map(list.map((p) => [p.id, p])), unitsSold };
}

/** The tenant's catalog and best sellers, read at most once a minute per server instance. */
export function smokeyCatalog(ctx: Pick<ServiceContext, 'orgId' | 'clock'>): Promise<SmokeyCatalog> {
  return catalogs.get(ctx.orgId, () => loadCatalog(ctx.orgId, ctx.clock.now()));
}

/** Forgets a tenant's cached catalog (tests that change stock between two asks). */
export function forgetSmokeyCatalog(orgId: string): void {
  catalogs.forget(orgId);
}

export async function getRecommendationSettings(ctx: Pick<ServiceContext, 'orgId'>): Promise<RecommendationSettings> {
  return (await tenantDb(ctx.orgId).recommendationSettings.get('current')) ?? DEFAULT_RECOMMENDATION_SETTINGS;
}

export async function updateRecommendationSettings(
  ctx: ServiceContext,
  input: z.input<typeof RecommendationSettingsBodySchema>,
): Promise<RecommendationSettings> {
  const body = RecommendationSettingsBodySchema.parse(input);
  const settings: RecommendationSettings = { id: 'current', ...body, updatedAt: ctx.clock.now(), updatedBy: ctx.actor.uid };
  await tenantDb(ctx.orgId).recommendationSettings.set(settings);
  ctx.log?.info({ event: 'recommendation_settings.updated', excludedCategories: body.excludedCategories }, 'recommendation settings updated');
  return settings;
}

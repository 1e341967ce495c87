import { z } from 'zod';
import { recentlyBought, recommendForCustomer, upsellForBasket, type Recommendation } from '@/domain/agents/smokey';
import type { HistoryLine } from '@/domain/agents/smokey-affinity';
import { IdSchema } from '@/domain/common';
import { CATEGORY_LABELS } from '@/domain/loyalty/public-menu';
import { findContentViolations } from '@/domain/messaging/content-rules';
import type { Product } from '@/domain/product';
import { countedLanguageModel } from '../analytics/count-ai-calls';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { LanguageModelError, type LanguageModel } from '../craig/language-model';
import { appBaseUrl } from '../messaging/messaging-config';
import { tenantSlugOf } from '../tenants/tenant-slug';
import { getRecommendationSettings, smokeyCatalog } from './smokey-catalog';

/** The customer's orders Smokey reads: the most recent, by the (customerId, placedAt desc) index. */
export const HISTORY_ORDERS = 50;
const PHRASING_TIMEOUT_MS = 6_000;

export interface ProductSuggestion {
  productId: string;
  name: string;
  brand: string;
  category: Product['category'];
  categoryLabel: string;
  strainType: Product['strainType'];
  size: string;
  priceCents: number;
  reason: string;
  /** The product on the dispensary's public menu (/menu/{slug}#product-{id}). */
  url: string;
}

export interface SmokeySuggestions {
  /** 'claude': Claude reworded the reasons; 'ready': the ranking's own words. The list and order are the same either way. */
  source: 'claude' | 'ready';
  model: string | null;
  notice: string | null;
  /** The store stock was checked at; null: the customer has none, so any store with stock counts. */
  homeLocationId: string | null;
  suggestions: ProductSuggestion[];
}

export const RecommendQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(12).default(5) });
export const UpsellBodySchema = z.object({
  productIds: z.array(IdSchema).min(1, 'Add at least one product to the basket').max(50),
  locationId: IdSchema.nullable().optional(),
  limit: z.number().int().min(1).max(12).default(5),
});

interface SmokeyDeps {
  /** The model that rewords reasons; null: never ask one (a dry run). Defaults to the dispensary's Claude. */
  model?: LanguageModel | null;
}

/** The customer's purchase lines (paid orders only), joined to what the catalog knows of each product. */
async function historyOf(ctx: ServiceContext, customerId: string, byId: Map<string, Product>): Promise<HistoryLine[]> {
  const snap = await tenantDb(ctx.orgId).orders.ref.where('customerId', '==', customerId).orderBy('placedAt', 'desc').limit(HISTORY_ORDERS).get();
  return snap.docs.flatMap((d) => {
    const o = d.data();
    if (o.status !== 'completed' && o.status !== 'partially_refunded') return [];
    return o.lineItems.map((li) => ({
      placedAt: o.placedAt,
      quantity: li.quantity,
      unitPriceCents: li.unitPriceCents,
      category: li.category,
      product: (li.productId && byId.get(li.productId)) || null,
    }));
  });
}

async function menuUrl(ctx: ServiceContext): Promise<string> {
  return `${appBaseUrl()}/menu/${await tenantSlugOf(ctx.orgId, ctx.clock.now())}`;
}

function toSuggestions(recs: Recommendation[], byId: Map<string, Product>, menu: string): ProductSuggestion[] {
  return recs.map((r) => {
    const p = byId.get(r.productId)!;
    return {
      productId: p.id,
      name: p.name,
      brand: p.brand,
      category: p.category,
      categoryLabel: CATEGORY_LABELS[p.category],
      strainType: p.strainType,
      size: p.size,
      priceCents: p.priceCents,
      reason: r.reason,
      url: `${menu}#product-${encodeURIComponent(p.id)}`,
    };
  });
}

const PhrasingSchema = z.object({
  reasons: z.array(z.object({ productId: z.string().max(200), reason: z.string().min(3).max(160) })).max(12),
});

/**
 * One call to Claude to reword the reasons in a budtender's voice, from the facts given only.
 * The products and their order never change; a reason Claude leaves out, or words as a health
 * claim, keeps the ranking's own. Any failure or timeout keeps them all.
 */
async function phrase(
  ctx: ServiceContext,
  s: ProductSuggestion[],
  model: LanguageModel | null,
): Promise<Pick<SmokeySuggestions, 'source' | 'model' | 'notice' | 'suggestions'>> {
  const ready = { source: 'ready' as const, model: null, suggestions: s };
  if (!s.length || !model) return { ...ready, notice: null };
  try {
    const facts = s.map((x) => ({ productId: x.productId, product: `${x.name} by ${x.brand} (${x.categoryLabel}, ${x.strainType})`, why: x.reason }));
    const { output, model: used } = await model.generateStructured({
      system: [
        'You are Smokey, the budtender of a licensed cannabis dispensary, telling a colleague why a product suits a customer.',
        'Rewrite each "why" as one short, friendly line (under 120 characters) using only the facts given. Never invent facts, prices, effects or stock.',
        'Never make health or medical claims; never mention minors.',
      ].join('\n'),
      prompt: `Reply with {"reasons":[{"productId":"…","reason":"…"}]}, one per product.\n${JSON.stringify(facts)}`,
      schema: PhrasingSchema,
      maxTokens: 800,
      timeoutMs: PHRASING_TIMEOUT_MS,
    });
    const by = new Map(output.reasons.map((r) => [r.productId, r.reason.trim()]));
    const suggestions = s.map((x) => {
      const r = by.get(x.productId);
      return r && !r.includes('\n') && !findContentViolations(r).length ? { ...x, reason: r } : x;
    });
    return { source: 'claude', model: used, notice: null, suggestions };
  } catch (err) {
    if (!(err instanceof LanguageModelError)) throw err;
    ctx.log?.info({ event: 'smokey.phrasing_unavailable', reason: err.reason }, 'Smokey kept the ranking’s reasons');
    const notice = err.reason === 'not_configured' ? null : 'Claude could not word the reasons this time; these are the ranking’s own.';
    return { ...ready, notice };
  }
}

/** Smokey's suggestions for a customer (docs/agents.md): in stock at their home store, ranked by their history. */
export async function recommendForCustomerId(ctx: ServiceContext, customerId: string, limit = 5, deps: SmokeyDeps = {}): Promise<SmokeySuggestions> {
  const [customer, catalog, settings] = await Promise.all([
    tenantDb(ctx.orgId).customers.getOrThrow(customerId),
    smokeyCatalog(ctx),
    getRecommendationSettings(ctx),
  ]);
  const now = ctx.clock.now();
  const history = await historyOf(ctx, customer.id, catalog.byId);
  const locationId = customer.homeLocationId ?? null;
  const recs = recommendForCustomer({
    history,
    products: catalog.products,
    locationId,
    excludedCategories: settings.excludedCategories,
    recentlyBoughtIds: recentlyBought(history, now),
    unitsSold: catalog.unitsSold,
    now,
    limit,
  });
  const suggestions = toSuggestions(recs, catalog.byId, await menuUrl(ctx));
  const model = deps.model === undefined ? await countedLanguageModel(ctx, 'smokey') : deps.model;
  return { homeLocationId: locationId, ...(await phrase(ctx, suggestions, model)) };
}

/** What goes with a basket at the counter: complements only, never a category already in it. */
export async function upsellForProducts(ctx: ServiceContext, input: z.input<typeof UpsellBodySchema>, deps: SmokeyDeps = {}): Promise<SmokeySuggestions> {
  const body = UpsellBodySchema.parse(input);
  const [catalog, settings] = await Promise.all([smokeyCatalog(ctx), getRecommendationSettings(ctx)]);
  // Unknown ids (another tenant's, or a removed product) are simply not in this basket.
  const basket = body.productIds.flatMap((id) => catalog.byId.get(id) ?? []);
  const recs = upsellForBasket({
    basketLines: basket,
    products: catalog.products,
    locationId: body.locationId ?? null,
    excludedCategories: settings.excludedCategories,
    unitsSold: catalog.unitsSold,
    now: ctx.clock.now(),
    limit: body.limit,
  });
  const suggestions = toSuggestions(recs, catalog.byId, await menuUrl(ctx));
  const model = deps.model === undefined ? await countedLanguageModel(ctx, 'smokey') : deps.model;
  return { homeLocationId: body.locationId ?? null, ...(await phrase(ctx, suggestions, model)) };
}

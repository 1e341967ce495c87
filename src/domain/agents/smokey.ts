import { DAY } from '../clock';
import { CATEGORY_LABELS } from '../loyalty/public-menu';
import type { Product, ProductCategory } from '../product';
import { affinityOf, matchOf, topOf, type Affinity, type HistoryLine, type ProductFacts } from './smokey-affinity';

/**
 * Smokey, the budtender (docs/agents.md): which products to suggest to a customer, ranked by what
 * they buy, and what goes with a basket. Deterministic: the same history, catalog and clock give
 * the same list in the same order (ties broken by product id); Claude may only reword the reasons.
 */

export type CatalogProduct = ProductFacts & Pick<Product, 'name' | 'stock' | 'active' | 'createdAt'>;

export interface Recommendation {
  productId: string;
  score: number;
  reason: string;
}

/** A product bought this recently is not suggested again: they just have it. */
export const RECENTLY_BOUGHT_DAYS = 14;
/** A product this new in the catalog earns the novelty bonus. */
export const NEW_PRODUCT_DAYS = 30;
export const NOVELTY_BONUS = 0.5;
/** The best seller's bonus; others get theirs in proportion to units sold. */
export const POPULARITY_BONUS = 0.3;
export const MAX_RECOMMENDATIONS = 12;

export interface Catalogue {
  products: readonly CatalogProduct[];
  /** The customer's home store; null: any store with stock will do. */
  locationId: string | null;
  excludedCategories: readonly ProductCategory[];
  /** Units sold per product id lately (best sellers); missing ids sold none. */
  unitsSold?: Readonly<Record<string, number>>;
}

/** Active, not in an excluded category, with a unit on hand at the store (any store when there is none). */
export function suggestable(p: CatalogProduct, c: Pick<Catalogue, 'locationId' | 'excludedCategories'>): boolean {
  if (!p.active || c.excludedCategories.includes(p.category)) return false;
  if (c.locationId) return (p.stock[c.locationId] ?? 0) > 0;
  return Object.values(p.stock).some((n) => n > 0);
}

/** The ids of products on lines placed within the last RECENTLY_BOUGHT_DAYS. */
export function recentlyBought(history: readonly HistoryLine[], now: Date, days = RECENTLY_BOUGHT_DAYS): Set<string> {
  const since = now.getTime() - days * DAY;
  return new Set(history.filter((l) => l.product && l.placedAt.getTime() >= since).map((l) => l.product!.id));
}

const isNew = (p: CatalogProduct, now: Date) => now.getTime() - p.createdAt.getTime() <= NEW_PRODUCT_DAYS * DAY && p.createdAt <= now;

function popularity(id: string, unitsSold: Readonly<Record<string, number>> | undefined): number {
  if (!unitsSold) return 0;
  const max = Math.max(0, ...Object.values(unitsSold));
  return max ? (unitsSold[id] ?? 0) / max : 0;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const byScore = (a: Recommendation, b: Recommendation) => b.score - a.score || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0);
const lower = (c: ProductCategory) => CATEGORY_LABELS[c].toLowerCase();
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The customer's leanings this product shares, in plain words: "buys indica edibles", "likes Orchard Chews". */
export function affinityPhrases(a: Affinity, p: CatalogProduct): string[] {
  const parts: string[] = [];
  const strain = topOf(a.strainType);
  const sameStrain = strain !== null && p.strainType === strain;
  if (topOf(a.category) === p.category) parts.push(`buys ${sameStrain ? `${strain} ` : ''}${lower(p.category)}`);
  else if (sameStrain) parts.push(`leans ${strain}`);
  if (topOf(a.brand) === p.brand) parts.push(`likes ${p.brand}`);
  const terpene = topOf(a.terpene, 0.15);
  if (terpene && p.terpenes?.includes(terpene) && parts.length < 2) parts.push(`goes for ${terpene}-rich strains`);
  return parts.slice(0, 2);
}

function stockWords(locationId: string | null) {
  return locationId ? 'in stock at their store' : 'in stock';
}

/**
 * The customer's suggestions, best first: affinity (category, strain type, brand, terpenes, price
 * band) plus a novelty bonus for new products and a small one for best sellers. Without usable
 * history, the best sellers in stock (then the newest), each saying so.
 */
export function recommendForCustomer(
  input: Catalogue & {
    history: readonly HistoryLine[];
    recentlyBoughtIds: Iterable<string>;
    now: Date;
    limit: number;
  },
): Recommendation[] {
  const limit = Math.max(0, Math.min(MAX_RECOMMENDATIONS, Math.floor(input.limit)));
  const skip = new Set(input.recentlyBoughtIds);
  const affinity = affinityOf(input.history, input.now);
  const noHistory = affinity.weight === 0;
  const where = stockWords(input.locationId);
  const out: Recommendation[] = [];
  for (const p of input.products) {
    if (skip.has(p.id) || !suggestable(p, input)) continue;
    const fresh = isNew(p, input.now);
    const pop = popularity(p.id, input.unitsSold);
    const match = noHistory ? 0 : matchOf(affinity, p).total;
    const score = match + (fresh ? NOVELTY_BONUS : 0) + POPULARITY_BONUS * pop;
    let reason: string;
    if (noHistory) {
      const what = pop >= 0.5 ? 'one of the best sellers here' : fresh ? 'new on the menu' : pop > 0 ? 'a steady seller here' : 'on the menu';
      reason = `No purchase history yet: ${what}, ${where}`;
    } else {
      const phrases = affinityPhrases(affinity, p);
      const tail = fresh ? `this one is new and ${where}` : pop >= 0.5 ? `a best seller, ${where}` : where;
      reason = phrases.length ? `${capital(phrases.join(' and '))}; ${tail}` : capital(`something different for them; ${tail}`);
    }
    out.push({ productId: p.id, score: round(score), reason });
  }
  return out.sort(byScore).slice(0, limit);
}

/**
 * Complements, not substitutes: what each category goes with, best first. A basket never gets a
 * suggestion from a category already in it (a second flower competes with the first).
 */
export const COMPLEMENTS: Readonly<Record<ProductCategory, readonly ProductCategory[]>> = {
  flower: ['accessory', 'beverage'],
  pre_roll: ['accessory', 'beverage'],
  vape: ['accessory', 'concentrate'],
  edible: ['beverage', 'tincture'],
  concentrate: ['accessory', 'vape'],
  tincture: ['topical', 'edible'],
  topical: ['tincture'],
  beverage: ['edible'],
  accessory: ['flower', 'pre_roll'],
};

/**
 * A category's first complement always ranks before its second: the bonus exceeds the most the
 * basket's leanings can add (strain, brand, terpenes and price band, at most 6) plus popularity.
 */
const COMPLEMENT_RANK_BONUS = [10, 0] as const;

/** What goes with the basket, best first: complement categories only, ranked by the basket's own leanings. */
export function upsellForBasket(input: Catalogue & { basketLines: readonly ProductFacts[]; now: Date; limit: number }): Recommendation[] {
  const limit = Math.max(0, Math.min(MAX_RECOMMENDATIONS, Math.floor(input.limit)));
  const inBasket = new Set(input.basketLines.map((b) => b.category));
  const ids = new Set(input.basketLines.map((b) => b.id));
  // For each wanted category: its best rank and the basket category it complements.
  const wanted = new Map<ProductCategory, { bonus: number; for: ProductCategory }>();
  for (const b of [...input.basketLines].sort((x, y) => (x.id < y.id ? -1 : 1))) {
    COMPLEMENTS[b.category].forEach((c, i) => {
      const bonus = COMPLEMENT_RANK_BONUS[i] ?? 0;
      if (inBasket.has(c) || (wanted.get(c)?.bonus ?? -1) >= bonus) return;
      wanted.set(c, { bonus, for: b.category });
    });
  }
  const affinity = affinityOf(
    input.basketLines.map((p) => ({ placedAt: input.now, quantity: 1, unitPriceCents: p.priceCents, category: p.category, product: p })),
    input.now,
  );
  const where = stockWords(input.locationId);
  const out: Recommendation[] = [];
  for (const p of input.products) {
    const w = wanted.get(p.category);
    if (!w || ids.has(p.id) || !suggestable(p, input)) continue;
    const m = matchOf(affinity, p);
    const score = w.bonus + (m.total - 4 * m.category) + POPULARITY_BONUS * popularity(p.id, input.unitsSold);
    const extras = [p.strainType !== 'none' && m.strainType >= 0.5 ? `also ${p.strainType}` : null, m.brand >= 0.5 ? `same brand` : null].filter(Boolean);
    const reason = `Goes with the ${lower(w.for)} in the basket${extras.length ? ` (${extras.join(', ')})` : ''}; ${where}`;
    out.push({ productId: p.id, score: round(score), reason });
  }
  return out.sort(byScore).slice(0, limit);
}

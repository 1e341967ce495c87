import { DAY } from '../clock';
import type { Product, ProductCategory, StrainType } from '../product';

/**
 * What a customer leans to, from their purchase history (docs/agents.md, Smokey). Each line counts
 * `decay × min(quantity, 3)`: recent buying speaks louder than old (half-life 90 days), and ten
 * packs of papers do not outweigh a habit. Each dimension's weights are shares that add up to 1.
 */

export type ProductFacts = Pick<Product, 'id' | 'category' | 'strainType' | 'brand' | 'priceCents'> & { terpenes?: readonly string[] };

/** One bought line with what we know of its product (null: the product is gone from the catalog). */
export interface HistoryLine {
  placedAt: Date;
  quantity: number;
  unitPriceCents: number;
  /** The line's own category, used when the product is unknown. */
  category: string | null;
  product: ProductFacts | null;
}

export const PRICE_BANDS = ['value', 'mid', 'premium'] as const;
export type PriceBand = (typeof PRICE_BANDS)[number];

/** Under $15 value, $15 to $40 mid, over $40 premium: one scale, so a gram and an ounce differ. */
export function priceBandOf(cents: number): PriceBand {
  if (cents < 1_500) return 'value';
  return cents <= 4_000 ? 'mid' : 'premium';
}

export interface Affinity {
  category: Partial<Record<ProductCategory, number>>;
  /** 'none' (accessories, topicals) says nothing of taste, so it is left out. */
  strainType: Partial<Record<StrainType, number>>;
  brand: Record<string, number>;
  terpene: Record<string, number>;
  priceBand: Partial<Record<PriceBand, number>>;
  /** The weight behind the figures; 0 means no usable history. */
  weight: number;
}

export const HALF_LIFE_DAYS = 90;
const MAX_QUANTITY = 3;

const CATEGORIES = new Set<string>(['flower', 'pre_roll', 'vape', 'edible', 'concentrate', 'tincture', 'topical', 'beverage', 'accessory']);

function add<K extends string>(into: Partial<Record<K, number>>, key: K, w: number) {
  into[key] = (into[key] ?? 0) + w;
}

function shares<K extends string>(m: Partial<Record<K, number>>): Partial<Record<K, number>> {
  const total = Object.values<number | undefined>(m).reduce<number>((a, b) => a + (b ?? 0), 0);
  if (!total) return {};
  const out: Partial<Record<K, number>> = {};
  for (const [k, v] of Object.entries(m) as Array<[K, number]>) out[k] = v / total;
  return out;
}

export function affinityOf(history: readonly HistoryLine[], now: Date): Affinity {
  const category: Partial<Record<ProductCategory, number>> = {};
  const strainType: Partial<Record<StrainType, number>> = {};
  const brand: Record<string, number> = {};
  const terpene: Record<string, number> = {};
  const priceBand: Partial<Record<PriceBand, number>> = {};
  let weight = 0;
  for (const line of history) {
    const ageDays = Math.max(0, (now.getTime() - line.placedAt.getTime()) / DAY);
    const w = 0.5 ** (ageDays / HALF_LIFE_DAYS) * Math.min(Math.max(line.quantity, 1), MAX_QUANTITY);
    const p = line.product;
    const cat = p?.category ?? (line.category && CATEGORIES.has(line.category) ? (line.category as ProductCategory) : null);
    if (!cat) continue;
    weight += w;
    add(category, cat, w);
    add(priceBand, priceBandOf(p?.priceCents ?? line.unitPriceCents), w);
    if (!p) continue;
    if (p.strainType !== 'none') add(strainType, p.strainType, w);
    add(brand, p.brand, w);
    // A product's terpenes share its line's weight, the first counting most.
    const terps = p.terpenes ?? [];
    terps.forEach((t, i) => add(terpene, t, (w * (terps.length - i)) / ((terps.length * (terps.length + 1)) / 2)));
  }
  return {
    category: shares(category),
    strainType: shares(strainType),
    brand: shares(brand) as Record<string, number>,
    terpene: shares(terpene) as Record<string, number>,
    priceBand: shares(priceBand),
    weight,
  };
}

/** How much each dimension counts in a score: what they buy matters most, then the type, then the rest. */
export const SCORE_WEIGHTS = { category: 4, strainType: 2, brand: 1.5, terpene: 1.5, priceBand: 1 } as const;

export interface AffinityMatch {
  total: number;
  category: number;
  strainType: number;
  brand: number;
  terpene: number;
  priceBand: number;
}

/** How well a product fits an affinity, per dimension (each 0..1) and weighted. */
export function matchOf(a: Affinity, p: ProductFacts): AffinityMatch {
  const category = a.category[p.category] ?? 0;
  const strainType = p.strainType === 'none' ? 0 : (a.strainType[p.strainType] ?? 0);
  const brand = a.brand[p.brand] ?? 0;
  const terpene = Math.min(
    1,
    (p.terpenes ?? []).reduce((s, t) => s + (a.terpene[t] ?? 0), 0),
  );
  const priceBand = a.priceBand[priceBandOf(p.priceCents)] ?? 0;
  const W = SCORE_WEIGHTS;
  return {
    total: W.category * category + W.strainType * strainType + W.brand * brand + W.terpene * terpene + W.priceBand * priceBand,
    category,
    strainType,
    brand,
    terpene,
    priceBand,
  };
}

/** The value of a dimension the customer leans to most (share at least `min`), or null. */
export function topOf<K extends string>(m: Partial<Record<K, number>>, min = 0.3): K | null {
  const entries = (Object.entries(m) as Array<[K, number]>).filter(([, v]) => v >= min);
  entries.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return entries[0]?.[0] ?? null;
}

import { describe, expect, it } from 'vitest';
import { DAY } from '../clock';
import type { ProductCategory, StrainType } from '../product';
import { COMPLEMENTS, recentlyBought, recommendForCustomer, upsellForBasket, type CatalogProduct } from './smokey';
import { affinityOf, priceBandOf, type HistoryLine } from './smokey-affinity';

const now = new Date('2026-06-01T12:00:00Z');
const HOME = 'loc_home';
const OTHER = 'loc_other';

function product(id: string, category: ProductCategory, strainType: StrainType, over: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    id,
    name: `Product ${id}`,
    category,
    strainType,
    brand: 'Brand A',
    priceCents: 2_500,
    terpenes: [],
    stock: { [HOME]: 10, [OTHER]: 10 },
    active: true,
    createdAt: new Date(now.getTime() - 200 * DAY),
    ...over,
  };
}

const line = (p: CatalogProduct, daysAgo: number, quantity = 1): HistoryLine => ({
  placedAt: new Date(now.getTime() - daysAgo * DAY),
  quantity,
  unitPriceCents: p.priceCents,
  category: p.category,
  product: p,
});

// She buys indica edibles from Orchard Chews, and once tried a sativa vape long ago.
const chewsIndica = product('p_hist_edible', 'edible', 'indica', { brand: 'Orchard Chews', priceCents: 1_800 });
const oldVape = product('p_hist_vape', 'vape', 'sativa', { priceCents: 4_500 });
const history = [line(chewsIndica, 40), line(chewsIndica, 70, 2), line(chewsIndica, 5), line(oldVape, 400)];

const catalog: CatalogProduct[] = [
  chewsIndica,
  product('p_edible_indica', 'edible', 'indica', { brand: 'Orchard Chews', priceCents: 2_000 }),
  product('p_edible_new', 'edible', 'indica', { brand: 'Wildberry Bites', createdAt: new Date(now.getTime() - 3 * DAY) }),
  product('p_edible_sativa', 'edible', 'sativa'),
  product('p_flower', 'flower', 'hybrid', { terpenes: ['myrcene'] }),
  product('p_vape', 'vape', 'sativa'),
  product('p_edible_elsewhere', 'edible', 'indica', { stock: { [HOME]: 0, [OTHER]: 30 } }),
  product('p_edible_inactive', 'edible', 'indica', { active: false }),
  product('p_beverage', 'beverage', 'hybrid'),
  product('p_accessory', 'accessory', 'none', { priceCents: 900 }),
];

const base = { products: catalog, locationId: HOME, excludedCategories: [] as ProductCategory[], now, limit: 12 };
const recommend = (over: Partial<Parameters<typeof recommendForCustomer>[0]> = {}) =>
  recommendForCustomer({ ...base, history, recentlyBoughtIds: recentlyBought(history, now), ...over });

describe('affinityOf', () => {
  it('weights recent buying over old, in shares per dimension', () => {
    const a = affinityOf(history, now);
    expect(a.category.edible).toBeGreaterThan(0.95);
    expect(a.strainType.indica).toBeGreaterThan(a.strainType.sativa ?? 0);
    expect(a.brand['Orchard Chews']).toBeGreaterThan(0.9);
    expect(Object.values(a.category).reduce((x, y) => x + (y ?? 0), 0)).toBeCloseTo(1);
    expect(priceBandOf(1_499)).toBe('value');
    expect(priceBandOf(4_000)).toBe('mid');
    expect(priceBandOf(4_001)).toBe('premium');
  });
  it('has no weight without history', () => {
    expect(affinityOf([], now).weight).toBe(0);
  });
});

describe('recommendForCustomer', () => {
  it('suggests only active products in stock at the home store, never what was just bought', () => {
    const ids = recommend().map((r) => r.productId);
    expect(ids).not.toContain('p_edible_elsewhere');
    expect(ids).not.toContain('p_edible_inactive');
    // Bought 5 days ago: inside the 14-day window.
    expect(ids).not.toContain('p_hist_edible');
    expect(ids.length).toBe(catalog.length - 3);
  });

  it('uses any store with stock when the customer has no home store', () => {
    const ids = recommend({ locationId: null }).map((r) => r.productId);
    expect(ids).toContain('p_edible_elsewhere');
    expect(ids).not.toContain('p_edible_inactive');
  });

  it('never suggests an excluded category', () => {
    const recs = recommend({ excludedCategories: ['edible', 'accessory'] });
    const cats = recs.map((r) => catalog.find((p) => p.id === r.productId)!.category);
    expect(cats).not.toContain('edible');
    expect(cats).not.toContain('accessory');
    expect(recs.length).toBeGreaterThan(0);
  });

  it('puts affinity first: indica edibles from their brand, then the new indica edible, before other categories', () => {
    const ids = recommend().map((r) => r.productId);
    expect(ids.slice(0, 3)).toEqual(['p_edible_indica', 'p_edible_new', 'p_edible_sativa']);
    expect(ids.indexOf('p_vape')).toBeGreaterThan(ids.indexOf('p_edible_sativa'));
  });

  it('gives each a plain one-line reason from the matching affinities', () => {
    const recs = recommend();
    for (const r of recs) {
      expect(r.reason.length).toBeGreaterThan(10);
      expect(r.reason).not.toContain('\n');
    }
    const byId = Object.fromEntries(recs.map((r) => [r.productId, r.reason]));
    expect(byId.p_edible_new).toBe('Buys indica edibles; this one is new and in stock at their store');
    expect(byId.p_edible_indica).toBe('Buys indica edibles and likes Orchard Chews; in stock at their store');
  });

  it('is deterministic: same input, same order, ties broken by product id', () => {
    const twins = [product('p_b', 'topical', 'none'), product('p_a', 'topical', 'none'), product('p_c', 'topical', 'none')];
    const a = recommend({ products: twins });
    expect(a.map((r) => r.productId)).toEqual(['p_a', 'p_b', 'p_c']);
    expect(recommend({ products: [...catalog].reverse() })).toEqual(recommend());
  });

  it('without history suggests the best sellers in stock and says why', () => {
    const recs = recommendForCustomer({ ...base, history: [], recentlyBoughtIds: [], unitsSold: { p_flower: 40, p_vape: 10 }, limit: 3 });
    expect(recs.map((r) => r.productId)).toEqual(['p_edible_new', 'p_flower', 'p_vape']);
    expect(recs[1]!.reason).toBe('No purchase history yet: one of the best sellers here, in stock at their store');
    expect(recs[0]!.reason).toMatch(/^No purchase history yet: new on the menu/);
  });

  it('respects the limit', () => {
    expect(recommend({ limit: 2 })).toHaveLength(2);
  });
});

describe('upsellForBasket', () => {
  const upsell = (basket: CatalogProduct[], over: Partial<Parameters<typeof upsellForBasket>[0]> = {}) =>
    upsellForBasket({ ...base, basketLines: basket, ...over });
  const catOf = (id: string) => catalog.find((p) => p.id === id)!.category;

  it('suggests complements, never a category already in the basket', () => {
    const recs = upsell([catalog[4]!]); // flower
    expect(recs.map((r) => r.productId)).toEqual(['p_accessory', 'p_beverage']);
    expect(recs[0]!.reason).toBe('Goes with the flower in the basket (same brand); in stock at their store');
    const mixed = upsell([catalog[1]!, catalog[8]!]); // edible + beverage
    for (const r of mixed) expect(['edible', 'beverage']).not.toContain(catOf(r.productId));
  });

  it('keeps the map free of substitutes', () => {
    for (const [cat, comps] of Object.entries(COMPLEMENTS)) expect(comps).not.toContain(cat);
  });

  it('ranks by the basket’s leaning and skips excluded categories and stock elsewhere', () => {
    const extra = [
      product('p_acc_elsewhere', 'accessory', 'none', { stock: { [OTHER]: 5 } }),
      product('p_bev_indica', 'beverage', 'indica'),
      product('p_bev_sativa', 'beverage', 'sativa'),
    ];
    const products = [...catalog, ...extra];
    const recs = upsell([product('p_basket', 'flower', 'indica')], { products, excludedCategories: ['accessory'] });
    expect(recs.map((r) => r.productId)).toEqual(['p_bev_indica', 'p_bev_sativa', 'p_beverage']);
    expect(recs[0]!.reason).toBe('Goes with the flower in the basket (also indica, same brand); in stock at their store');
  });
});

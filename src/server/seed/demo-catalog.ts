import { DAY } from '@/domain/clock';
import type { Product, ProductCategory, StrainType } from '@/domain/product';
import { apportion, type Rng } from './demo-random';

/** Share of the menu per category; also roughly what sells. */
export const CATEGORY_WEIGHTS: ReadonlyArray<readonly [ProductCategory, number]> = [
  ['flower', 28],
  ['pre_roll', 15],
  ['vape', 15],
  ['edible', 15],
  ['concentrate', 8],
  ['tincture', 4],
  ['topical', 4],
  ['beverage', 5],
  ['accessory', 6],
];

const CATEGORY_CODE: Record<ProductCategory, string> = {
  flower: 'FL',
  pre_roll: 'PR',
  vape: 'VP',
  edible: 'ED',
  concentrate: 'CN',
  tincture: 'TN',
  topical: 'TP',
  beverage: 'BV',
  accessory: 'AC',
};

// Fictional brands; none is meant to be a real company.
const BRANDS: Record<ProductCategory, readonly string[]> = {
  flower: ['Foxglove Farm Co.', 'Northbound Botanicals', 'Cedar & Ember', 'Tamarack Growers', 'Ferrous Leaf', 'Little Bay Cultivators'],
  pre_roll: ['Kindling Rolls', 'Twist & Tuck', 'Foxglove Farm Co.', 'Tamarack Growers'],
  vape: ['Lumen Labs', 'Cloudberry Extracts', 'Vaporline North'],
  edible: ['Sugar Pine Kitchen', 'Wildberry Bites', 'Orchard Chews', 'Moonlit Confections'],
  concentrate: ['Amber Vault Extracts', 'Glacier Press', 'Resinworks North'],
  tincture: ['Stillwater Apothecary', 'Fieldnote Wellness'],
  topical: ['Stillwater Apothecary', 'Balm & Birch'],
  beverage: ['Riverfizz', 'Tall Pines Tonic Co.'],
  accessory: ['Ember Glassworks', 'Northgrind', 'Trailhead Supply'],
};

const STRAIN_FIRST = [
  'Copper',
  'Lake Effect',
  'Northern',
  'Midnight',
  'Birch',
  'Frosted',
  'Velvet',
  'Golden',
  'Ironwood',
  'Blue Spruce',
  'Cedar',
  'Harbor',
  'Aurora',
  'Maple',
  'Wild Cherry',
  'Lemon',
  'Peach',
  'Grape',
  'Sunset',
  'Thunder',
  'Pine Bluff',
  'Driftwood',
];
const STRAIN_SECOND = ['Kush', 'Haze', 'Cookies', 'Diesel', 'Gelato', 'Sherbet', 'Cake', 'Dream', 'Glue', 'Mints', 'Punch', 'Sorbet', 'Tangie', 'Chem'];
const FLAVORS = [
  'Blackberry',
  'Watermelon',
  'Sour Apple',
  'Mango',
  'Blue Raspberry',
  'Cherry Limeade',
  'Peach Ring',
  'Tart Cherry',
  'Pink Lemonade',
  'Strawberry',
];

interface Draft {
  name: string;
  category: ProductCategory;
  strainType: StrainType;
  thcPercent: number | null;
  cbdPercent: number | null;
  thcMg: number | null;
  cbdMg: number | null;
  size: string;
  priceCents: number;
}

const pct = (n: number) => Math.round(n * 10) / 10;
const dollars = (rng: Rng, min: number, max: number) => rng.int(min, max) * 100 - (rng.chance(0.3) ? 1 : 0);
const strain = (rng: Rng) => `${rng.pick(STRAIN_FIRST)} ${rng.pick(STRAIN_SECOND)}`;
const thcStrain = (rng: Rng): StrainType =>
  rng.weighted([
    ['hybrid', 45],
    ['indica', 30],
    ['sativa', 25],
  ] as const);
const none = { thcPercent: null, cbdPercent: null, thcMg: null, cbdMg: null };

function draftFor(category: ProductCategory, rng: Rng): Draft {
  switch (category) {
    case 'flower': {
      if (rng.chance(0.06)) {
        return {
          name: `${strain(rng)} CBD 3.5g`,
          category,
          strainType: 'cbd',
          ...none,
          thcPercent: pct(rng.float(0.2, 0.9)),
          cbdPercent: pct(rng.float(12, 18)),
          size: '3.5g',
          priceCents: dollars(rng, 18, 30),
        };
      }
      const [size, lo, hi] = rng.weighted([
        [['3.5g', 15, 40], 58],
        [['1g', 6, 12], 12],
        [['7g', 30, 65], 14],
        [['14g', 50, 110], 9],
        [['28g', 80, 180], 7],
      ] as const);
      return {
        name: `${strain(rng)} ${size}`,
        category,
        strainType: thcStrain(rng),
        ...none,
        thcPercent: pct(rng.float(16, 32)),
        cbdPercent: pct(rng.float(0, 1)),
        size,
        priceCents: dollars(rng, lo, hi),
      };
    }
    case 'pre_roll': {
      const [kind, size, lo, hi, thcLo, thcHi] = rng.weighted([
        [['Pre-Roll', '1g', 6, 14, 18, 30], 45],
        [['Minis 5pk', '5 x 0.5g', 18, 35, 18, 30], 35],
        [['Infused Pre-Roll', '1g', 12, 22, 32, 45], 20],
      ] as const);
      return {
        name: `${strain(rng)} ${kind}`,
        category,
        strainType: thcStrain(rng),
        ...none,
        thcPercent: pct(rng.float(thcLo, thcHi)),
        cbdPercent: null,
        size,
        priceCents: dollars(rng, lo, hi),
      };
    }
    case 'vape': {
      const [kind, size, lo, hi] = rng.weighted([
        [['Live Resin Cart', '1g', 35, 60], 35],
        [['Distillate Cart', '0.5g', 20, 35], 40],
        [['All-in-One', '0.5g', 25, 40], 25],
      ] as const);
      return {
        name: `${strain(rng)} ${kind} ${size}`,
        category,
        strainType: thcStrain(rng),
        ...none,
        thcPercent: pct(rng.float(70, 92)),
        cbdPercent: pct(rng.float(0, 2)),
        size,
        priceCents: dollars(rng, lo, hi),
      };
    }
    case 'edible': {
      const balanced = rng.chance(0.2);
      const [kind, mg, lo, hi] = rng.weighted([
        [['Gummies', 100, 12, 25], 55],
        [['Gummies', 200, 25, 40], 20],
        [['Chocolate Bar', 100, 15, 25], 15],
        [['Hard Candies', 100, 12, 20], 10],
      ] as const);
      const flavor = kind === 'Chocolate Bar' ? rng.pick(['Dark', 'Milk', 'Sea Salt Caramel', 'Mint']) : rng.pick(FLAVORS);
      return {
        name: `${balanced ? '1:1 ' : ''}${flavor} ${kind} ${mg}mg`,
        category,
        strainType: balanced
          ? 'cbd'
          : rng.weighted([
              ['indica', 35],
              ['sativa', 30],
              ['hybrid', 35],
            ] as const),
        ...none,
        thcMg: mg,
        cbdMg: balanced ? mg : 0,
        size: kind === 'Chocolate Bar' ? '10 pieces' : `${kind === 'Gummies' ? 10 : 20} pieces`,
        priceCents: dollars(rng, lo, hi),
      };
    }
    case 'concentrate': {
      const kind = rng.pick(['Live Rosin', 'Badder', 'Shatter', 'Sugar', 'Live Resin']);
      const premium = kind === 'Live Rosin';
      return {
        name: `${strain(rng)} ${kind} 1g`,
        category,
        strainType: thcStrain(rng),
        ...none,
        thcPercent: pct(rng.float(65, 90)),
        cbdPercent: null,
        size: '1g',
        priceCents: dollars(rng, premium ? 45 : 20, premium ? 75 : 45),
      };
    }
    case 'tincture': {
      const [label, strainType, thcMg, cbdMg, lo, hi] = rng.weighted([
        [['Daytime Drops', 'sativa', 300, 0, 30, 45], 30],
        [['Night Drops', 'indica', 300, 0, 30, 45], 30],
        [['Balance 1:1', 'cbd', 250, 250, 40, 60], 20],
        [['CBD Calm', 'cbd', 0, 1000, 45, 70], 20],
      ] as const);
      return { name: `${label} Tincture 30ml`, category, strainType, ...none, thcMg, cbdMg, size: '30 ml', priceCents: dollars(rng, lo, hi) };
    }
    case 'topical': {
      const [label, size] = rng.pick([
        ['Relief Balm', '2 oz'],
        ['Cooling Roll-On', '3 oz'],
        ['Warming Lotion', '4 oz'],
        ['Bath Soak', '8 oz'],
      ] as const);
      const thcMg = rng.pick([100, 250, 500]);
      return { name: label, category, strainType: 'none', ...none, thcMg, cbdMg: rng.pick([0, thcMg]), size, priceCents: dollars(rng, 20, 55) };
    }
    case 'beverage': {
      const [pack, size, lo, hi] = rng.weighted([
        [['', '12 fl oz', 6, 10], 60],
        [['4pk ', '4 x 12 fl oz', 20, 32], 40],
      ] as const);
      const mg = rng.pick([5, 10]);
      const flavor = rng.pick(['Black Cherry Seltzer', 'Lemonade', 'Ginger Ale', 'Grapefruit Spritz', 'Iced Tea']);
      return {
        name: `${flavor} ${pack}${mg}mg`,
        category,
        strainType: 'hybrid',
        ...none,
        thcMg: pack ? mg * 4 : mg,
        cbdMg: 0,
        size,
        priceCents: dollars(rng, lo, hi),
      };
    }
    case 'accessory': {
      const [label, size, lo, hi] = rng.pick([
        ['4-Piece Grinder', '63 mm', 15, 35],
        ['King Size Rolling Papers', '32 leaves', 3, 5],
        ['510 Thread Battery', '650 mAh', 15, 25],
        ['Glass Hand Pipe', '4 in', 15, 40],
        ['Refillable Lighter', '1 ct', 3, 6],
        ['Rolling Tray', '11 x 7 in', 10, 20],
        ['Smell-Proof Pouch', '1 ct', 12, 25],
      ] as const);
      return { name: label, category, strainType: 'none', ...none, size, priceCents: dollars(rng, lo, hi) };
    }
  }
}

// What a strain type usually leads with, strongest first; a name's flavour word can move one to the front.
const TERPENES_BY_STRAIN: Partial<Record<StrainType, readonly string[]>> = {
  indica: ['myrcene', 'caryophyllene', 'linalool', 'humulene'],
  sativa: ['limonene', 'pinene', 'terpinolene', 'ocimene'],
  hybrid: ['caryophyllene', 'limonene', 'myrcene', 'linalool'],
  cbd: ['myrcene', 'pinene', 'caryophyllene', 'bisabolol'],
};
const TERPENE_HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/lemon|tangie|sunset|peach/i, 'limonene'],
  [/pine|spruce|cedar|birch/i, 'pinene'],
  [/grape|kush|midnight|dream/i, 'myrcene'],
  [/cookies|gelato|cake|chem|diesel/i, 'caryophyllene'],
];
const TERPENE_CATEGORIES = new Set<ProductCategory>(['flower', 'pre_roll', 'vape', 'concentrate']);

/**
 * Three terpenes for a strain-led product, derived from its name and type rather than drawn from
 * the generator, so adding them left every other seeded figure unchanged.
 */
export function demoTerpenes(d: Pick<Draft, 'name' | 'category' | 'strainType'>): string[] | undefined {
  const pool = TERPENES_BY_STRAIN[d.strainType];
  if (!pool || !TERPENE_CATEGORIES.has(d.category)) return undefined;
  let h = 0;
  for (const ch of d.name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const rotated = [...pool.slice(h % 2), ...pool.slice(0, h % 2)];
  const hint = TERPENE_HINTS.find(([re]) => re.test(d.name))?.[1];
  const ordered = hint ? [hint, ...rotated.filter((t) => t !== hint)] : rotated;
  return ordered.slice(0, 3);
}

export interface CatalogOptions {
  count: number;
  skuPrefix: string;
  locationIds: readonly string[];
  now: Date;
}

/**
 * A menu of `count` products. About 3% are discontinued (inactive, no stock) and a few active
 * ones sit at or below their low-stock threshold somewhere, so low-stock alerts have material.
 */
export function generateCatalog(rng: Rng, opts: CatalogOptions): Product[] {
  const products: Product[] = [];
  const names = new Set<string>();
  let n = 0;
  for (const [category, quota] of apportion(opts.count, CATEGORY_WEIGHTS, 1)) {
    for (let i = 0; i < quota; i++) {
      n += 1;
      let draft = draftFor(category, rng);
      for (let tries = 0; names.has(`${draft.name}|${draft.size}`) && tries < 5; tries++) draft = draftFor(category, rng);
      names.add(`${draft.name}|${draft.size}`);
      const brand = rng.pick(BRANDS[category]);
      const lowStockThreshold = rng.pick([5, 5, 8, 10, 10, 12, 15]);
      const active = !rng.chance(0.03);
      const stock = Object.fromEntries(opts.locationIds.map((id) => [id, active ? rng.int(lowStockThreshold + 1, lowStockThreshold + 80) : 0]));
      const terpenes = demoTerpenes(draft);
      products.push({
        id: rng.id(),
        sku: `${opts.skuPrefix}-${CATEGORY_CODE[category]}-${String(n).padStart(4, '0')}`,
        brand,
        ...draft,
        ...(terpenes ? { terpenes } : {}),
        stock,
        lowStockThreshold,
        active,
        externalIds: [`alleaves:${100_000 + n * 7}`],
        createdAt: new Date(opts.now.getTime() - rng.int(20, 560) * DAY - rng.int(0, DAY - 1)),
        updatedAt: opts.now,
      });
    }
  }
  const pool = products.filter((p) => p.active);
  const lowCount = Math.max(2, Math.round(opts.count * 0.06));
  for (let i = 0; i < lowCount && pool.length; i++) {
    const [p] = pool.splice(rng.int(0, pool.length - 1), 1) as [Product];
    const loc = rng.pick(opts.locationIds);
    // Some sold out, the rest just under the line.
    p.stock[loc] = rng.chance(0.3) ? 0 : rng.int(1, p.lowStockThreshold);
  }
  return products;
}

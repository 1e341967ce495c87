import { describe, expect, it } from 'vitest';
import { loyaltyBar, menuSections } from './public-menu';
import { defaultLoyaltySettings } from './settings';
import type { Product } from '../product';

const product = (over: Partial<Product>): Product => ({
  id: 'p1',
  sku: 'SKU-SECRET',
  name: 'Blue Dream',
  brand: 'Acme',
  category: 'flower',
  strainType: 'hybrid',
  thcPercent: 20,
  cbdPercent: null,
  thcMg: null,
  cbdMg: null,
  size: '3.5g',
  priceCents: 3_500,
  stock: { loc: 4 },
  lowStockThreshold: 3,
  active: true,
  externalIds: ['alleaves:99'],
  createdAt: new Date(),
  updatedAt: new Date(),
  ...over,
});

describe('the public menu', () => {
  it('lists in-stock active products by category, without stock counts or internal ids', () => {
    const sections = menuSections([
      product({ id: 'a', name: 'Zkittlez' }),
      product({ id: 'b', name: 'Gone', stock: { loc: 0 } }),
      product({ id: 'c', name: 'Retired', active: false }),
      product({ id: 'd', name: 'Gummies', category: 'edible' }),
      product({ id: 'e', name: 'Apple', stock: { a: 0, b: 2 } }),
    ]);
    expect(sections.map((s) => [s.label, s.products.map((p) => p.name)])).toEqual([
      ['Flower', ['Apple', 'Zkittlez']],
      ['Edibles', ['Gummies']],
    ]);
    const text = JSON.stringify(sections);
    for (const secret of ['SKU-SECRET', 'alleaves:99', 'lowStock', '"stock"']) expect(text).not.toContain(secret);
  });

  it('shows the loyalty bar with the enabled programmes, and none when hidden', () => {
    const menu = structuredClone(defaultLoyaltySettings().menu);
    menu.programmes.senior = { enabled: true, percent: 12 };
    menu.driveThru = true;
    expect(loyaltyBar(menu)).toEqual({
      tagline: menu.tagline,
      programmes: [{ key: 'senior', label: 'Senior', percent: 12 }],
      delivery: null,
      driveThru: true,
    });
    expect(loyaltyBar({ ...menu, showLoyaltyBar: false })).toBeNull();
  });
});

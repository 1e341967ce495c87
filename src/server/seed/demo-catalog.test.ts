import { describe, expect, it } from 'vitest';
import { demoTerpenes, generateCatalog } from './demo-catalog';
import { Rng } from './demo-random';

describe('demo catalog terpenes', () => {
  it('gives strain-led products three known terpenes and the rest none', () => {
    const products = generateCatalog(new Rng(7), { count: 120, skuPrefix: 'T', locationIds: ['a'], now: new Date('2026-06-01T00:00:00Z') });
    const known = new Set(['myrcene', 'limonene', 'caryophyllene', 'pinene', 'linalool', 'humulene', 'terpinolene', 'ocimene', 'bisabolol']);
    for (const p of products) {
      if (['flower', 'pre_roll', 'vape', 'concentrate'].includes(p.category)) {
        expect(p.terpenes, p.name).toHaveLength(3);
        for (const t of p.terpenes!) expect(known.has(t), t).toBe(true);
      } else expect(p.terpenes, p.name).toBeUndefined();
    }
  });

  it('leads with the terpene a strain name suggests', () => {
    expect(demoTerpenes({ name: 'Lemon Haze 3.5g', category: 'flower', strainType: 'indica' })?.[0]).toBe('limonene');
    expect(demoTerpenes({ name: 'Blue Spruce Mints 3.5g', category: 'flower', strainType: 'sativa' })?.[0]).toBe('pinene');
    expect(demoTerpenes({ name: 'Mango Gummies 100mg', category: 'edible', strainType: 'indica' })).toBeUndefined();
  });
});

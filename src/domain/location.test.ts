import { describe, expect, it } from 'vitest';
import { locationKeyFor, UpdateLocationInputSchema } from './location';

describe('locationKeyFor', () => {
  it('prefixes the sender once, reads the Track API as standard, and has no key without an id', () => {
    expect(locationKeyFor('alleaves', 'store-12')).toBe('alleaves:store-12');
    expect(locationKeyFor('shopify', 'shopify:24826418')).toBe('shopify:24826418');
    expect(locationKeyFor('track_api', 'web')).toBe('standard:web');
    expect(locationKeyFor('woocommerce', null)).toBeNull();
  });
});

describe('location input', () => {
  it('refuses overlapping openings and an id listed twice, naming the field', () => {
    const r = UpdateLocationInputSchema.safeParse({
      businessHours: {
        mon: [],
        tue: [],
        wed: [],
        thu: [],
        fri: [],
        sun: [],
        sat: [
          { open: '10:00', close: '14:00' },
          { open: '13:00', close: '22:00' },
        ],
      },
      externalIds: ['alleaves:a', 'alleaves:a'],
    });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['businessHours.sat.1.open', 'externalIds.1']);
  });
});

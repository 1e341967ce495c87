import { describe, expect, it } from 'vitest';
import { withOrderLocation } from './home-location';

const me = { id: 'c1', homeLocationId: null as string | null, locationOrderCounts: undefined as Record<string, number> | undefined };
const at = (locationId: string | null, customerId = 'c1') => ({ customerId, locationId });

describe('withOrderLocation', () => {
  it('makes the first store home and counts each order once, however often it is redelivered', () => {
    const one = withOrderLocation(me, null, at('detroit'));
    expect(one).toMatchObject({ homeLocationId: 'detroit', locationOrderCounts: { detroit: 1 } });
    expect(withOrderLocation(one, at('detroit'), at('detroit'))).toBe(one);
  });

  it('moves home to the store with most orders; a tie goes to the latest order', () => {
    let c = withOrderLocation(me, null, at('detroit'));
    c = withOrderLocation(c, null, at('detroit'));
    c = withOrderLocation(c, null, at('menominee'));
    expect(c.homeLocationId).toBe('detroit');
    c = withOrderLocation(c, null, at('menominee'));
    expect(c).toMatchObject({ homeLocationId: 'menominee', locationOrderCounts: { detroit: 2, menominee: 2 } });
  });

  it('moves an order’s count when its store changes, and ignores orders without a store or of someone else', () => {
    const one = withOrderLocation(me, null, at('detroit'));
    expect(withOrderLocation(one, at('detroit'), at('menominee'))).toMatchObject({ homeLocationId: 'menominee', locationOrderCounts: { menominee: 1 } });
    expect(withOrderLocation(one, null, at(null))).toBe(one);
    expect(withOrderLocation(one, null, at('menominee', 'c2'))).toBe(one);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Order, OrderStatus } from '../order';
import { planOrderPoints } from './order-points';
import { defaultLoyaltySettings } from './settings';

const now = new Date('2031-05-01T16:00:00Z');
const settings = defaultLoyaltySettings();

function order(over: Partial<Order> = {}): Order {
  return {
    id: 'ord_1',
    customerId: 'cus_1',
    locationId: null,
    source: 'shopify',
    externalId: 'shopify:1',
    status: 'completed',
    lineItems: [{ productId: null, sku: 'A', name: 'Blue Dream', category: 'flower', quantity: 1, unitPriceCents: 5300, totalCents: 5300 }],
    subtotalCents: 5300,
    discountCents: 0,
    taxCents: 848,
    totalCents: 6148,
    refundedCents: 0,
    placedAt: now,
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}

const plan = (before: Order | null, after: Order, currentTierId: string | null = null) =>
  planOrderPoints({ before, after, settings, currentTierId, timeZone: 'America/Detroit', now });

describe('the points an order means', () => {
  it('earns once, on the amount before tax, when the order is placed and kept', () => {
    const first = plan(null, order());
    expect(first.earn).toMatchObject({ key: 'earn:ord_1', posting: { kind: 'credit', type: 'earn', points: 53 } });
    expect(first.loyalty).toEqual({ earnedPoints: 53, reversedPoints: 0 });
    expect(first.spendDeltaCents).toBe(6148);
    // The same order again, as stored after the first time: nothing more.
    const again = plan({ ...order(), loyalty: first.loyalty }, order());
    expect(again.earn).toBeNull();
    expect(again.reverse).toBeNull();
    expect(again.spendDeltaCents).toBe(0);
  });

  it('earns nothing while pending or when cancelled first; earns when a pending order completes', () => {
    expect(plan(null, order({ status: 'pending' }))).toMatchObject({ earn: null, loyalty: undefined, keys: [] });
    expect(plan(null, order({ status: 'cancelled' }))).toMatchObject({ earn: null, reverse: null, loyalty: undefined });
    expect(plan(order({ status: 'pending' }), order()).earn?.posting).toMatchObject({ points: 53 });
  });

  it('applies the tier held when buying', () => {
    expect(plan(null, order(), 'gold').earn?.posting).toMatchObject({
      points: Math.floor(53 * settings.tiers.tiers.find((t) => t.id === 'gold')!.pointsMultiplier),
    });
  });

  it('a cancellation after earning takes back everything; a move to another customer keeps the points where they were', () => {
    const earned = { ...order(), loyalty: { earnedPoints: 53, reversedPoints: 0 } };
    expect(plan(earned, order({ status: 'cancelled' })).reverse).toMatchObject({ posting: { points: 53 }, reason: 'Order cancelled' });
    expect(plan(earned, order({ customerId: 'cus_2' }))).toMatchObject({ earn: null, reverse: null, keys: [] });
  });

  it('partial refunds add up to exactly the points earned, whatever the steps', () => {
    const statusFor = (refunded: number, total: number): OrderStatus => (refunded >= total ? 'refunded' : refunded > 0 ? 'partially_refunded' : 'completed');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }), (steps) => {
        const total = 6148;
        let stored: Order = { ...order(), loyalty: plan(null, order()).loyalty };
        let refunded = 0;
        let reversed = 0;
        for (const step of steps) {
          refunded = Math.min(total, refunded + step);
          const next = order({ refundedCents: refunded, status: statusFor(refunded, total) });
          const p = plan(stored, next);
          reversed += p.reverse ? (p.reverse.posting as { points: number }).points : 0;
          stored = { ...next, loyalty: p.loyalty };
          expect(p.spendDeltaCents).toBeLessThanOrEqual(0);
        }
        expect(reversed).toBe(stored.loyalty!.reversedPoints);
        expect(reversed).toBeLessThanOrEqual(53);
        if (refunded >= total) expect(reversed).toBe(53);
      }),
    );
  });
});

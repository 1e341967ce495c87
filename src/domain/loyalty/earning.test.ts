import { describe, expect, it } from 'vitest';
import { wallClock } from '../messaging/local-time';
import { availableAtFor, expiresAtFor, monthKey, pointsForOrder, pointsToReverse } from './earning';
import { defaultLoyaltySettings } from './settings';

const settings = defaultLoyaltySettings().points;
const order = (over: Partial<Parameters<typeof pointsForOrder>[0]> = {}) => ({
  lineItems: [
    { category: 'flower', totalCents: 4_000 },
    { category: 'accessory', totalCents: 1_000 },
  ],
  subtotalCents: 5_000,
  discountCents: 500,
  taxCents: 800,
  placedAt: new Date('2031-05-01T18:00:00Z'),
  ...over,
});

describe('pointsForOrder', () => {
  it('earns one point per whole dollar after discounts, before tax, by default', () => {
    expect(pointsForOrder(order(), settings, 1)).toMatchObject({ eligibleCents: 4_500, points: 45 });
  });

  it('leaves out excluded categories, with their share of the discount and tax', () => {
    const r = pointsForOrder(order(), { ...settings, excludedCategories: ['Accessory'], basis: { afterDiscounts: true, includeTax: true } }, 1);
    // Flower is 80% of the subtotal: 4,000 - 400 discount + 640 tax.
    expect(r).toMatchObject({ eligibleItemsCents: 4_000, eligibleCents: 4_240, points: 42 });
  });

  it('multiplies points per dollar, social equity, tier and the best bonus window exactly', () => {
    const r = pointsForOrder(
      order({ lineItems: [{ category: 'edible', totalCents: 5_799 }], subtotalCents: 5_799, discountCents: 0 }),
      {
        ...settings,
        pointsPerDollar: 1.5,
        socialEquityMultiplier: 1.1,
        bonusWindows: [
          { id: 'dbl', name: 'Double points', startsAt: new Date('2031-05-01T00:00:00Z'), endsAt: new Date('2031-05-02T00:00:00Z'), multiplier: 2 },
          { id: 'x15', name: 'Weekend', startsAt: new Date('2031-04-30T00:00:00Z'), endsAt: new Date('2031-05-03T00:00:00Z'), multiplier: 1.5 },
        ],
      },
      1.25,
    );
    // 57.99 × 1.5 × 1.1 × 1.25 × 2 = 239.20875 → 239
    expect(r).toMatchObject({ points: 239, bonusName: 'Double points', bonusMultiplier: 2 });
  });

  it('earns nothing on an order of only excluded items', () => {
    expect(
      pointsForOrder(order({ lineItems: [{ category: 'accessory', totalCents: 5_000 }] }), { ...settings, excludedCategories: ['accessory'] }, 1).points,
    ).toBe(0);
  });
});

describe('pointsToReverse', () => {
  it('takes back the refunded share, cumulatively, and everything on a full refund', () => {
    expect(pointsToReverse(45, 5_300, 1_325, 0)).toBe(11);
    expect(pointsToReverse(45, 5_300, 2_650, 11)).toBe(11);
    expect(pointsToReverse(45, 5_300, 5_300, 22)).toBe(23);
    expect(pointsToReverse(45, 5_300, 5_300, 45)).toBe(0);
  });
});

describe('dates', () => {
  const tz = 'America/Detroit';
  it('expires on the local midnight ending the same day N months later, clamping short months', () => {
    const e = expiresAtFor(new Date('2031-01-31T22:00:00Z'), 1, tz)!;
    // Jan 31, 17:00 in Detroit → end of Feb 28 local.
    expect(wallClock(tz, e)).toMatchObject({ year: 2031, month: 3, day: 1, hour: 0, minute: 0 });
    expect(expiresAtFor(new Date(), null, tz)).toBeNull();
  });

  it('makes points spendable at once, or at local midnight after the return window', () => {
    const now = new Date('2031-03-10T03:30:00Z'); // Mar 9, 23:30 in Detroit
    expect(availableAtFor(now, 0, tz)).toEqual(now);
    expect(wallClock(tz, availableAtFor(now, 7, tz))).toMatchObject({ month: 3, day: 16, hour: 0 });
  });

  it('buckets spend by local month', () => {
    expect(monthKey(new Date('2031-06-01T02:00:00Z'), tz)).toBe('2031-05');
  });
});

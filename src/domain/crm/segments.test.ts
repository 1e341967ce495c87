import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEGMENT_THRESHOLDS as T,
  SEGMENT_RULES,
  SEGMENTS,
  SegmentThresholdsSchema,
  daysSinceLastOrder,
  sameSegment,
  segmentFor,
  segmentThresholdProblems,
  type SegmentProfile,
  type SegmentThresholds,
} from './segments';

const NOW = new Date('2026-06-01T12:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const p = (
  orderCount: number,
  lifetimeDollars: number,
  daysAgo: number | null,
  avgDollars = orderCount ? lifetimeDollars / orderCount : 0,
): SegmentProfile => ({
  orderCount,
  lifetimeValueCents: Math.round(lifetimeDollars * 100),
  avgOrderValueCents: Math.round(avgDollars * 100),
  lastOrderAt: daysAgo === null ? null : ago(daysAgo),
});

describe('segmentFor with the default thresholds', () => {
  it.each([
    ['no orders', p(0, 0, null), 'New'],
    ['one order yesterday', p(1, 60, 1), 'New'],
    ['one big order', p(1, 900, 3), 'New'],
    ['VIP', p(12, 2400, 9), 'VIP'],
    ['VIP spend but few orders: Loyal', p(8, 2400, 9), 'Loyal'],
    ['many orders, VIP-short spend: Loyal', p(12, 1000, 2), 'Loyal'],
    ['Loyal', p(6, 750, 5), 'Loyal'],
    ['big baskets: High Value', p(3, 450, 5), 'High Value'],
    ['Frequent small baskets', p(5, 250, 5), 'Frequent'],
    ['Casual', p(2, 80, 10), 'Casual'],
    ['Slipping at 45 days', p(5, 250, 45), 'Slipping'],
    ['44 days is not Slipping', p(5, 250, 44), 'Frequent'],
    ['At Risk at 90 days even for a VIP', p(20, 5000, 90), 'At Risk'],
    ['Churned at 180 days', p(20, 5000, 180), 'Churned'],
    ['a lone order long ago is Churned', p(1, 30, 400), 'Churned'],
  ])('%s', (_, profile, segment) => {
    expect(segmentFor(profile, T, NOW).segment).toBe(segment);
  });

  it('says why in plain words', () => {
    expect(segmentFor(p(12, 1840, 9), { ...T, vipMinLifetimeCents: 150_000 }, NOW).reason).toBe(
      '12 orders and $1,840 spent (average $153); last order 9 days ago. VIP: 10+ orders and $1,500+ spent.',
    );
    expect(segmentFor(p(0, 0, null), T, NOW).reason).toBe('No orders yet. New: at most 1 order.');
    expect(segmentFor(p(1, 42, 0), T, NOW).reason).toBe('1 order and $42 spent; last order today. New: at most 1 order.');
    expect(segmentFor(p(3, 300, 200), T, NOW).reason).toMatch(/Churned: no order for 180\+ days\.$/);
  });
});

describe('thresholds', () => {
  it('defaults are valid', () => {
    expect(segmentThresholdProblems(T)).toEqual([]);
  });
  it.each<[Partial<SegmentThresholds>, string]>([
    [{ atRiskDays: 45 }, 'segments.atRiskDays'],
    [{ churnedDays: 60 }, 'segments.churnedDays'],
    [{ frequentMinOrders: 1 }, 'segments.frequentMinOrders'],
    [{ loyalMinOrders: 3 }, 'segments.loyalMinOrders'],
    [{ vipMinOrders: 5 }, 'segments.vipMinOrders'],
    [{ vipMinLifetimeCents: 50_000 }, 'segments.vipMinLifetimeCents'],
  ])('%o is refused at its field', (change, path) => {
    expect(segmentThresholdProblems({ ...T, ...change }).map((x) => x.path)).toContain(path);
  });
  it('the schema refuses nonsense', () => {
    expect(SegmentThresholdsSchema.safeParse({ ...T, slippingDays: 0 }).success).toBe(false);
    expect(SegmentThresholdsSchema.safeParse({ ...T, vipMinLifetimeCents: 12.5 }).success).toBe(false);
  });
  it('sameSegment ignores case and separators', () => {
    expect(sameSegment('at_risk', 'At Risk')).toBe(true);
    expect(sameSegment('VIP', 'Loyal')).toBe(false);
  });
});

const profileArb = fc
  .record({
    orderCount: fc.integer({ min: 0, max: 40 }),
    avg: fc.integer({ min: 0, max: 40_000 }),
    days: fc.integer({ min: 0, max: 400 }),
  })
  .map(({ orderCount, avg, days }) => ({
    orderCount,
    avgOrderValueCents: orderCount ? avg : 0,
    lifetimeValueCents: orderCount * (orderCount ? avg : 0),
    lastOrderAt: orderCount ? ago(days) : null,
  }));

const thresholdsArb: fc.Arbitrary<SegmentThresholds> = fc
  .record({
    slippingDays: fc.integer({ min: 1, max: 100 }),
    atRiskGap: fc.integer({ min: 1, max: 100 }),
    churnedGap: fc.integer({ min: 1, max: 200 }),
    newMaxOrders: fc.integer({ min: 0, max: 3 }),
    frequentGap: fc.integer({ min: 1, max: 5 }),
    loyalGap: fc.integer({ min: 0, max: 5 }),
    vipGap: fc.integer({ min: 0, max: 10 }),
    loyalMinLifetimeCents: fc.integer({ min: 0, max: 200_000 }),
    vipLifetimeGap: fc.integer({ min: 0, max: 300_000 }),
    highValueMinAverageCents: fc.integer({ min: 0, max: 30_000 }),
  })
  .map((r) => {
    const frequentMinOrders = r.newMaxOrders + r.frequentGap;
    const loyalMinOrders = frequentMinOrders + r.loyalGap;
    return {
      slippingDays: r.slippingDays,
      atRiskDays: r.slippingDays + r.atRiskGap,
      churnedDays: r.slippingDays + r.atRiskGap + r.churnedGap,
      newMaxOrders: r.newMaxOrders,
      frequentMinOrders,
      loyalMinOrders,
      vipMinOrders: loyalMinOrders + r.vipGap,
      loyalMinLifetimeCents: r.loyalMinLifetimeCents,
      vipMinLifetimeCents: r.loyalMinLifetimeCents + r.vipLifetimeGap,
      highValueMinAverageCents: r.highValueMinAverageCents,
    };
  });

/** The profile figure each threshold is compared with. */
const metricOf: Record<keyof SegmentThresholds, (p: SegmentProfile) => number | null> = {
  slippingDays: (x) => daysSinceLastOrder(x.lastOrderAt, NOW),
  atRiskDays: (x) => daysSinceLastOrder(x.lastOrderAt, NOW),
  churnedDays: (x) => daysSinceLastOrder(x.lastOrderAt, NOW),
  newMaxOrders: (x) => x.orderCount,
  frequentMinOrders: (x) => x.orderCount,
  loyalMinOrders: (x) => x.orderCount,
  vipMinOrders: (x) => x.orderCount,
  loyalMinLifetimeCents: (x) => x.lifetimeValueCents,
  vipMinLifetimeCents: (x) => x.lifetimeValueCents,
  highValueMinAverageCents: (x) => x.avgOrderValueCents,
};

describe('properties', () => {
  it('every customer is in exactly one segment, one of the nine', () => {
    fc.assert(
      fc.property(profileArb, thresholdsArb, (profile, t) => {
        expect(segmentThresholdProblems(t)).toEqual([]);
        const days = daysSinceLastOrder(profile.lastOrderAt, NOW);
        const first = SEGMENT_RULES.findIndex((r) => r.holds(profile, days, t));
        expect(first).toBeGreaterThanOrEqual(0);
        const { segment } = segmentFor(profile, t, NOW);
        expect(SEGMENTS).toContain(segment);
        expect(segment).toBe(SEGMENT_RULES[first]!.segment);
      }),
      { numRuns: 500 },
    );
  });

  it('changing one threshold moves only customers on its boundary', () => {
    const keys = Object.keys(metricOf) as Array<keyof SegmentThresholds>;
    fc.assert(
      fc.property(profileArb, thresholdsArb, fc.constantFrom(...keys), fc.integer({ min: -50_000, max: 50_000 }), (profile, t, key, delta) => {
        const moved = {
          ...t,
          [key]: Math.max(key.endsWith('Days') ? 1 : 0, t[key] + (key.endsWith('Cents') ? delta : Math.sign(delta) * (Math.abs(delta) % 60))),
        };
        const before = segmentFor(profile, t, NOW).segment;
        const after = segmentFor(profile, moved, NOW).segment;
        if (before === after) return;
        // Only a customer whose figure lies between the old and the new threshold may move.
        const m = metricOf[key](profile);
        expect(m).not.toBeNull();
        const lo = Math.min(t[key], moved[key]);
        const hi = Math.max(t[key], moved[key]);
        expect(m!).toBeGreaterThanOrEqual(lo);
        expect(m!).toBeLessThanOrEqual(hi);
      }),
      { numRuns: 1000 },
    );
  });
});

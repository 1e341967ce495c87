import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArmSummarySchema, compareHoldout, compareVariants, suggestWinner, type ArmSummary, type VariantSummary } from './lift';

/** Hand-computed with the formulas in docs/analytics.md and checked against SciPy 1.17 (ttest_ind_from_stats, chi2_contingency). */

/** An arm from its customers' revenues: the rollup's counts, Σ and Σ². */
function arm(customers: number, spenders: Array<[count: number, cents: number]>): ArmSummary {
  let converters = 0;
  let sum = 0;
  let squares = 0;
  for (const [count, cents] of spenders) {
    converters += count;
    sum += count * cents;
    squares += count * cents * cents;
  }
  return { customers, converters, revenueSumCents: sum, revenueSumSquaresCents: squares };
}
/** JSON.stringify turns NaN into null, so look at every number. */
function hasNaN(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (v && typeof v === 'object') return Object.values(v).some(hasNaN);
  return false;
}
const variant = (name: string, converters: number, customers: number): VariantSummary => ({ name, ...arm(customers, [[converters, 5_000]]) });

describe('compareHoldout', () => {
  // Treated: 1,000 customers, 100 spent $40 and 100 spent $60. Held out: 1,000, 150 spent $50.
  const treated = arm(1_000, [
    [100, 4_000],
    [100, 6_000],
  ]);
  const holdout = arm(1_000, [[150, 5_000]]);
  const r = compareHoldout(treated, holdout);

  it('reports each arm: customers, conversion rate, revenue per customer', () => {
    expect(r.treated).toEqual({ customers: 1_000, converters: 200, conversionRate: 0.2, revenuePerCustomerCents: 1_000 });
    expect(r.holdout).toEqual({ customers: 1_000, converters: 150, conversionRate: 0.15, revenuePerCustomerCents: 750 });
  });

  it('conversion: +5 points, 95% CI [1.68, 8.32] points, p = 0.00326', () => {
    expect(r.conversion).toMatchObject({ status: 'ok', significant: true });
    if (r.conversion.status !== 'ok') return;
    expect(r.conversion.difference).toBeCloseTo(0.05, 12);
    expect(r.conversion.ci.low).toBeCloseTo(0.016767, 6);
    expect(r.conversion.ci.high).toBeCloseTo(0.083233, 6);
    expect(r.conversion.pValue).toBeCloseTo(0.0032563, 7);
  });

  it('revenue per customer: +$2.50, Welch 95% CI [$0.81, $4.19], df = 1961.16, p = 0.003688', () => {
    if (r.revenuePerCustomer.status !== 'ok') throw new Error(r.revenuePerCustomer.reason);
    expect(r.revenuePerCustomer.difference).toBeCloseTo(250, 9);
    expect(r.revenuePerCustomer.ci.low).toBeCloseTo(81.351607, 5);
    expect(r.revenuePerCustomer.ci.high).toBeCloseTo(418.648393, 5);
    expect(r.revenuePerCustomer.df).toBeCloseTo(1961.161, 3);
    expect(r.revenuePerCustomer.pValue).toBeCloseTo(0.0036878, 7);
  });

  it('incremental revenue: $2.50 × 1,000 treated = $2,500, CI [$813.52, $4,186.48], in whole cents', () => {
    expect(r.incrementalRevenue).toEqual({ status: 'ok', cents: 250_000, ci: { low: 81_352, high: 418_648 } });
  });

  it.each([
    [
      'an empty holdout',
      arm(500, [[50, 3_000]]),
      arm(0, []),
      'One of the groups has no customers yet.',
      'Each group needs at least 2 customers to compare revenue.',
    ],
    ['nobody bought in either arm', arm(300, []), arm(40, []), 'Nobody in either group has bought yet.', 'Every customer in both groups spent the same amount'],
    ['a single customer held out', arm(300, [[30, 2_000]]), arm(1, [[1, 2_000]]), null, 'Each group needs at least 2 customers to compare revenue.'],
  ])('%s: "not enough data" in words, never NaN', (_name, t, h, conversionReason, revenueReason) => {
    const rep = compareHoldout(t, h);
    if (conversionReason) expect(rep.conversion).toEqual({ status: 'not_enough_data', reason: conversionReason });
    expect(rep.revenuePerCustomer.status).toBe('not_enough_data');
    expect(rep.revenuePerCustomer.status === 'not_enough_data' && rep.revenuePerCustomer.reason).toContain(revenueReason);
    expect(rep.incrementalRevenue.status).toBe('not_enough_data');
    expect(hasNaN(rep)).toBe(false);
  });

  it('an arm summary with more converters than customers is refused', () => {
    expect(ArmSummarySchema.safeParse({ customers: 2, converters: 3, revenueSumCents: 0, revenueSumSquaresCents: 0 }).error?.issues[0]?.message).toBe(
      'An arm cannot have more converters than customers',
    );
  });

  it('property: every interval contains its estimate; incremental revenue is the difference × treated customers', () => {
    const arbArm = fc
      .tuple(fc.integer({ min: 0, max: 3_000 }), fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100_000 })), { maxLength: 5 }))
      .map(([extra, spenders]) => arm(extra + spenders.reduce((s, [c]) => s + c, 0), spenders));
    fc.assert(
      fc.property(arbArm, arbArm, (t, h) => {
        const rep = compareHoldout(t, h);
        for (const d of [rep.conversion, rep.revenuePerCustomer])
          if (d.status === 'ok') {
            expect(d.ci.low).toBeLessThanOrEqual(d.difference + 1e-9);
            expect(d.ci.high).toBeGreaterThanOrEqual(d.difference - 1e-9);
          }
        if (rep.incrementalRevenue.status === 'ok' && rep.revenuePerCustomer.status === 'ok') {
          expect(rep.incrementalRevenue.cents).toBe(Math.round(rep.revenuePerCustomer.difference * t.customers));
          expect(rep.incrementalRevenue.ci.low).toBeLessThanOrEqual(rep.incrementalRevenue.cents);
          expect(rep.incrementalRevenue.ci.high).toBeGreaterThanOrEqual(rep.incrementalRevenue.cents);
        }
        expect(hasNaN(rep)).toBe(false);
      }),
    );
  });
});

describe('A/B variants', () => {
  it('two variants, 52/400 vs 30/400: B wins at p = 0.010333, with the sample it rests on', () => {
    const s = suggestWinner([variant('A', 30, 400), variant('B', 52, 400)]);
    expect(s).toMatchObject({ winner: 'B', conversionRate: 0.13 });
    if (!s.winner) return;
    expect(s.pValue).toBeCloseTo(0.0103332, 7);
    expect(s.sample).toEqual([
      { name: 'A', customers: 400, converters: 30 },
      { name: 'B', customers: 400, converters: 52 },
    ]);
  });

  it('three variants, 120/150/100 of 1,000: they differ (χ² = 11.715, p = 0.00286) but B over A is p = 0.0496, 0.0993 after Bonferroni: no winner', () => {
    const vs = [variant('A', 120, 1_000), variant('B', 150, 1_000), variant('C', 100, 1_000)];
    const rep = compareVariants(vs);
    expect(rep.leader).toBe('B');
    expect(rep.overall).toMatchObject({ status: 'ok', df: 2, significant: true });
    if (rep.overall.status === 'ok') {
      expect(rep.overall.statistic).toBeCloseTo(11.715137, 6);
      expect(rep.overall.pValue).toBeCloseTo(0.0028582, 7);
    }
    const vsA = rep.comparisons.find((c) => c.name === 'A')!;
    expect(vsA.conversion.status === 'ok' && vsA.conversion.pValue).toBeCloseTo(0.0496404, 7);
    expect(vsA.adjustedPValue).toBeCloseTo(0.0992808, 7);
    expect(suggestWinner(vs)).toEqual({ winner: null, reason: 'B leads, but not significantly over every other variant yet (p ≥ 0.05).' });
  });

  it('a clear leader among three wins', () => {
    expect(suggestWinner([variant('A', 120, 1_000), variant('B', 200, 1_000), variant('C', 100, 1_000)]).winner).toBe('B');
  });

  it('no winner below the minimum sample, however large the gap', () => {
    expect(suggestWinner([variant('A', 10, 90), variant('B', 60, 90)])).toEqual({
      winner: null,
      reason: 'Not enough data yet: each variant needs 100 customers and 10 conversions (A has 90 and 10; B has 90 and 60).',
    });
    expect(suggestWinner([variant('A', 9, 2_000), variant('B', 300, 2_000)]).winner).toBeNull();
    expect(suggestWinner([variant('A', 9, 2_000), variant('B', 300, 2_000)], { customers: 100, converters: 5 }).winner).toBe('B');
  });

  it('no winner when the variants do not differ overall', () => {
    expect(suggestWinner([variant('A', 120, 1_000), variant('B', 150, 1_000), variant('C', 140, 1_000)])).toEqual({
      winner: null,
      reason: 'The variants’ conversion rates do not differ significantly yet (p ≥ 0.05).',
    });
  });

  it('one variant, or none with customers: nothing to compare', () => {
    expect(suggestWinner([variant('A', 50, 500)]).winner).toBeNull();
    const rep = compareVariants([variant('A', 0, 0), variant('B', 0, 0)]);
    expect(rep.leader).toBeNull();
    expect(rep.overall.status).toBe('not_enough_data');
    expect(rep.comparisons).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareHomogeneity, summarize, twoProportionTest, welchTest, Z_95 } from './significance';

/**
 * Published worked examples, each with its source, then hand-computed ones (worked with the
 * formulas in docs/analytics.md and checked against SciPy 1.17: scipy.stats.ttest_ind,
 * chi2_contingency, norm). Tolerance: the digits the source prints, ±half a unit in the last one.
 */

describe('published examples', () => {
  it('two proportions: OpenStax Introductory Statistics (Illowsky & Dean), "Comparing Two Independent Population Proportions", hives: 20/200 vs 12/200, p-value = 0.1404', () => {
    const t = twoProportionTest(20, 200, 12, 200)!;
    expect(t.difference).toBeCloseTo(0.04, 12);
    expect(t.pValue).toBeCloseTo(0.1404, 4);
  });

  it('Welch: R t.test(extra ~ group, data = sleep) (Student 1908): t = −1.8608, df = 17.776, p = 0.07939, 95% CI −3.3654832 to 0.2054832', () => {
    const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const s = (xs: number[]) =>
      summarize(
        xs.length,
        xs.reduce((a, x) => a + x, 0),
        xs.reduce((a, x) => a + x * x, 0),
      )!;
    const w = welchTest(s(g1), s(g2))!;
    expect(w.difference).toBeCloseTo(0.75 - 2.33, 10);
    expect(w.t).toBeCloseTo(-1.8608, 4);
    expect(w.df).toBeCloseTo(17.776, 3);
    expect(w.pValue).toBeCloseTo(0.07939, 5);
    expect(w.ci.low).toBeCloseTo(-3.3654832, 7);
    expect(w.ci.high).toBeCloseTo(0.2054832, 7);
  });

  it('χ² across groups: R prop.test(smokers, patients), smokers 83/86, 90/93, 129/136, 70/82 (Fleiss 1981): X² = 12.6, df = 3, p = 0.005585', () => {
    const c = chiSquareHomogeneity([
      { converters: 83, customers: 86 },
      { converters: 90, customers: 93 },
      { converters: 129, customers: 136 },
      { converters: 70, customers: 82 },
    ])!;
    expect(c.statistic).toBeCloseTo(12.6, 1);
    expect(c.df).toBe(3);
    expect(c.pValue).toBeCloseTo(0.005585, 6);
  });

  it('z₀.₉₇₅ = 1.959964 (every normal table)', () => {
    expect(Z_95).toBeCloseTo(1.959964, 6);
  });
});

describe('hand-computed examples', () => {
  it('200/1000 vs 150/1000: d = 0.05, unpooled 95% CI [0.016767, 0.083233], pooled z = 2.94245, p = 0.0032563', () => {
    // p̄ = 350/2000 = 0.175; SE₀ = √(0.175·0.825·0.002) = 0.0169926; z = 0.05 / SE₀.
    // SE = √(0.2·0.8/1000 + 0.15·0.85/1000) = √0.0002875 = 0.0169558; CI = 0.05 ± 1.959964·SE.
    const t = twoProportionTest(200, 1000, 150, 1000)!;
    expect(t.z).toBeCloseTo(2.94245, 5);
    expect(t.pValue).toBeCloseTo(0.0032563, 7);
    expect(t.ci.low).toBeCloseTo(0.016767, 6);
    expect(t.ci.high).toBeCloseTo(0.083233, 6);
  });

  it('30/500 vs 18/500: not significant, p = 0.075868, CI [−0.002456, 0.050456] straddles 0', () => {
    const t = twoProportionTest(30, 500, 18, 500)!;
    expect(t.pValue).toBeCloseTo(0.075868, 6);
    expect(t.ci.low).toBeCloseTo(-0.002456, 6);
    expect(t.ci.high).toBeCloseTo(0.050456, 6);
  });

  it('small arms, 12/40 vs 4/45: p = 0.012946, CI [0.046547, 0.375675]', () => {
    const t = twoProportionTest(12, 40, 4, 45)!;
    expect(t.pValue).toBeCloseTo(0.012946, 6);
    expect(t.ci.low).toBeCloseTo(0.046547, 6);
    expect(t.ci.high).toBeCloseTo(0.375675, 6);
  });

  it('with two groups the χ² statistic is the square of the pooled z', () => {
    const t = twoProportionTest(52, 400, 30, 400)!;
    const c = chiSquareHomogeneity([
      { converters: 52, customers: 400 },
      { converters: 30, customers: 400 },
    ])!;
    expect(c.statistic).toBeCloseTo(t.z ** 2, 10);
    expect(c.pValue).toBeCloseTo(t.pValue, 12);
  });
});

describe('data that cannot carry a test gives null, never NaN', () => {
  it.each([
    ['an empty arm', () => twoProportionTest(0, 0, 3, 10)],
    ['nobody converted', () => twoProportionTest(0, 50, 0, 60)],
    ['everybody converted', () => twoProportionTest(50, 50, 60, 60)],
    ['one customer', () => summarize(1, 500, 250_000)],
    ['no spread in either arm', () => welchTest({ n: 10, mean: 5, variance: 0 }, { n: 12, mean: 7, variance: 0 })],
    ['counts that are not whole', () => twoProportionTest(NaN, 10, 3, 10)],
    ['one group only', () => chiSquareHomogeneity([{ converters: 3, customers: 10 }])],
  ])('%s', (_name, run) => {
    expect(run()).toBeNull();
  });
});

describe('properties', () => {
  it('the interval contains the point estimate and the p-value is a probability', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n1, n2, r1, r2) => {
          const t = twoProportionTest(Math.round(r1 * n1), n1, Math.round(r2 * n2), n2);
          if (!t) return;
          expect(t.ci.low).toBeLessThanOrEqual(t.difference);
          expect(t.ci.high).toBeGreaterThanOrEqual(t.difference);
          expect(t.pValue).toBeGreaterThanOrEqual(0);
          expect(t.pValue).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('Welch: the interval contains the difference, and excludes 0 exactly when p < 0.05', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 2_000 }),
        fc.integer({ min: 2, max: 2_000 }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        (n1, n2, m1, m2, v1, v2) => {
          const w = welchTest({ n: n1, mean: m1, variance: v1 }, { n: n2, mean: m2, variance: v2 })!;
          expect(w.ci.low).toBeLessThanOrEqual(w.difference);
          expect(w.ci.high).toBeGreaterThanOrEqual(w.difference);
          // Away from the boundary itself, where rounding may fall either way.
          if (Math.abs(w.pValue - 0.05) > 1e-9) expect(w.ci.low > 0 || w.ci.high < 0).toBe(w.pValue < 0.05);
        },
      ),
    );
  });
});

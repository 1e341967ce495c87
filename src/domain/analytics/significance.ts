import { chiSquareSurvival, normalCdf, normalQuantile, studentTCdf, studentTQuantile } from './stats';

/**
 * The three tests the lift report rests on, on summaries rather than raw lists (a rollup keeps
 * counts, sums and sums of squares). Each returns null when the data cannot carry the test
 * (an empty arm, no variance at all), never NaN. Formulas: docs/analytics.md, "Incremental lift".
 */

export const ALPHA = 0.05;
/** z such that 95% of a standard normal lies within ±z: Φ⁻¹(0.975) = 1.959963985. */
export const Z_95 = normalQuantile(1 - ALPHA / 2);

export interface Interval {
  low: number;
  high: number;
}

export interface ProportionTest {
  /** p₁ − p₂. */
  difference: number;
  /** Wald interval with the unpooled standard error. */
  ci: Interval;
  standardError: number;
  /** The pooled z statistic and its two-sided p-value. */
  z: number;
  pValue: number;
}

/**
 * Two-proportion z-test. The interval uses the unpooled SE √(p₁q₁/n₁ + p₂q₂/n₂) (it describes the
 * difference as it is); the test uses the pooled SE √(p̄q̄(1/n₁ + 1/n₂)) (it assumes, as H₀ does, one rate).
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): ProportionTest | null {
  if (![x1, n1, x2, n2].every(Number.isInteger) || n1 < 1 || n2 < 1 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  // Nobody converted, or everybody did: the arms cannot be told apart on this data.
  if (pooledSe === 0) return null;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const difference = p1 - p2;
  const z = difference / pooledSe;
  return {
    difference,
    ci: { low: difference - Z_95 * se, high: difference + Z_95 * se },
    standardError: se,
    z,
    pValue: twoSidedNormalP(z),
  };
}

export interface SampleSummary {
  n: number;
  mean: number;
  /** Sample variance, divisor n − 1. */
  variance: number;
}

/** Mean and sample variance from n, Σx and Σx² (the rounding of Σx² − (Σx)²/n is clamped at 0). */
export function summarize(n: number, sum: number, sumOfSquares: number): SampleSummary | null {
  if (n < 2) return null;
  const mean = sum / n;
  const variance = Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1));
  return { n, mean, variance };
}

export interface WelchTest {
  /** mean₁ − mean₂. */
  difference: number;
  ci: Interval;
  standardError: number;
  /** Welch–Satterthwaite degrees of freedom (not a whole number in general). */
  df: number;
  t: number;
  pValue: number;
}

/** Welch's unequal-variance t-test and its 95% interval. */
export function welchTest(a: SampleSummary, b: SampleSummary): WelchTest | null {
  if (a.n < 2 || b.n < 2) return null;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  // Every customer in both arms spent the same: no spread to measure a difference against.
  if (!(se > 0)) return null;
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const difference = a.mean - b.mean;
  const t = difference / se;
  const crit = studentTQuantile(1 - ALPHA / 2, df);
  return {
    difference,
    ci: { low: difference - crit * se, high: difference + crit * se },
    standardError: se,
    df,
    t,
    pValue: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)),
  };
}

export interface ChiSquareTest {
  statistic: number;
  df: number;
  pValue: number;
}

/**
 * Pearson's χ² test that k groups share one conversion rate (a k×2 table, no continuity
 * correction): Σ (observed − expected)² / expected over converters and non-converters, df = k − 1.
 */
export function chiSquareHomogeneity(groups: ReadonlyArray<{ converters: number; customers: number }>): ChiSquareTest | null {
  const used = groups.filter((g) => g.customers > 0);
  if (used.length < 2) return null;
  const n = used.reduce((s, g) => s + g.customers, 0);
  const x = used.reduce((s, g) => s + g.converters, 0);
  const p = x / n;
  if (p === 0 || p === 1) return null;
  let statistic = 0;
  for (const g of used) {
    const e1 = g.customers * p;
    const e0 = g.customers * (1 - p);
    statistic += (g.converters - e1) ** 2 / e1 + (g.customers - g.converters - e0) ** 2 / e0;
  }
  const df = used.length - 1;
  return { statistic, df, pValue: chiSquareSurvival(statistic, df) };
}

/** 2·(1 − Φ(|z|)), computed on the lower tail so a large |z| keeps its digits. */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

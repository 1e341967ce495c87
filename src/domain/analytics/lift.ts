import { z } from 'zod';
import { ALPHA, chiSquareHomogeneity, summarize, twoProportionTest, welchTest, type ChiSquareTest, type Interval } from './significance';

/**
 * Incremental lift of a playbook over its holdout, and A/B variants against each other, from
 * per-arm summaries a rollup can keep (counts, Σ revenue, Σ revenue²). Formulas, thresholds and
 * why: docs/analytics.md, "Incremental lift".
 */

export const ArmSummarySchema = z
  .object({
    customers: z.number().int().nonnegative(),
    converters: z.number().int().nonnegative(),
    /** Σ attributed revenue per customer in the arm (customers who bought nothing count as 0). */
    revenueSumCents: z.number().int().nonnegative(),
    /** Σ (revenue per customer)²: a float, since it outgrows 2⁵³ on large tenants; only variances read it. */
    revenueSumSquaresCents: z.number().nonnegative(),
  })
  .refine((a) => a.converters <= a.customers, { message: 'An arm cannot have more converters than customers', path: ['converters'] });
export type ArmSummary = z.infer<typeof ArmSummarySchema>;

export interface NotEnoughData {
  status: 'not_enough_data';
  /** Plain words for the report: why no number is shown. */
  reason: string;
}

export interface ArmReport {
  customers: number;
  converters: number;
  /** null when the arm is empty. */
  conversionRate: number | null;
  /** Mean attributed revenue per customer, in (fractional) cents; null when the arm is empty. */
  revenuePerCustomerCents: number | null;
}

export interface Difference {
  status: 'ok';
  /** Treated (or the variant) minus holdout (or the other variant). */
  difference: number;
  ci: Interval;
  pValue: number;
  significant: boolean;
}

export interface HoldoutReport {
  treated: ArmReport;
  holdout: ArmReport;
  /** Difference in conversion rate (a share, 0.02 = two points). */
  conversion: Difference | NotEnoughData;
  /** Difference in revenue per customer, cents. */
  revenuePerCustomer: (Difference & { df: number }) | NotEnoughData;
  /** (rpc treated − rpc holdout) × treated customers, whole cents, with the interval scaled alike. */
  incrementalRevenue: { status: 'ok'; cents: number; ci: Interval } | NotEnoughData;
}

export function armReport(a: ArmSummary): ArmReport {
  const empty = a.customers === 0;
  return {
    customers: a.customers,
    converters: a.converters,
    conversionRate: empty ? null : a.converters / a.customers,
    revenuePerCustomerCents: empty ? null : a.revenueSumCents / a.customers,
  };
}

function notEnough(reason: string): NotEnoughData {
  return { status: 'not_enough_data', reason };
}

export function compareConversion(a: ArmSummary, b: ArmSummary): Difference | NotEnoughData {
  if (a.customers === 0 || b.customers === 0) return notEnough('One of the groups has no customers yet.');
  const t = twoProportionTest(a.converters, a.customers, b.converters, b.customers);
  if (!t) return notEnough(a.converters === 0 ? 'Nobody in either group has bought yet.' : 'Everybody in both groups bought: nothing to compare.');
  return { status: 'ok', difference: t.difference, ci: t.ci, pValue: t.pValue, significant: t.pValue < ALPHA };
}

export function compareRevenuePerCustomer(a: ArmSummary, b: ArmSummary): (Difference & { df: number }) | NotEnoughData {
  const sa = summarize(a.customers, a.revenueSumCents, a.revenueSumSquaresCents);
  const sb = summarize(b.customers, b.revenueSumCents, b.revenueSumSquaresCents);
  if (!sa || !sb) return notEnough('Each group needs at least 2 customers to compare revenue.');
  const w = welchTest(sa, sb);
  if (!w) return notEnough('Every customer in both groups spent the same amount: no spread to measure a difference against.');
  return { status: 'ok', difference: w.difference, ci: w.ci, pValue: w.pValue, significant: w.pValue < ALPHA, df: w.df };
}

/** The holdout comparison: what the playbook's messages added over customers who were held out. */
export function compareHoldout(treated: ArmSummary, holdout: ArmSummary): HoldoutReport {
  const rpc = compareRevenuePerCustomer(treated, holdout);
  const n = treated.customers;
  return {
    treated: armReport(treated),
    holdout: armReport(holdout),
    conversion: compareConversion(treated, holdout),
    revenuePerCustomer: rpc,
    incrementalRevenue:
      rpc.status === 'ok'
        ? { status: 'ok', cents: Math.round(rpc.difference * n), ci: { low: Math.round(rpc.ci.low * n), high: Math.round(rpc.ci.high * n) } }
        : rpc,
  };
}

// -- A/B variants ------------------------------------------------------------------------------

export interface WinnerMinimums {
  customers: number;
  converters: number;
}
/** Per arm. Below these the normal approximation is rough and an early lead is mostly noise. */
export const DEFAULT_WINNER_MINIMUMS: WinnerMinimums = { customers: 100, converters: 10 };

export type VariantSummary = ArmSummary & { name: string };

export interface VariantComparison {
  name: string;
  /** Leader minus this variant. */
  conversion: Difference | NotEnoughData;
  /** p × (k − 1), capped at 1 (Bonferroni over the leader's k − 1 comparisons); null without a test. */
  adjustedPValue: number | null;
  revenuePerCustomer: (Difference & { df: number }) | NotEnoughData;
}

export interface VariantReport {
  variants: Array<ArmReport & { name: string }>;
  /** Pearson χ² across every variant's conversion: is there any difference at all? */
  overall: (ChiSquareTest & { status: 'ok'; significant: boolean }) | NotEnoughData;
  /** Highest conversion rate (first listed on a tie); null when no variant has customers. */
  leader: string | null;
  /** The leader against each other variant. */
  comparisons: VariantComparison[];
}

export function compareVariants(variants: readonly VariantSummary[]): VariantReport {
  const withCustomers = variants.filter((v) => v.customers > 0);
  let leader: VariantSummary | null = null;
  for (const v of withCustomers) if (!leader || v.converters / v.customers > leader.converters / leader.customers) leader = v;
  const chi = chiSquareHomogeneity(variants);
  const others = leader ? variants.filter((v) => v !== leader) : [];
  return {
    variants: variants.map((v) => ({ name: v.name, ...armReport(v) })),
    overall: chi
      ? { status: 'ok', ...chi, significant: chi.pValue < ALPHA }
      : notEnough(withCustomers.length < 2 ? 'Fewer than two variants have customers yet.' : 'Every variant converts at 0% or at 100%: nothing to compare.'),
    leader: leader?.name ?? null,
    comparisons: others.map((v) => {
      const conversion = compareConversion(leader!, v);
      return {
        name: v.name,
        conversion,
        adjustedPValue: conversion.status === 'ok' ? Math.min(1, conversion.pValue * others.length) : null,
        revenuePerCustomer: compareRevenuePerCustomer(leader!, v),
      };
    }),
  };
}

export type WinnerSuggestion =
  | {
      winner: string;
      conversionRate: number;
      /** The largest adjusted p-value of the leader's comparisons: the weakest link. */
      pValue: number;
      /** What the suggestion rests on: every variant's customers and converters. */
      sample: Array<{ name: string; customers: number; converters: number }>;
    }
  | { winner: null; reason: string };

/**
 * A winner only when the numbers carry it: every variant has the minimum sample, the variants
 * differ overall (χ² p < 0.05), and the leader beats each other variant (Bonferroni-adjusted p < 0.05).
 */
export function suggestWinner(variants: readonly VariantSummary[], minimums: WinnerMinimums = DEFAULT_WINNER_MINIMUMS): WinnerSuggestion {
  if (variants.length < 2) return { winner: null, reason: 'A winner needs at least two variants.' };
  const short = variants.filter((v) => v.customers < minimums.customers || v.converters < minimums.converters);
  if (short.length)
    return {
      winner: null,
      reason: `Not enough data yet: each variant needs ${minimums.customers} customers and ${minimums.converters} conversions (${short.map((v) => `${v.name} has ${v.customers} and ${v.converters}`).join('; ')}).`,
    };
  const report = compareVariants(variants);
  if (report.overall.status !== 'ok' || !report.overall.significant)
    return { winner: null, reason: 'The variants’ conversion rates do not differ significantly yet (p ≥ 0.05).' };
  const weakest = Math.max(...report.comparisons.map((c) => c.adjustedPValue ?? 1));
  if (weakest >= ALPHA) return { winner: null, reason: `${report.leader} leads, but not significantly over every other variant yet (p ≥ 0.05).` };
  const leader = variants.find((v) => v.name === report.leader)!;
  return {
    winner: leader.name,
    conversionRate: leader.converters / leader.customers,
    pValue: weakest,
    sample: variants.map((v) => ({ name: v.name, customers: v.customers, converters: v.converters })),
  };
}

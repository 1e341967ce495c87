import { z } from 'zod';
import { NonNegativeCentsSchema } from '../money';

/**
 * The one segment engine (docs/crm.md, Segments): nine segments as one ordered rule set over the
 * customer's profile. The first rule that holds wins, so every customer is in exactly one segment.
 * Recency comes first: a big spender who stopped coming is someone to win back, not a VIP.
 */

export const SEGMENTS = ['Churned', 'At Risk', 'Slipping', 'New', 'VIP', 'Loyal', 'High Value', 'Frequent', 'Casual'] as const;
export const SegmentSchema = z.enum(SEGMENTS);
export type Segment = z.infer<typeof SegmentSchema>;

const Days = z.number().int().min(1).max(3650);
const Orders = z.number().int().min(0).max(100_000);
const Money = NonNegativeCentsSchema.max(100_000_000);

export const SegmentThresholdsSchema = z.object({
  /** Days since the last order from which a customer is Slipping, At Risk, Churned. */
  slippingDays: Days.default(45),
  atRiskDays: Days.default(90),
  churnedDays: Days.default(180),
  /** At most this many orders (and recent): New. Customers with no order yet are always New. */
  newMaxOrders: Orders.default(1),
  vipMinOrders: Orders.default(10),
  vipMinLifetimeCents: Money.default(200_000),
  loyalMinOrders: Orders.default(6),
  loyalMinLifetimeCents: Money.default(75_000),
  highValueMinAverageCents: Money.default(12_000),
  frequentMinOrders: Orders.default(4),
});
export type SegmentThresholds = z.infer<typeof SegmentThresholdsSchema>;

export const DEFAULT_SEGMENT_THRESHOLDS: SegmentThresholds = SegmentThresholdsSchema.parse({});

/** Orderings the rules need to make sense; each problem names the field to fix. */
export function segmentThresholdProblems(t: SegmentThresholds, prefix = 'segments'): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const need = (ok: boolean, field: keyof SegmentThresholds, message: string) => {
    if (!ok) problems.push({ path: `${prefix}.${field}`, message });
  };
  need(t.atRiskDays > t.slippingDays, 'atRiskDays', 'At Risk must start more days after the last order than Slipping.');
  need(t.churnedDays > t.atRiskDays, 'churnedDays', 'Churned must start more days after the last order than At Risk.');
  need(t.frequentMinOrders > t.newMaxOrders, 'frequentMinOrders', 'Frequent must need more orders than New allows.');
  need(t.loyalMinOrders >= t.frequentMinOrders, 'loyalMinOrders', 'Loyal must need at least as many orders as Frequent.');
  need(t.vipMinOrders >= t.loyalMinOrders, 'vipMinOrders', 'VIP must need at least as many orders as Loyal.');
  need(t.vipMinLifetimeCents >= t.loyalMinLifetimeCents, 'vipMinLifetimeCents', 'VIP must need at least as much spend as Loyal.');
  return problems;
}

export interface SegmentProfile {
  orderCount: number;
  lifetimeValueCents: number;
  avgOrderValueCents: number;
  lastOrderAt: Date | null;
}

export interface SegmentResult {
  segment: Segment;
  /** Plain words: the customer's figures, then the rule that placed them. */
  reason: string;
}

const DAY_MS = 86_400_000;

/** Whole days since the last order (null: no order yet). Counted in elapsed time, not calendar days. */
export function daysSinceLastOrder(lastOrderAt: Date | null, now: Date): number | null {
  return lastOrderAt ? Math.max(0, Math.floor((now.getTime() - lastOrderAt.getTime()) / DAY_MS)) : null;
}

// Built once: a segment's reason is worded on every order, and building an Intl format is costly.
const DOLLARS = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0, minimumFractionDigits: 0 });
const COUNT = new Intl.NumberFormat('en-US');
const dollars = (cents: number) => DOLLARS.format(Math.round(cents / 100));
const plural = (n: number, one: string) => `${COUNT.format(n)} ${one}${n === 1 ? '' : 's'}`;

type Rule = { segment: Segment; holds: (p: SegmentProfile, days: number | null, t: SegmentThresholds) => boolean; rule: (t: SegmentThresholds) => string };

/** In order: the first that holds is the customer's segment. Casual holds for everyone left. */
export const SEGMENT_RULES: readonly Rule[] = [
  { segment: 'Churned', holds: (_, d, t) => d !== null && d >= t.churnedDays, rule: (t) => `no order for ${t.churnedDays}+ days` },
  { segment: 'At Risk', holds: (_, d, t) => d !== null && d >= t.atRiskDays, rule: (t) => `no order for ${t.atRiskDays}+ days` },
  { segment: 'Slipping', holds: (_, d, t) => d !== null && d >= t.slippingDays, rule: (t) => `no order for ${t.slippingDays}+ days` },
  {
    segment: 'New',
    holds: (p, _, t) => p.orderCount === 0 || p.orderCount <= t.newMaxOrders,
    rule: (t) => (t.newMaxOrders === 0 ? 'no order yet' : `at most ${plural(t.newMaxOrders, 'order')}`),
  },
  {
    segment: 'VIP',
    holds: (p, _, t) => p.orderCount >= t.vipMinOrders && p.lifetimeValueCents >= t.vipMinLifetimeCents,
    rule: (t) => `${t.vipMinOrders}+ orders and ${dollars(t.vipMinLifetimeCents)}+ spent`,
  },
  {
    segment: 'Loyal',
    holds: (p, _, t) => p.orderCount >= t.loyalMinOrders && p.lifetimeValueCents >= t.loyalMinLifetimeCents,
    rule: (t) => `${t.loyalMinOrders}+ orders and ${dollars(t.loyalMinLifetimeCents)}+ spent`,
  },
  {
    segment: 'High Value',
    holds: (p, _, t) => p.avgOrderValueCents >= t.highValueMinAverageCents,
    rule: (t) => `an average order of ${dollars(t.highValueMinAverageCents)}+`,
  },
  { segment: 'Frequent', holds: (p, _, t) => p.orderCount >= t.frequentMinOrders, rule: (t) => `${t.frequentMinOrders}+ orders` },
  { segment: 'Casual', holds: () => true, rule: () => 'recent, with no rule above met' },
];

/** The customer's figures in words: "12 orders and $1,840 spent; last order 9 days ago". */
export function describeProfile(p: SegmentProfile, now: Date): string {
  const days = daysSinceLastOrder(p.lastOrderAt, now);
  if (p.orderCount === 0 || days === null) return 'No orders yet';
  const last = days === 0 ? 'last order today' : `last order ${plural(days, 'day')} ago`;
  const average = p.orderCount > 1 ? ` (average ${dollars(p.avgOrderValueCents)})` : '';
  return `${plural(p.orderCount, 'order')} and ${dollars(p.lifetimeValueCents)} spent${average}; ${last}`;
}

export function segmentFor(p: SegmentProfile, t: SegmentThresholds, now: Date): SegmentResult {
  const days = daysSinceLastOrder(p.lastOrderAt, now);
  const rule = SEGMENT_RULES.find((r) => r.holds(p, days, t))!;
  return { segment: rule.segment, reason: `${describeProfile(p, now)}. ${rule.segment}: ${rule.rule(t)}.` };
}

/** A segment history entry: one per change, kept in tenants/{orgId}/customers/{id}/segment_history. */
export const SegmentHistoryEntrySchema = z.object({
  id: z.string().min(1),
  segment: SegmentSchema,
  previousSegment: z.string().nullable(),
  reason: z.string(),
  /** What recomputed it: an order or refund event, the nightly scan, or a thresholds change. */
  cause: z.enum(['order', 'refund', 'nightly', 'thresholds', 'seed', 'merge']),
  at: z.date(),
});
export type SegmentHistoryEntry = z.infer<typeof SegmentHistoryEntrySchema>;

/** Trigger segments are typed by people: "at risk" and "At Risk" mean the same segment. */
export function sameSegment(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, ' ');
  return !!a && !!b && norm(a) === norm(b);
}

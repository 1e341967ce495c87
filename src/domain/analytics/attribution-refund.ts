import type { Attribution } from './attribution';

export interface RefundResult {
  attribution: Attribution;
  /** What to add to the rollups that counted this attribution's revenue: ≤ 0, and 0 for a replay. */
  deltaCents: number;
}

/**
 * Takes a refund off attributed revenue, never below 0. Keyed by the refund's id: a webhook
 * delivered twice, or a job retried after the write, finds its id already listed and takes nothing.
 * A refund larger than what is left (several partial refunds that overlap a discount) stops at 0.
 */
export function applyRefund(attribution: Attribution, refund: { id: string; cents: number }): RefundResult {
  if (!Number.isInteger(refund.cents) || refund.cents < 0) throw new RangeError(`A refund is a whole, non-negative number of cents, got ${refund.cents}`);
  if (attribution.refundIds.includes(refund.id)) return { attribution, deltaCents: 0 };
  const taken = Math.min(refund.cents, attribution.revenueCents);
  return {
    attribution: {
      ...attribution,
      revenueCents: attribution.revenueCents - taken,
      refundedCents: attribution.refundedCents + taken,
      refundIds: [...attribution.refundIds, refund.id],
    },
    deltaCents: -taken,
  };
}

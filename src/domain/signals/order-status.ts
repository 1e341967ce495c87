import type { OrderStatus } from '../order';

/** The status before refunds: what a refund recomputation starts from. */
export function baseStatusOf(status: OrderStatus): OrderStatus {
  return status === 'partially_refunded' ? 'completed' : status;
}

/**
 * An order's status and refunded amount from the sender's status and the refunds we hold.
 * A sender that says "refunded" without listing refunds means all of it.
 */
export function settleRefunds(base: OrderStatus, totalCents: number, refundsCents: number): { status: OrderStatus; refundedCents: number } {
  if (base === 'refunded') return { status: 'refunded', refundedCents: Math.max(refundsCents, totalCents) };
  if (base !== 'completed' || refundsCents <= 0) return { status: base, refundedCents: refundsCents };
  return { status: refundsCents >= totalCents ? 'refunded' : 'partially_refunded', refundedCents: refundsCents };
}

import { describe, expect, it } from 'vitest';
import { baseStatusOf, settleRefunds } from './order-status';

describe('settling refunds', () => {
  it('a partial refund leaves the order partially refunded; refunds up to the total make it refunded', () => {
    expect(settleRefunds('completed', 5000, 0)).toEqual({ status: 'completed', refundedCents: 0 });
    expect(settleRefunds('completed', 5000, 1500)).toEqual({ status: 'partially_refunded', refundedCents: 1500 });
    expect(settleRefunds('completed', 5000, 5000)).toEqual({ status: 'refunded', refundedCents: 5000 });
  });

  it('a sender that says "refunded" without listing refunds means all of it', () => {
    expect(settleRefunds('refunded', 5000, 0)).toEqual({ status: 'refunded', refundedCents: 5000 });
  });

  it('recomputing from a partially refunded order starts from completed, so nothing is subtracted twice', () => {
    const once = settleRefunds('completed', 5000, 1500);
    expect(settleRefunds(baseStatusOf(once.status), 5000, 1500)).toEqual(once);
    expect(settleRefunds('cancelled', 5000, 1500).status).toBe('cancelled');
  });
});

import { describe, expect, it } from 'vitest';
import { MINUTE } from '../clock';
import { afterFailure, backoffMs, MAX_DELIVERY_ATTEMPTS } from './retry-policy';

describe('delivery retry policy', () => {
  it('backs off exponentially: 1, 4, 16, 64, 256 minutes, capped at 6 hours', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n) / MINUTE)).toEqual([1, 4, 16, 64, 256]);
    expect(backoffMs(9)).toBe(360 * MINUTE);
  });

  it('dead-letters after the last attempt', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(afterFailure(1, now)).toEqual({ kind: 'retry', at: new Date(now.getTime() + MINUTE) });
    expect(afterFailure(MAX_DELIVERY_ATTEMPTS - 1, now).kind).toBe('retry');
    expect(afterFailure(MAX_DELIVERY_ATTEMPTS, now)).toEqual({ kind: 'dead_letter' });
  });
});

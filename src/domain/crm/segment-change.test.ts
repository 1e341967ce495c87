import { describe, expect, it } from 'vitest';
import type { Customer } from '../customer';
import { recomputeSegment } from './segment-change';
import { DEFAULT_SEGMENT_THRESHOLDS as T } from './segments';

const NOW = new Date('2026-06-01T12:00:00Z');
const customer = (over: Partial<Customer> = {}) =>
  ({
    id: 'c1',
    orderCount: 12,
    lifetimeValueCents: 240_000,
    avgOrderValueCents: 20_000,
    lastOrderAt: new Date(NOW.getTime() - 86_400_000),
    segment: null,
    ...over,
  }) as Customer;

describe('recomputeSegment', () => {
  it('a new segment sets since, and gives one history entry and one event with the previous segment', () => {
    const r = recomputeSegment(customer({ segment: 'Loyal' }), T, NOW, 'order', 'evt_1');
    expect(r.customer).toMatchObject({ segment: 'VIP', segmentSince: NOW });
    expect(r.entry).toMatchObject({ segment: 'VIP', previousSegment: 'Loyal', cause: 'order', at: NOW });
    expect(r.event).toMatchObject({ name: 'customer.segment_changed', customerId: 'c1', data: { segment: 'VIP', previousSegment: 'Loyal', cause: 'order' } });
    // The same cause gives the same ids (a retried transaction stores it once); another cause another.
    expect(recomputeSegment(customer({ segment: 'Loyal' }), T, NOW, 'order', 'evt_1').event!.id).toBe(r.event!.id);
    expect(recomputeSegment(customer({ segment: 'Loyal' }), T, NOW, 'order', 'evt_2').event!.id).not.toBe(r.event!.id);
  });

  it('the same segment with new figures updates the reason only; nothing at all when nothing moved', () => {
    const placed = recomputeSegment(customer(), T, NOW, 'order', 'e').customer;
    const later = recomputeSegment(placed, T, new Date(NOW.getTime() + 86_400_000), 'nightly', 'n');
    expect(later.entry).toBeNull();
    expect(later.event).toBeNull();
    expect(later.customer.segmentReason).toMatch(/last order 2 days ago/);
    expect(later.customer.segmentSince).toEqual(NOW);
    expect(recomputeSegment(placed, T, NOW, 'nightly', 'n').customer).toBe(placed);
  });
});

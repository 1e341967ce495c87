import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustStats, computeCustomerStats, EMPTY_STATS, withBoundaries, type CustomerStats } from './customer-stats';
import { orderCounts, type OrderStatus } from './order';

type O = { id: string; owner: 'a' | 'b' | null; status: OrderStatus; totalCents: number; refundedCents: number; placedAt: Date };

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
const orderArb = fc.record({
  id: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5'),
  owner: fc.constantFrom<'a' | 'b' | null>('a', 'b', null),
  status: fc.constantFrom<OrderStatus>('pending', 'completed', 'cancelled', 'refunded', 'partially_refunded'),
  totalCents: fc.integer({ min: 0, max: 20_000 }),
  refundedCents: fc.integer({ min: 0, max: 20_000 }),
  placedAt: fc.integer({ min: 0, max: 6 }).map(day),
});

/** Applies one order change to both customers the way the transaction does: adjust, then look up what it asks for. */
function apply(stats: Record<'a' | 'b', CustomerStats>, orders: Map<string, O>, next: O) {
  const prev = orders.get(next.id) ?? null;
  for (const c of ['a', 'b'] as const) {
    const before = prev?.owner === c ? prev : null;
    const after = next.owner === c ? next : null;
    if (!before && !after) continue;
    const { stats: adjusted, lookups } = adjustStats(stats[c], before, after);
    const others = [...orders.values()].filter((o) => o.owner === c && o.id !== next.id && orderCounts(o)).map((o) => o.placedAt.getTime());
    const nextFirst = others.length ? new Date(Math.min(...others)) : null;
    const nextLast = others.length ? new Date(Math.max(...others)) : null;
    stats[c] = lookups.first || lookups.last ? withBoundaries(adjusted, lookups, { nextFirst, nextLast }, after) : adjusted;
  }
  orders.set(next.id, next);
}

describe('adjustStats', () => {
  it('keeps the aggregates equal to a recomputation over every order, whatever the sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { minLength: 1, maxLength: 40 }), (changes) => {
        const stats = { a: EMPTY_STATS, b: EMPTY_STATS };
        const orders = new Map<string, O>();
        for (const change of changes) {
          apply(stats, orders, change);
          for (const c of ['a', 'b'] as const) expect(stats[c]).toEqual(computeCustomerStats([...orders.values()].filter((o) => o.owner === c)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('changes nothing when the same order arrives again', () => {
    const o = { status: 'completed' as const, totalCents: 5000, refundedCents: 0, placedAt: day(2) };
    const current = computeCustomerStats([o]);
    expect(adjustStats(current, o, o)).toEqual({ stats: current, lookups: { first: false, last: false } });
  });

  it('asks for the next first order only when the first one stops counting', () => {
    const first = { status: 'completed' as const, totalCents: 5000, refundedCents: 0, placedAt: day(1) };
    const later = { ...first, placedAt: day(3) };
    const current = computeCustomerStats([first, later]);
    const { lookups } = adjustStats(current, first, { ...first, status: 'cancelled' });
    expect(lookups).toEqual({ first: true, last: false });
  });
});

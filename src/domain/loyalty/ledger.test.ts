import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountConsistent, balancesOf, emptyAccount, InsufficientPointsError, post, type LoyaltyAccount, type Posting } from './ledger';

const DAY = 86_400_000;
const t0 = new Date('2031-01-01T12:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);

describe('post', () => {
  it('credits, spends first in first out, and refuses to overdraw', () => {
    let a = emptyAccount('c1', t0);
    a = post(a, { kind: 'credit', type: 'earn', points: 50, availableAt: at(0), expiresAt: at(100) }, at(0)).account;
    a = post(a, { kind: 'credit', type: 'earn', points: 30, availableAt: at(10), expiresAt: at(50) }, at(10)).account;
    expect(a.lots.map((l) => l.points)).toEqual([30, 50]);
    const spent = post(a, { kind: 'spend', type: 'redeem', points: 40 }, at(20));
    // The lot expiring first (day 50) is spent first.
    expect(spent.account.lots.map((l) => [l.points, l.expiresAt?.getTime()])).toEqual([[40, at(100).getTime()]]);
    expect(spent.line).toMatchObject({ points: -40, balanceAfter: 40, shortfall: 0 });
    expect(() => post(spent.account, { kind: 'spend', type: 'redeem', points: 41 }, at(20))).toThrow(InsufficientPointsError);
  });

  it('keeps pending points out of reach of spending until they are available', () => {
    let a = emptyAccount('c1', t0);
    a = post(a, { kind: 'credit', type: 'earn', points: 100, availableAt: at(14), expiresAt: null }, at(0)).account;
    expect(balancesOf(a, at(1))).toMatchObject({ available: 0, pending: 100, nextAvailableAt: at(14) });
    expect(() => post(a, { kind: 'spend', type: 'redeem', points: 1 }, at(1))).toThrow(/0 available/);
    expect(balancesOf(a, at(14))).toMatchObject({ available: 100, pending: 0 });
  });

  it('deducts what it can and records the shortfall, never going below zero', () => {
    let a = emptyAccount('c1', t0);
    a = post(a, { kind: 'credit', type: 'earn', points: 20, availableAt: at(0), expiresAt: null }, at(0)).account;
    const r = post(a, { kind: 'deduct', type: 'refund_reversal', points: 35 }, at(1));
    expect(r.line).toMatchObject({ points: -20, balanceAfter: 0, shortfall: 15 });
    expect(r.account.balance).toBe(0);
    expect(r.account.lifetimeEarned).toBe(0);
  });

  it('expires exactly the lots whose date has come', () => {
    let a = emptyAccount('c1', t0);
    a = post(a, { kind: 'credit', type: 'earn', points: 10, availableAt: at(0), expiresAt: at(30) }, at(0)).account;
    a = post(a, { kind: 'credit', type: 'bonus', points: 5, availableAt: at(0), expiresAt: at(60) }, at(0)).account;
    expect(post(a, { kind: 'expire', type: 'expire' }, at(29)).line.points).toBe(0);
    const r = post(a, { kind: 'expire', type: 'expire' }, at(30));
    expect(r.line).toMatchObject({ points: -10, balanceAfter: 5 });
    expect(balancesOf(a, at(0), 30)).toMatchObject({ expiringSoon: 10, nextExpiryAt: at(30) });
  });

  it('shares one lot among credits with the same dates', () => {
    let a = emptyAccount('c1', t0);
    for (let i = 0; i < 100; i++) a = post(a, { kind: 'credit', type: 'earn', points: 3, availableAt: at(0), expiresAt: at(365) }, at(0)).account;
    expect(a.lots).toHaveLength(1);
    expect(a.balance).toBe(300);
  });
});

const posting: fc.Arbitrary<{ p: Posting; day: number }> = fc.oneof(
  fc.record({
    p: fc.record({
      kind: fc.constant('credit' as const),
      type: fc.constantFrom('earn' as const, 'bonus' as const, 'redeem_cancel' as const, 'adjust' as const, 'opening_balance' as const),
      points: fc.integer({ min: 0, max: 500 }),
      availableAt: fc.integer({ min: 0, max: 60 }).map(at),
      expiresAt: fc.option(fc.integer({ min: 61, max: 400 }).map(at), { nil: null }),
    }),
    day: fc.integer({ min: 0, max: 400 }),
  }),
  fc.record({
    p: fc.record({ kind: fc.constant('spend' as const), type: fc.constant('redeem' as const), points: fc.integer({ min: 1, max: 600 }) }),
    day: fc.integer({ min: 0, max: 400 }),
  }),
  fc.record({
    p: fc.record({
      kind: fc.constant('deduct' as const),
      type: fc.constantFrom('adjust' as const, 'refund_reversal' as const),
      points: fc.integer({ min: 0, max: 600 }),
    }),
    day: fc.integer({ min: 0, max: 400 }),
  }),
  fc.record({ p: fc.constant({ kind: 'expire' as const, type: 'expire' as const }), day: fc.integer({ min: 0, max: 400 }) }),
);

describe('the ledger invariant', () => {
  it('holds for any sequence: lines add up to the balance, lots to the balance, nothing negative, spends never overdraw', () => {
    fc.assert(
      fc.property(fc.array(posting, { maxLength: 80 }), (steps) => {
        let a: LoyaltyAccount = emptyAccount('c1', t0);
        let sum = 0;
        for (const { p, day } of steps) {
          const before = balancesOf(a, at(day)).available;
          let r;
          try {
            r = post(a, p, at(day));
          } catch (err) {
            expect(err).toBeInstanceOf(InsufficientPointsError);
            expect(p.kind === 'spend' && p.points > before).toBe(true);
            continue;
          }
          a = r.account;
          sum += r.line.points;
          expect(r.line.balanceAfter).toBe(sum);
          expect(r.line.balanceAfter).toBeGreaterThanOrEqual(0);
          expect(accountConsistent(a)).toBe(true);
          if (p.kind === 'spend') expect(r.line.points).toBe(-p.points);
          if (p.kind === 'deduct') expect(-r.line.points + r.line.shortfall).toBe(p.points);
        }
        expect(a.balance).toBe(sum);
      }),
      { numRuns: 300 },
    );
  });
});

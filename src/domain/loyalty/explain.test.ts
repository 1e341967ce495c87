import { describe, expect, it } from 'vitest';
import { describeLedgerLine, explainBalance, totalsOf } from './explain';
import type { LedgerLine } from './ledger';

const source = { orderId: null, redemptionId: null, runId: null, stepId: null, referralId: null, importId: null };
const system = { kind: 'system' as const, id: 'system:orders', name: 'Order pipeline' };
let seq = 0;
function line(type: LedgerLine['type'], points: number, balanceAfter: number, extra: Partial<LedgerLine> = {}): LedgerLine {
  seq += 1;
  return {
    id: `l${String(seq).padStart(3, '0')}`,
    customerId: 'c1',
    type,
    points,
    balanceAfter,
    shortfall: 0,
    source,
    actor: system,
    reason: null,
    at: new Date(Date.UTC(2026, 10, seq)),
    availableAt: null,
    expiresAt: null,
    idempotencyKey: `${type}:${seq}`,
    ...extra,
  };
}

const zone = 'America/Detroit';
const noPending = { available: 0, pending: 0, expiringSoon: 0, nextExpiryAt: null, nextAvailableAt: null };

describe("Mrs. Parker's balance explanation", () => {
  it('adds the lines up by kind, largest first, and names the balance', () => {
    const lines = [
      line('opening_balance', 500, 500),
      line('earn', 57, 557),
      line('earn', 43, 600),
      line('redeem', -300, 300),
      line('expire', -20, 280),
      line('adjust', 25, 305, { actor: { kind: 'staff', id: 'u1', name: 'Dana (owner)' }, reason: 'Long wait at pickup' }),
    ];
    const e = explainBalance({
      who: 'Maria',
      totals: totalsOf(lines),
      recent: [...lines].reverse(),
      balance: 305,
      balances: { ...noPending, available: 305 },
      timeZone: zone,
    });
    expect(e.summary).toBe('Maria has 305 points, all of them spendable now.');
    expect(e.breakdown).toEqual([
      'Started with 500 points brought over from the previous programme.',
      'Spent 300 points on 1 reward.',
      'Earned 100 points on 2 orders.',
      'Gained 25 points in 1 staff adjustment.',
      '20 points expired (1 time).',
    ]);
    expect(e.drift).toBeNull();
    expect(e.lines.map((l) => l.text)).toEqual([
      '25 points added by Dana (owner): Long wait at pickup',
      '20 points expired',
      'Redeemed 300 points for a reward',
      'Earned 43 points on an order',
      'Earned 57 points on an order',
      'Opening balance of 500 points brought over from the previous programme',
    ]);
  });

  it('says what is pending and what expires soon, in the dispensary zone', () => {
    const lines = [line('earn', 120, 120)];
    const e = explainBalance({
      who: 'Sam',
      totals: totalsOf(lines),
      recent: lines,
      balance: 120,
      balances: {
        available: 20,
        pending: 100,
        expiringSoon: 20,
        nextAvailableAt: new Date('2026-12-04T05:00:00Z'),
        nextExpiryAt: new Date('2026-12-20T04:59:59Z'),
      },
      timeZone: zone,
    });
    expect(e.summary).toBe(
      'Sam has 120 points: 20 to spend now and 100 pending while the return window runs (the next become spendable on Dec 4, 2026). 20 points expire within 30 days (the first on Dec 19, 2026).',
    );
  });

  it('reports drift between the lines and the balance', () => {
    const e = explainBalance({
      who: 'Lee',
      totals: totalsOf([line('earn', 10, 10)]),
      recent: [],
      balance: 15,
      balances: { ...noPending, available: 15 },
      timeZone: zone,
    });
    expect(e.drift).toBe('The history adds up to 10 points, but the balance is 15 points: a difference of 5 points. Staff have been notified.');
  });

  it('speaks of a shortfall when a refund found the points already spent', () => {
    expect(describeLedgerLine(line('refund_reversal', -30, 0, { shortfall: 20 }))).toBe('30 points taken back for a refund (20 points had already been spent)');
    expect(explainBalance({ who: 'Ana', totals: totalsOf([]), recent: [], balance: 0, balances: noPending, timeZone: zone }).summary).toBe(
      'Ana has 0 points and no points activity yet.',
    );
  });
});

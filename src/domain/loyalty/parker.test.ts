import { describe, expect, it } from 'vitest';
import { matchIntent, readyAnswer, type ParkerFacts } from './parker';

const facts = (over: Partial<ParkerFacts> = {}): ParkerFacts => ({
  who: 'Maria',
  timeZone: 'America/Denver',
  balance: 420,
  balances: { available: 420, pending: 0, expiringSoon: 120, nextExpiryAt: new Date('2026-12-15T07:00:00Z') },
  explanation: {
    summary: 'Maria has 420 points, all of them spendable now.',
    breakdown: ['Earned 520 points on 3 orders.', 'Spent 100 points on 1 reward.'],
    drift: null,
    lines: [{ id: 'pts_a', at: new Date('2026-11-01T00:00:00Z'), text: 'Earned 57 points on an order', points: 57, balanceAfter: 420 }],
  },
  expiryMonths: 12,
  tier: { name: 'Silver', next: 'Gold', toNextCents: 12_050 },
  rewards: [
    { description: '$5 off', pointsCost: 100 },
    { description: '$25 off', pointsCost: 500 },
  ],
  order: null,
  showMoney: true,
  ...over,
});

describe('matchIntent', () => {
  it.each([
    ['Why does she have 420 points?', 'why_balance'],
    ['How does the balance add up?', 'why_balance'],
    ['When do his points expire?', 'expiry'],
    ['When do the points from order ord_1 expire?', 'expiry'],
    ['How far is she from Gold?', 'next_tier'],
    ['What tier is he?', 'next_tier'],
    ['How many points did order ord_abc123 earn?', 'order_earned'],
    ['What can she redeem?', 'redeem'],
    ['Which rewards can they afford?', 'redeem'],
  ])('%s → %s', (q, intent) => {
    expect(matchIntent(q)?.intent).toBe(intent);
  });

  it('finds the order id in the question', () => {
    expect(matchIntent('What did order ord_abc123 earn?')).toEqual({ intent: 'order_earned', orderId: 'ord_abc123' });
    expect(matchIntent('How many points did order 55812 give?')).toEqual({ intent: 'order_earned', orderId: '55812' });
  });

  it('matches nothing it cannot answer', () => {
    expect(matchIntent('Is she a nice person?')).toBeNull();
  });
});

describe('readyAnswer', () => {
  it('explains the balance from the ledger and cites the latest lines', () => {
    const a = readyAnswer({ intent: 'why_balance', orderId: null }, facts());
    expect(a.answer).toBe('Maria has 420 points, all of them spendable now. Earned 520 points on 3 orders. Spent 100 points on 1 reward.');
    expect(a.citedLineIds).toEqual(['pts_a']);
  });

  it('says when points expire, in the dispensary zone', () => {
    expect(readyAnswer({ intent: 'expiry', orderId: null }, facts()).answer).toBe(
      'Points expire 12 months after they are earned, oldest first. The next points expire on Dec 15, 2026. 120 points expire within 30 days.',
    );
    expect(readyAnswer({ intent: 'expiry', orderId: null }, facts({ expiryMonths: null })).answer).toMatch(/never expire/);
  });

  it('gives the spend to the next tier to owners and admins, and no money to budtenders', () => {
    expect(readyAnswer({ intent: 'next_tier', orderId: null }, facts()).answer).toBe(
      'Maria is Silver. The next tier is Gold: $120.50 more qualifying spend reaches it. Tiers follow spend, not points.',
    );
    const budtender = readyAnswer({ intent: 'next_tier', orderId: null }, facts({ showMoney: false })).answer;
    expect(budtender).not.toMatch(/\$/);
    expect(budtender).toMatch(/next tier is Gold/);
  });

  it('says what an order earned, citing its line, or that it earned nothing', () => {
    const earned = readyAnswer(
      { intent: 'order_earned', orderId: 'ord_1' },
      facts({ order: { orderId: 'ord_1', line: { id: 'pts_e', points: 57, at: new Date('2026-11-02T20:00:00Z') } } }),
    );
    expect(earned).toEqual({ answer: 'Order ord_1 earned 57 points on Nov 2, 2026.', citedLineIds: ['pts_e'] });
    expect(readyAnswer({ intent: 'order_earned', orderId: 'ord_2' }, facts({ order: { orderId: 'ord_2', line: null } })).answer).toMatch(/earned no points/);
  });

  it('lists the rewards the spendable points cover, or how far the first one is', () => {
    expect(readyAnswer({ intent: 'redeem', orderId: null }, facts()).answer).toBe('Maria has 420 points to spend and can redeem: $5 off (100 points).');
    const short = facts({ balances: { available: 40, pending: 0, expiringSoon: 0, nextExpiryAt: null } });
    expect(readyAnswer({ intent: 'redeem', orderId: null }, short).answer).toBe(
      'Maria has 40 points to spend: 60 points short of the first reward ($5 off, 100 points).',
    );
  });

  it('lists what it can answer when nothing matched', () => {
    expect(readyAnswer(null, facts()).answer).toMatch(/When do the points expire\?/);
  });
});

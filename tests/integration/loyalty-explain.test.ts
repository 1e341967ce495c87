import { describe, expect, it } from 'vitest';
import * as route from '@/app/api/customers/[id]/loyalty/route';
import { ManualClock } from '@/domain/clock';
import type { LedgerActor } from '@/domain/loyalty/ledger';
import { postPoints } from '@/server/services/loyalty/post-points';
import { call } from '../support/http';
import { seedCustomer } from '../support/fixtures';
import { createTestTenant } from '../support/tenant';

const dana: LedgerActor = { kind: 'staff', id: 'uid-dana', name: 'Dana (owner)' };
const orders: LedgerActor = { kind: 'system', id: 'system:orders', name: 'Order pipeline' };

describe('"Why this balance?"', () => {
  it('explains a balance from its ledger, for a budtender too, without any money amounts', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2026-01-10T17:00:00Z');
    const customerId = await seedCustomer(t.orgId);
    const ctx = t.ctx('owner', clock);
    const credit = (type: 'earn' | 'opening_balance', points: number) => ({
      kind: 'credit' as const,
      type,
      points,
      availableAt: clock.now(),
      expiresAt: null,
    });
    await postPoints(ctx, customerId, [{ key: 'opening:x', posting: credit('opening_balance', 400), actor: dana }]);
    for (const [i, p] of [57, 43, 100].entries()) {
      clock.advance(60_000);
      await postPoints(ctx, customerId, [{ key: `earn:ord_${i}`, posting: credit('earn', p), actor: orders }]);
    }
    clock.advance(60_000);
    await postPoints(ctx, customerId, [{ key: 'redeem:r1', posting: { kind: 'spend', type: 'redeem', points: 250 }, actor: dana }]);
    clock.advance(60_000);
    await postPoints(ctx, customerId, [
      { key: 'adjust:a1', posting: { kind: 'deduct', type: 'adjust', points: 50 }, actor: dana, reason: 'Duplicate sign-up bonus' },
    ]);

    // The route reads the real clock; the postings above are dated before it, so every point is spendable.
    const cookie = await t.cookie('budtender');
    const res = await call(route.GET, { cookie, params: { id: customerId } });
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatch(/ has 300 points, all of them spendable now\.$/);
    expect(res.body.breakdown).toEqual([
      'Started with 400 points brought over from the previous programme.',
      'Spent 250 points on 1 reward.',
      'Earned 200 points on 3 orders.',
      'Lost 50 points in 1 staff adjustment.',
    ]);
    expect(res.body.drift).toBeNull();
    expect(res.body.lines[0]).toMatchObject({ text: '50 points removed by Dana (owner): Duplicate sign-up bonus', points: -50, balanceAfter: 300 });
    expect(res.body.lines).toHaveLength(6);
    expect(JSON.stringify(res.body)).not.toMatch(/\$|Cents/);
  });

  it('answers 404 for a customer of another dispensary and 422 for a malformed id', async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const customerId = await seedCustomer(a.orgId);
    const cookie = await b.cookie('owner');
    expect((await call(route.GET, { cookie, params: { id: customerId } })).status).toBe(404);
    expect((await call(route.GET, { cookie, params: { id: '../x' } })).status).toBeGreaterThanOrEqual(400);
  });
});

import { describe, expect, it } from 'vitest';
import { ManualClock } from '@/domain/clock';
import type { LedgerActor } from '@/domain/loyalty/ledger';
import { tenantDb } from '@/server/db/tenant-db';
import { postPoints } from '@/server/services/loyalty/post-points';
import { seedCustomer } from '../support/fixtures';
import { createTestTenant } from '../support/tenant';

const staff: LedgerActor = { kind: 'staff', id: 'uid-1', name: 'Test owner' };

async function ledgerSum(orgId: string, customerId: string) {
  const snap = await tenantDb(orgId).loyaltyLines.ref.where('customerId', '==', customerId).get();
  return { sum: snap.docs.reduce((s, d) => s + d.data().points, 0), lines: snap.size };
}

describe('the points ledger', () => {
  it('posts an effect once however often it is asked, with the profile updated in the same write', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-03-01T17:00:00Z');
    const customerId = await seedCustomer(t.orgId);
    const ctx = t.ctx('owner', clock);
    const award = {
      key: 'bonus:test-1',
      posting: { kind: 'credit' as const, type: 'bonus' as const, points: 120, availableAt: clock.now(), expiresAt: null },
      actor: staff,
      reason: 'Welcome',
    };
    const first = await postPoints(ctx, customerId, [award]);
    const again = await postPoints(ctx, customerId, [award]);
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.lines[0]!.id).toBe(first.lines[0]!.id);
    const customer = await tenantDb(t.orgId).customers.getOrThrow(customerId);
    expect(customer.pointsBalance).toBe(120);
    expect(customer.loyalty).toMatchObject({ available: 120, pending: 0, lifetimeEarned: 120, tierId: 'bronze' });
    expect(await ledgerSum(t.orgId, customerId)).toEqual({ sum: 120, lines: 1 });
  });

  it('never overdraws: fifty concurrent redemptions of 30 points on 100 leave exactly three through', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-03-01T17:00:00Z');
    const customerId = await seedCustomer(t.orgId);
    const ctx = t.ctx('budtender', clock);
    await postPoints(ctx, customerId, [
      { key: 'opening:1', posting: { kind: 'credit', type: 'opening_balance', points: 100, availableAt: clock.now(), expiresAt: null }, actor: staff },
    ]);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        postPoints(ctx, customerId, [{ key: `redeem:${i}`, posting: { kind: 'spend', type: 'redeem', points: 30 }, actor: staff }]),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(47);
    for (const r of refused) expect((r.reason as { code?: string }).code).toBe('insufficient_points');
    const customer = await tenantDb(t.orgId).customers.getOrThrow(customerId);
    expect(customer.loyalty?.available).toBe(10);
    expect(await ledgerSum(t.orgId, customerId)).toEqual({ sum: 10, lines: 4 });
  });
});

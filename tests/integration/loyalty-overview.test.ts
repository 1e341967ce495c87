import { describe, expect, it } from 'vitest';
import { ManualClock } from '@/domain/clock';
import type { LedgerActor } from '@/domain/loyalty/ledger';
import { getLoyaltyOverview } from '@/server/services/loyalty/get-loyalty-overview';
import { cancelRedemption } from '@/server/services/loyalty/cancel-redemption';
import { postPoints } from '@/server/services/loyalty/post-points';
import { redeemCoupon } from '@/server/services/loyalty/redeem-coupon';
import { seedCustomer } from '../support/fixtures';
import { givePoints, issueCoupon } from '../support/loyalty';
import { createTestTenant } from '../support/tenant';

const orders: LedgerActor = { kind: 'system', id: 'system:orders', name: 'Order pipeline' };

describe('the Loyalty page figures', () => {
  it("counts this month's points issued and redeemed, weekly, per tier and the latest lines, for this dispensary only", async () => {
    const t = await createTestTenant();
    const other = await createTestTenant();
    // Wednesday 11 March 2026, 12:00 in Detroit (the test tenants' zone is the default).
    const clock = new ManualClock('2026-03-11T16:00:00Z');
    const ctx = t.ctx('budtender', clock);
    const [ana, ben] = [await seedCustomer(t.orgId), await seedCustomer(t.orgId)];
    const earn = (key: string, points: number) => ({
      key,
      posting: { kind: 'credit' as const, type: 'earn' as const, points, availableAt: clock.now(), expiresAt: null },
      actor: orders,
    });
    // Last month: counted in the weekly chart, not in this month's figures.
    clock.set(new Date('2026-02-26T17:00:00Z'));
    await postPoints(ctx, ana, [earn('earn:feb', 80)]);
    clock.set(new Date('2026-03-02T17:00:00Z'));
    await postPoints(ctx, ana, [earn('earn:a1', 120)]);
    clock.set(new Date('2026-03-03T17:00:00Z'));
    await postPoints(ctx, ben, [earn('earn:b1', 40)]);
    clock.set(new Date('2026-03-10T17:00:00Z'));
    await postPoints(ctx, ana, [{ key: 'redeem:r1', posting: { kind: 'spend', type: 'redeem', points: 150 }, actor: orders }]);
    const otherCustomer = await seedCustomer(other.orgId);
    await postPoints(other.ctx('owner', clock), otherCustomer, [earn('earn:x', 999)]);
    clock.set(new Date('2026-03-11T16:00:00Z'));

    const o = await getLoyaltyOverview(ctx);
    expect(o.members).toBe(2);
    expect(o.month).toEqual({ label: 'March 2026', issued: 160, redeemed: 150 });
    expect(o.weekly).toHaveLength(12);
    expect(o.weekly.slice(-3)).toEqual([
      { weekStart: '2026-02-23', issued: 80, redeemed: 0 },
      { weekStart: '2026-03-02', issued: 160, redeemed: 0 },
      { weekStart: '2026-03-09', issued: 0, redeemed: 150 },
    ]);
    expect(o.tiers.find((x) => x.id === 'bronze')?.customers).toBe(2);
    expect(o.latest.map((l) => [l.text, l.points])).toEqual([
      ['Redeemed 150 points for a reward', -150],
      ['Earned 40 points on an order', 40],
      ['Earned 120 points on an order', 120],
      ['Earned 80 points on an order', 80],
    ]);
    const redeemedOnly = await getLoyaltyOverview(ctx, { type: 'redeem' });
    expect(redeemedOnly.latest.map((l) => l.customerId)).toEqual([ana]);
  });

  it("counts this month's redemptions per reward, without cancelled ones, and how many coupons were used", async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2026-03-11T16:00:00Z');
    const owner = t.ctx('owner', clock);
    const customer = await seedCustomer(t.orgId);
    clock.set(new Date('2026-02-20T17:00:00Z'));
    await givePoints(owner, customer, 1_000);
    await issueCoupon(owner, customer, 'five-off'); // last month: not counted
    clock.set(new Date('2026-03-11T16:00:00Z'));
    const [a, b] = [await issueCoupon(owner, customer, 'five-off'), await issueCoupon(owner, customer, 'five-off')];
    await issueCoupon(owner, customer, 'ten-off');
    await cancelRedemption(owner, b.id);
    await redeemCoupon(owner, a.couponCode, { kind: 'order', orderId: 'ord_x' });
    const o = await getLoyaltyOverview(t.ctx('budtender', clock));
    expect(o.rewards.map((r) => [r.description, r.redeemed, r.used])).toEqual([
      ['$5 off your order', 1, 1],
      ['$10 off your order', 1, 0],
      ['$25 off your order', 0, 0],
    ]);
  });
});

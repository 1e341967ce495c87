import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/domain/clock';
import { jsonWithBigInts, shopifyRefund } from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { installGalleryPlaybook } from '@/server/services/playbooks/install-gallery-playbook';
import { setPlaybookStatus } from '@/server/services/playbooks/set-playbook-status';
import { saveLoyaltySettings } from '@/server/services/loyalty/save-loyalty-settings';
import { getLoyaltySettings } from '@/server/services/loyalty/loyalty-settings';
import { setProviderEnv } from '../support/messaging';
import { customerByEmail, nextUid, sendsTo, shopify } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { deliver, makeEndpoint, settle, type TestEndpoint } from '../support/webhooks';

// The sample order: Blue Dream $35.00 + gummies $18.00, 16% tax. Points are on the $53.00 before tax (the default basis).

let t: TestTenant;
let ep: TestEndpoint;
beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Earning');
  ep = await makeEndpoint(t.ctx('admin'), 'shopify');
});

/** A new shopper each time, with the store's own customer id for them (samples share one otherwise). */
const shopper = () => {
  const n = nextUid();
  return {
    person: { firstName: 'Lee', lastName: 'Park', email: `lee-${n}@example.com`, phone: `+1313555${String(n % 10_000).padStart(4, '0')}` },
    customerId: n,
  };
};

async function linesOf(customerId: string) {
  const snap = await tenantDb(t.orgId).loyaltyLines.ref.where('customerId', '==', customerId).get();
  return snap.docs.map((d) => d.data()).sort((a, b) => a.at.getTime() - b.at.getTime() || a.balanceAfter - b.balanceAfter);
}

describe('points from orders, through signed webhooks', () => {
  it('an order earns once, however often it arrives; refunds take back their share; the profile matches the ledger', async () => {
    // Refunds go through deliver(), at the real time: so does the order.
    const clock = new ManualClock(new Date());
    const s = shopper();
    const p = s.person;
    const uid = nextUid();
    const created = await shopify(clock, ep, 'orders/create', { uid, ...s });
    expect(created.status).toBe(200);
    const customer = (await customerByEmail(t.orgId, p.email))!;
    expect(customer.pointsBalance).toBe(53);
    expect(customer.loyalty).toMatchObject({ available: 53, pending: 0, lifetimeEarned: 53, tierName: 'Bronze' });
    const [earn] = await linesOf(customer.id);
    expect(earn).toMatchObject({ type: 'earn', points: 53, balanceAfter: 53, reason: '$53.00 eligible × 1 point per dollar' });
    const order = await tenantDb(t.orgId).orders.getOrThrow(earn!.source.orderId!);
    expect(order.loyalty).toEqual({ earnedPoints: 53, reversedPoints: 0 });
    const events = await tenantDb(t.orgId).events.ref.where('customerId', '==', customer.id).get();
    expect(events.docs.map((d) => d.data().name).sort()).toEqual([
      'customer.segment_changed',
      'loyalty.points_earned',
      'loyalty.tier_changed',
      'order.created',
    ]);

    // The same order again (a redelivery, then orders/updated with the same content): nothing more.
    await shopify(clock, ep, 'orders/create', { uid, ...s });
    await shopify(clock, ep, 'orders/updated', { uid, ...s });
    expect(await linesOf(customer.id)).toHaveLength(1);
    expect((await customerByEmail(t.orgId, p.email))!.pointsBalance).toBe(53);

    // A $12.30 refund of the $61.48 order: 20% of the points (10), then the rest when refunded in full.
    const refund = (amountCents: number, refundUid: number) =>
      deliver(ep, jsonWithBigInts(shopifyRefund({ now: clock.now(), uid, amountCents, refundUid })), { topic: 'refunds/create' });
    expect((await refund(1230, uid * 10 + 1)).status).toBe(200);
    await settle();
    expect((await customerByEmail(t.orgId, p.email))!.pointsBalance).toBe(43);
    expect((await refund(1230, uid * 10 + 1)).status).toBe(200);
    await settle();
    expect((await customerByEmail(t.orgId, p.email))!.pointsBalance).toBe(43);
    expect((await refund(order.totalCents - 1230, uid * 10 + 2)).status).toBe(200);
    await settle();
    const after = (await customerByEmail(t.orgId, p.email))!;
    expect(after.pointsBalance).toBe(0);
    const lines = await linesOf(customer.id);
    expect(lines.map((l) => [l.type, l.points, l.balanceAfter])).toEqual([
      ['earn', 53, 53],
      ['refund_reversal', -10, 43],
      ['refund_reversal', -43, 0],
    ]);
    expect(lines.reduce((s, l) => s + l.points, 0)).toBe(after.loyalty!.available + after.loyalty!.pending);
  });

  it('the thank-you email shows the points the order earned and the balance they make', async () => {
    const clock = new ManualClock('2031-03-11T18:00:00Z');
    const ctx = t.ctx('owner', clock);
    const installed = await installGalleryPlaybook(ctx, 'order_thank_you');
    await setPlaybookStatus(ctx, installed.id, 'active');
    const s = shopper();
    const p = s.person;
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), ...s });
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), ...s });
    const customer = (await customerByEmail(t.orgId, p.email))!;
    expect(customer.pointsBalance).toBe(106);
    const sends = (await sendsTo(t.orgId, customer.id)).filter((s) => s.templateId === 'thank_you');
    expect(sends).toHaveLength(2);
    // Sent at the same (frozen) time: in either order, each says what its own order left.
    const said = sends.map((x) => x.message!.text.replace(/\s+/g, ' ')).sort();
    expect(said[0]).toContain('Your order of $61.48 earned you 53 points; your balance is now 106.');
    expect(said[1]).toContain('Your order of $61.48 earned you 53 points; your balance is now 53.');
    expect(said[0]).not.toContain('call us at .');
    await setPlaybookStatus(ctx, installed.id, 'paused');
  });

  it('follows the programme: points per dollar and the return window', async () => {
    const clock = new ManualClock('2031-04-01T16:00:00Z');
    const owner = t.ctx('owner', clock);
    const current = await getLoyaltySettings(owner);
    await saveLoyaltySettings(owner, {
      ...current,
      points: { ...current.points, pointsPerDollar: 2, returnWindowDays: 7 },
    });
    const s = shopper();
    const p = s.person;
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), ...s });
    const c = (await customerByEmail(t.orgId, p.email))!;
    // $53.00 × 2 points per dollar, spendable after the 7-day return window (from local midnight).
    expect(c.loyalty).toMatchObject({ available: 0, pending: 106, nextAvailableAt: new Date('2031-04-08T04:00:00Z') });
    expect(c.pointsBalance).toBe(0);
    await saveLoyaltySettings(owner, current);
  });
});

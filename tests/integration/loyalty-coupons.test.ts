import { beforeAll, describe, expect, it } from 'vitest';
import { formatCouponCode } from '@/domain/loyalty/redemption';
import { alleavesEnvelope, alleavesOrder, jsonWithBigInts, shopifyOrder, wooOrder } from '@/domain/signals/samples';
import * as couponRoute from '@/app/api/loyalty/coupons/[code]/redeem/route';
import * as eventsRoute from '@/app/api/events/route';
import { tenantDb } from '@/server/db/tenant-db';
import { createApiKey } from '@/server/services/integrations/api-keys';
import { call } from '../support/http';
import { givePoints, issueCoupon } from '../support/loyalty';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { deliver, makeEndpoint, settle } from '../support/webhooks';

let a: TestTenant;
let b: TestTenant;
beforeAll(async () => {
  setProviderEnv({});
  [a, b] = await Promise.all([createTestTenant('Coupons A'), createTestTenant('Coupons B')]);
});

async function couponFor(t: TestTenant) {
  const ctx = t.ctx('owner');
  const customerId = await seedMessagingCustomer(t);
  await givePoints(ctx, customerId, 200);
  return issueCoupon(ctx, customerId);
}

const redeemAt = (code: string, key: string | null, body?: unknown) =>
  call(couponRoute.POST, {
    method: 'POST',
    path: `/api/loyalty/coupons/${code}/redeem`,
    params: { code },
    headers: key ? { authorization: `Bearer ${key}` } : {},
    body,
  });

describe('POST /api/loyalty/coupons/{code}/redeem (the POS)', () => {
  it('needs a key with the coupons scope of the coupon’s own dispensary, and works once', async () => {
    const red = await couponFor(a);
    const code = formatCouponCode(red.couponCode);
    const { key: posKey } = await createApiKey(a.ctx('owner'), { name: 'POS', scopes: ['coupons'] });
    const { key: trackKey } = await createApiKey(a.ctx('owner'), { name: 'Storefront' });
    const { key: otherKey } = await createApiKey(b.ctx('owner'), { name: 'POS B', scopes: ['coupons'] });

    expect((await redeemAt(code, null)).status).toBe(401);
    expect((await redeemAt(code, 'bbk_notarealkeyatall_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).status).toBe(401);
    const track = await redeemAt(code, trackKey);
    expect(track.status).toBe(403);
    expect(track.body.error.message).toBe('This API key does not have the "coupons" scope.');
    const other = await redeemAt(code, otherKey);
    expect(other.status).toBe(404);
    expect((await tenantDb(a.orgId).loyaltyCoupons.getOrThrow(red.couponCode)).status).toBe('issued');

    const ok = await redeemAt(code.toLowerCase(), posKey, { reference: 'till-7:1044' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ coupon: { code, status: 'used', valueCents: 500 }, duplicate: false });
    const retried = await redeemAt(code, posKey, { reference: 'till-7:1044' });
    expect(retried.body.duplicate).toBe(true);
    const second = await redeemAt(code, posKey, { reference: 'till-2:88' });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'coupon_used', message: expect.stringMatching(/already used on .+ \(the POS\); it works once\.$/) });
    expect((await tenantDb(a.orgId).loyaltyCoupons.getOrThrow(red.couponCode)).usedBy).toEqual({
      kind: 'pos',
      apiKeyId: expect.any(String),
      reference: 'till-7:1044',
    });
  });

  it('a coupons-only key cannot send track events', async () => {
    const { key } = await createApiKey(a.ctx('owner'), { name: 'POS only', scopes: ['coupons'] });
    const res = await call(eventsRoute.POST, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: { batch: [] } });
    expect(res.status).toBe(403);
  });
});

describe('orders carrying a coupon code, through signed webhooks', () => {
  const uid = () => Math.floor(Math.random() * 1e9);
  const cases = [
    {
      provider: 'shopify' as const,
      topic: 'orders/create',
      body: (code: string) => ({
        ...shopifyOrder({ now: new Date(), uid: uid() }),
        discount_codes: [{ code, amount: '5.00', type: 'fixed_amount' }, { code: 'SPRING10' }],
      }),
    },
    {
      provider: 'woocommerce' as const,
      topic: 'order.created',
      body: (code: string) => ({ ...wooOrder({ now: new Date(), uid: uid() }), coupon_lines: [{ id: 1, code: code.toLowerCase(), discount: '5.00' }] }),
    },
    {
      provider: 'alleaves' as const,
      topic: null,
      body: (code: string) => {
        const o = { now: new Date(), uid: uid() };
        return alleavesEnvelope('order.created', o, { order: { ...alleavesOrder(o), discount_codes: [code] } });
      },
    },
  ];
  for (const c of cases) {
    it(`${c.provider}: the order marks the coupon used; a replay changes nothing; another order with it is refused and reported`, async () => {
      const red = await couponFor(a);
      const ep = await makeEndpoint(a.ctx('admin'), c.provider);
      const body = jsonWithBigInts(c.body(formatCouponCode(red.couponCode)));
      expect((await deliver(ep, body, { topic: c.topic })).status).toBe(200);
      await settle();
      const used = await tenantDb(a.orgId).loyaltyCoupons.getOrThrow(red.couponCode);
      expect(used.status).toBe('used');
      expect(used.usedBy?.kind).toBe('order');
      expect(await deliver(ep, body, { topic: c.topic })).toMatchObject({ status: 200 });
      await settle();
      expect(await tenantDb(a.orgId).loyaltyCoupons.getOrThrow(red.couponCode)).toEqual(used);
      const noteCount = async () => (await tenantDb(a.orgId).notifications.ref.where('sourceId', '==', red.id).get()).size;
      expect(await noteCount()).toBe(0);

      const another = jsonWithBigInts(c.body(red.couponCode));
      const res = await deliver(ep, another, { topic: c.topic });
      expect(res.status).toBe(200);
      await settle();
      // The second order is still processed; the coupon stays with the first, and staff are told.
      expect((await tenantDb(a.orgId).deliveries.getOrThrow(res.body.deliveryId)).status).toBe('processed');
      expect(await tenantDb(a.orgId).loyaltyCoupons.getOrThrow(red.couponCode)).toEqual(used);
      expect(await noteCount()).toBe(1);
    });
  }
});

import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, ManualClock } from '@/domain/clock';
import { jsonWithBigInts, shopifyCheckout, shopifyOrder } from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import { updateSignalSettings } from '@/server/services/integrations/signal-settings';
import { detectAbandonedCheckouts } from '@/server/services/signals/detect-abandoned-checkouts';
import { checkoutIdFor } from '@/server/services/signals/apply-checkout';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { deliver, makeEndpoint, settle, type TestEndpoint } from '../support/webhooks';

let t: TestTenant;
let shopify: TestEndpoint;
beforeAll(async () => {
  t = await createTestTenant('Abandon');
  shopify = await makeEndpoint(t.ctx('admin'), 'shopify');
});

// Shopify writes times to the second.
const seconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

const tickAt = (at: number) => detectAbandonedCheckouts({ clock: new ManualClock(at), log: logger(), deadline: Date.now() + 30_000, orgId: t.orgId });

async function startCheckout(u: number, startedAt: Date) {
  const res = await deliver(
    shopify,
    jsonWithBigInts(
      shopifyCheckout({
        now: startedAt,
        uid: u,
        customerId: u,
        person: { firstName: 'Cart', lastName: 'Leaver', email: `cart-${u}@example.com`, phone: '(313) 555-0161' },
      }),
    ),
    { topic: 'checkouts/create' },
  );
  expect(res.status).toBe(200);
  await settle();
  return tenantDb(t.orgId).checkouts.getOrThrow(checkoutIdFor(`shopify:ck-${u}`));
}

async function abandonedEvents(token: string) {
  return (await tenantDb(t.orgId).events.ref.where('name', '==', 'cart.abandoned').get()).docs
    .map((d) => d.data())
    .filter((e) => e.keys.checkoutToken === token);
}

describe('cart.abandoned', () => {
  it('is derived once, after the default 60 minutes, from a checkout with no order', async () => {
    const u = randomInt(1, 800_000);
    const started = seconds(Date.now() - 5 * MINUTE);
    const checkout = await startCheckout(u, started);
    expect(checkout).toMatchObject({ status: 'open', token: `shopify:ck-${u}` });
    expect(checkout.abandonCheckAt!.getTime()).toBe(started.getTime() + 60 * MINUTE);

    await tickAt(started.getTime() + 59 * MINUTE);
    expect(await abandonedEvents(checkout.token)).toHaveLength(0);

    await tickAt(started.getTime() + 61 * MINUTE);
    await tickAt(started.getTime() + 62 * MINUTE);
    const events = await abandonedEvents(checkout.token);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: 'bakedbot', customerId: checkout.customerId, keys: { checkoutToken: checkout.token } });
    expect(events[0]!.data).toMatchObject({ checkout: { token: checkout.token, totalCents: 5300, itemCount: 2 } });
    expect(events[0]!.dispatchedAt).toBeInstanceOf(Date);
    expect((await tenantDb(t.orgId).checkouts.getOrThrow(checkout.id)).status).toBe('abandoned');
  });

  it('is never derived for a checkout whose order arrived, in either order', async () => {
    const u = randomInt(1, 800_000);
    const started = seconds(Date.now() - 5 * MINUTE);
    await startCheckout(u, started);
    await deliver(shopify, jsonWithBigInts(shopifyOrder({ now: new Date(), uid: u, customerId: u })), { topic: 'orders/create' });
    await settle();
    expect((await tenantDb(t.orgId).checkouts.getOrThrow(checkoutIdFor(`shopify:ck-${u}`))).status).toBe('completed');

    const v = randomInt(1, 800_000);
    await deliver(shopify, jsonWithBigInts(shopifyOrder({ now: new Date(), uid: v, customerId: v })), { topic: 'orders/create' });
    await settle();
    const late = await startCheckout(v, started);
    expect(late.status).toBe('completed');

    await tickAt(started.getTime() + 3 * 60 * MINUTE);
    expect(await abandonedEvents(`shopify:ck-${u}`)).toHaveLength(0);
    expect(await abandonedEvents(`shopify:ck-${v}`)).toHaveLength(0);
  });

  it('uses the delay the tenant configured', async () => {
    await updateSignalSettings(t.ctx('admin'), { abandonedCheckoutDelayMinutes: 15 });
    const u = randomInt(1, 800_000);
    const started = seconds(Date.now() - MINUTE);
    const checkout = await startCheckout(u, started);
    expect(checkout.abandonCheckAt!.getTime()).toBe(started.getTime() + 15 * MINUTE);
    await tickAt(started.getTime() + 16 * MINUTE);
    expect(await abandonedEvents(checkout.token)).toHaveLength(1);
    await updateSignalSettings(t.ctx('admin'), { abandonedCheckoutDelayMinutes: 60 });
  });
});

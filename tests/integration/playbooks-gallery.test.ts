import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, ManualClock } from '@/domain/clock';
import type { Product } from '@/domain/product';
import { tenantDb } from '@/server/db/tenant-db';
import { drainAfterResponse } from '@/server/http/after-response';
import { withWebhook } from '@/server/http/with-webhook';
import { receiveWebhook } from '@/server/services/ingest/receive-webhook';
import { signDelivery } from '@/server/services/ingest/sign-delivery';
import { installGalleryPlaybook } from '@/server/services/playbooks/install-gallery-playbook';
import { setPlaybookStatus } from '@/server/services/playbooks/set-playbook-status';
import { call } from '../support/http';
import { setProviderEnv } from '../support/messaging';
import { ageCheckedAtCheckout, customerByEmail, nextUid, runsOf, sendsTo, shopify, tick } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { makeEndpoint, type TestEndpoint } from '../support/webhooks';

// The gallery entries not already exercised by playbooks-flow (welcome, thank-you, abandoned
// checkout, win-back, birthday, review request) and by the weekly schedule test: each installed
// from the gallery, activated, and driven by real signed deliveries.

beforeAll(() => setProviderEnv({}));

/** A canonical event from a custom storefront, signed with Standard Webhooks, at the clock's time. */
async function standard(clock: ManualClock, ep: TestEndpoint, type: string, data: Record<string, unknown>) {
  const body = JSON.stringify({ type, timestamp: clock.now().toISOString(), data });
  // Signed now: the signature's five-minute window is the sender's transport time, checked against the real clock.
  const headers = signDelivery('standard', { secret: ep.secret, body, topic: null, now: new Date(), deliveryId: `msg_${randomUUID()}` });
  const res = await call(withWebhook('standard', receiveWebhook, { clock }), {
    method: 'POST',
    rawBody: body,
    headers,
    params: { endpointId: ep.id },
    path: `/api/webhooks/standard/${ep.id}`,
  });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  await drainAfterResponse();
}

async function seedProduct(orgId: string, over: Partial<Product> = {}): Promise<Product> {
  const now = new Date('2031-07-01T00:00:00Z');
  const product: Product = {
    id: `prd_${randomUUID().slice(0, 10)}`,
    sku: `SKU-${nextUid()}`,
    name: 'Blue Dream 3.5g',
    brand: 'Great Lakes Growers',
    category: 'flower',
    strainType: 'hybrid',
    thcPercent: 22,
    cbdPercent: 0.1,
    thcMg: null,
    cbdMg: null,
    size: '3.5g',
    priceCents: 3500,
    stock: { web: 20 },
    lowStockThreshold: 5,
    active: true,
    externalIds: [],
    createdAt: now,
    updatedAt: now,
    ...over,
  };
  await tenantDb(orgId).products.create(product);
  return product;
}

async function install(t: TestTenant, clock: ManualClock, key: string) {
  const ctx = t.ctx('owner', clock);
  const p = await installGalleryPlaybook(ctx, key);
  return setPlaybookStatus(ctx, p.id, 'active');
}

describe('the gallery, continued', () => {
  it('low-stock alert: one reorder task per product per day, beside the single live alert the signal raises', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-07-08T16:00:00Z');
    const playbook = await install(t, clock, 'low_stock_alert');
    const product = await seedProduct(t.orgId, { name: 'Watermelon Gummies 100mg', category: 'edible', strainType: 'none' });
    const ep = await makeEndpoint(t.ctx('admin'), 'standard');

    await standard(clock, ep, 'inventory.low_stock', { inventory: { sku: product.sku, name: product.name, quantity: 2, threshold: 5, locationId: 'web' } });
    clock.advance(2 * 3_600_000);
    await standard(clock, ep, 'inventory.low_stock', { inventory: { sku: product.sku, name: product.name, quantity: 1, threshold: 5, locationId: 'web' } });

    const tasks = (await tenantDb(t.orgId).tasks.ref.get()).docs.map((d) => d.data());
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      title: 'Reorder Watermelon Gummies 100mg',
      description: 'Stock is down to 2 (alert at 5).',
      assignRole: 'admin',
      status: 'open',
      source: { type: 'playbook', playbookId: playbook.id },
    });
    expect(tasks[0]!.dueAt).toEqual(new Date('2031-07-09T16:00:00Z'));
    // The playbook adds the to-do; the alert itself is the signal's, once per report, never doubled.
    const alerts = (await tenantDb(t.orgId).notifications.ref.get()).docs.map((d) => d.data()).filter((n) => n.title.startsWith('Low stock'));
    expect(alerts).toHaveLength(2);

    // A day later the same product may start a new run.
    clock.advance(DAY);
    await standard(clock, ep, 'inventory.low_stock', { inventory: { sku: product.sku, name: product.name, quantity: 0, threshold: 5, locationId: 'web' } });
    expect((await tenantDb(t.orgId).tasks.ref.get()).size).toBe(2);
  });

  it('restock notice: a wishlisted product coming back in stock tells the shopper; one still out of stock does not', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-07-08T16:00:00Z');
    await ageCheckedAtCheckout(t, clock);
    const playbook = await install(t, clock, 'restock_notice');
    const wanted = await seedProduct(t.orgId, { stock: { web: 0 } });
    const other = await seedProduct(t.orgId, { name: 'Sour Diesel 3.5g', stock: { web: 0 } });
    const ep = await makeEndpoint(t.ctx('admin'), 'standard');
    const email = `wish-${nextUid()}@example.com`;
    const customer = { id: `shopper-${nextUid()}`, email, firstName: 'Wren', lastName: 'Hale', emailConsent: 'opted_in' };

    await standard(clock, ep, 'wishlist.added', { customer, product: { sku: wanted.sku, name: wanted.name } });
    const [run] = await runsOf(t.orgId, playbook.id);
    expect(run).toMatchObject({ status: 'waiting', waitingFor: { eventName: 'inventory.updated', keyKind: 'productId', key: wanted.id } });

    // Another product's restock does not wake it.
    clock.advance(DAY);
    await standard(clock, ep, 'inventory.updated', { inventory: { sku: other.sku, quantity: 12, previousQuantity: 0, locationId: 'web' } });
    expect((await runsOf(t.orgId, playbook.id))[0]!.status).toBe('waiting');

    clock.advance(DAY);
    await standard(clock, ep, 'inventory.updated', { inventory: { sku: wanted.sku, quantity: 12, previousQuantity: 0, locationId: 'web' } });
    await tick(t.orgId, clock);
    const done = (await runsOf(t.orgId, playbook.id))[0]!;
    expect(done.status).toBe('completed');
    expect(done.stepResults.find((r) => r.action === 'wait_for_event')).toMatchObject({ branch: 'onEvent' });
    const shopper = await customerByEmail(t.orgId, email);
    const sends = await sendsTo(t.orgId, shopper!.id);
    expect(sends.find((s) => s.channel === 'email')).toMatchObject({
      templateId: 'restock_notice',
      status: 'sent',
      source: { type: 'playbook', playbookId: playbook.id },
    });
  });

  it('VIP check-in: the order that makes a customer a big spender tags them and gives staff a call task, at most every 90 days', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-07-08T16:00:00Z');
    const playbook = await install(t, clock, 'vip_check_in');
    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const person = { firstName: 'Vera', lastName: 'Ives', email: `vip-${nextUid()}@example.com`, phone: '+13135550166' };
    const products = [{ sku: 'SAMPLE-CON-0009', name: 'Live Resin 1g', brand: 'Motor City', category: 'Concentrates', priceCents: 15_000 }];
    const customerId = nextUid();

    for (let i = 0; i < 9; i++) {
      await shopify(clock, ep, 'orders/create', { uid: nextUid(), person, products, customerId });
      clock.advance(DAY);
    }
    expect(await runsOf(t.orgId, playbook.id)).toHaveLength(0);

    await shopify(clock, ep, 'orders/create', { uid: nextUid(), person, products, customerId });
    const vip = await customerByEmail(t.orgId, person.email);
    expect(vip).toMatchObject({ orderCount: 10 });
    expect(vip!.tags).toContain('vip');
    const tasks = (await tenantDb(t.orgId).tasks.ref.get()).docs.map((d) => d.data());
    expect(tasks).toEqual([expect.objectContaining({ title: 'Call Vera Ives to say thanks', customerId: vip!.id, assignRole: 'admin' })]);

    // The next order a week later does not make a second call task.
    clock.advance(7 * DAY);
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), person, products, customerId });
    expect((await tenantDb(t.orgId).tasks.ref.get()).size).toBe(1);
  });
});

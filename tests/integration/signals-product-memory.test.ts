import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jsonWithBigInts, shopifyOrder, shopifyProduct } from '@/domain/signals/samples';
import { SAMPLE_PRODUCTS } from '@/domain/signals/samples/sample-people';
import { tenantDb } from '@/server/db/tenant-db';
import { uniquePhone } from '../support/messaging';
import { nextUid } from '../support/playbooks';
import { createTestTenant } from '../support/tenant';
import { deliver, makeEndpoint, settle, type TestEndpoint } from '../support/webhooks';

// Order lines find their products through a few seconds of per-instance memory (link-products.ts):
// what the memory returns is what a lookup would, and a product change forgets it at once.

const flower = SAMPLE_PRODUCTS[0]!;

async function orderLine(ep: TestEndpoint, orgId: string) {
  const uid = nextUid();
  const person = { firstName: 'Lin', lastName: 'Items', email: `lines-${randomUUID().slice(0, 8)}@example.com`, phone: uniquePhone() };
  const body = jsonWithBigInts(shopifyOrder({ now: new Date(), uid, person, customerId: uid, products: [flower] }));
  expect((await deliver(ep, body, { topic: 'orders/create' })).status).toBe(200);
  await settle();
  const [latest] = (await tenantDb(orgId).orders.ref.orderBy('createdAt', 'desc').limit(1).get()).docs.map((d) => d.data());
  return latest!.lineItems[0]!;
}

describe('order lines and the remembered products', () => {
  it('link the product a lookup finds, and a product change through the catalogue is seen by the next order', async () => {
    const t = await createTestTenant('Product memory');
    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    // Shopify keys a product update on its updated_at (seconds): the change is a second later.
    const product = (category: string, now: Date) => jsonWithBigInts(shopifyProduct({ now, uid: nextUid(), products: [{ ...flower, category }] }));
    expect((await deliver(ep, product('Flower', new Date(Date.now() - 5_000)), { topic: 'products/update' })).status).toBe(200);
    await settle();
    const [stored] = (await tenantDb(t.orgId).products.ref.where('sku', '==', flower.sku).get()).docs.map((d) => d.data());
    expect(stored?.category).toBe('flower');

    const first = await orderLine(ep, t.orgId);
    expect(first).toMatchObject({ productId: stored!.id, sku: flower.sku, category: 'flower' });
    // Remembered now: the second order links the same product.
    expect(await orderLine(ep, t.orgId)).toMatchObject({ productId: stored!.id, category: 'flower' });

    // The store recategorises it: the next order carries the new category, not the remembered one.
    expect((await deliver(ep, product('Edibles', new Date()), { topic: 'products/update' })).status).toBe(200);
    await settle();
    expect((await tenantDb(t.orgId).products.getOrThrow(stored!.id)).category).toBe('edible');
    expect(await orderLine(ep, t.orgId)).toMatchObject({ productId: stored!.id, category: 'edible' });
  }, 60_000);
});

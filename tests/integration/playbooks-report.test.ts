// Pops's top-sellers report reads the newest orders of the period when there are more than it reads.
import { describe, expect, it } from 'vitest';
import { DAY } from '@/domain/clock';
import type { Order } from '@/domain/order';
import { tenantDb } from '@/server/db/tenant-db';
import { topSellers } from '@/server/services/playbooks/steps/report-steps';
import { createTestTenant } from '../support/tenant';

function order(id: string, placedAt: Date, name: string, quantity: number): Order {
  const totalCents = quantity * 1_000;
  return {
    id,
    customerId: null,
    locationId: null,
    source: 'seed',
    externalId: null,
    status: 'completed',
    lineItems: [{ productId: name.toLowerCase().replace(/\W+/g, '-'), sku: null, name, category: null, quantity, unitPriceCents: 1_000, totalCents }],
    subtotalCents: totalCents,
    discountCents: 0,
    taxCents: 0,
    totalCents,
    refundedCents: 0,
    placedAt,
    createdAt: placedAt,
    updatedAt: placedAt,
  };
}

describe('the top-sellers report', () => {
  it('past its limit, counts the most recent orders of the period, as its text says', async () => {
    const t = await createTestTenant();
    const now = new Date('2031-09-08T12:00:00Z');
    const orders = tenantDb(t.orgId).orders;
    // Older orders sell many gummies; the newest sell pre-rolls.
    await orders.set(order('ord_old1', new Date(now.getTime() - 6 * DAY), 'Gummies', 9));
    await orders.set(order('ord_old2', new Date(now.getTime() - 5 * DAY), 'Gummies', 9));
    await orders.set(order('ord_new1', new Date(now.getTime() - 2 * DAY), 'Pre-roll', 2));
    await orders.set(order('ord_new2', new Date(now.getTime() - 1 * DAY), 'Pre-roll', 3));
    await orders.set(order('ord_before', new Date(now.getTime() - 9 * DAY), 'Tincture', 50));

    const since = new Date(now.getTime() - 7 * DAY);
    const capped = await topSellers(t.orgId, since, 10, 2);
    expect(capped).toMatchObject({ orders: 2, truncated: true, top: [{ name: 'Pre-roll', units: 5, revenueCents: 5_000 }] });
    const all = await topSellers(t.orgId, since, 10);
    expect(all).toMatchObject({
      orders: 4,
      truncated: false,
      top: [
        { name: 'Gummies', units: 18 },
        { name: 'Pre-roll', units: 5 },
      ],
    });
  });
});

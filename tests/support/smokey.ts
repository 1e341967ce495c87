// A small shop for Smokey's tests: products at two stores and a customer with a purchase history.
import { randomUUID } from 'node:crypto';
import { DAY } from '@/domain/clock';
import type { Order } from '@/domain/order';
import type { Product } from '@/domain/product';
import { tenantDb } from '@/server/db/tenant-db';
import { seedCustomer } from './fixtures';

export const HOME = 'loc_home';
export const OTHER = 'loc_other';

export async function seedProduct(orgId: string, over: Partial<Product> & Pick<Product, 'id' | 'name' | 'category'>, now: Date): Promise<Product> {
  const product: Product = {
    sku: `SKU-${randomUUID().slice(0, 8)}`,
    brand: 'Orchard Chews',
    strainType: 'indica',
    thcPercent: null,
    cbdPercent: null,
    thcMg: 100,
    cbdMg: 0,
    size: '10 pieces',
    priceCents: 2_000,
    stock: { [HOME]: 12, [OTHER]: 12 },
    lowStockThreshold: 5,
    active: true,
    externalIds: [],
    createdAt: new Date(now.getTime() - 200 * DAY),
    updatedAt: now,
    ...over,
  };
  await tenantDb(orgId).products.create(product);
  return product;
}

export async function seedOrder(orgId: string, customerId: string, products: Product[], placedAt: Date): Promise<void> {
  const lineItems = products.map((p) => ({
    productId: p.id,
    sku: p.sku,
    name: p.name,
    category: p.category,
    quantity: 1,
    unitPriceCents: p.priceCents,
    totalCents: p.priceCents,
  }));
  const total = lineItems.reduce((s, l) => s + l.totalCents, 0);
  const o: Order = {
    id: `ord_${randomUUID().slice(0, 12)}`,
    customerId,
    locationId: HOME,
    source: 'manual',
    externalId: null,
    status: 'completed',
    lineItems,
    subtotalCents: total,
    discountCents: 0,
    taxCents: 0,
    totalCents: total,
    refundedCents: 0,
    placedAt,
    createdAt: placedAt,
    updatedAt: placedAt,
  };
  await tenantDb(orgId).orders.create(o);
}

export interface SmokeyShop {
  customerId: string;
  /** Ids by role in the story: what should and should not be suggested. */
  ids: Record<'bought' | 'justBought' | 'match' | 'newMatch' | 'elsewhere' | 'inactive' | 'vape' | 'accessory' | 'beverage' | 'concentrate', string>;
}

/** A customer at HOME who buys indica edibles from Orchard Chews; the menu around them. */
export async function seedSmokeyShop(orgId: string, now: Date): Promise<SmokeyShop> {
  const p = (id: string, name: string, over: Partial<Product> = {}) =>
    seedProduct(orgId, { id: `${id}_${randomUUID().slice(0, 6)}`, name, category: 'edible', ...over }, now);
  const [bought, justBought, match, newMatch, elsewhere, inactive, vape, accessory, beverage, concentrate] = await Promise.all([
    p('p_bought', 'Night Gummies 100mg'),
    p('p_just', 'Midnight Chocolate 100mg'),
    p('p_match', 'Blackberry Indica Gummies 100mg'),
    p('p_new', 'Tart Cherry Gummies 100mg', { brand: 'Wildberry Bites', createdAt: new Date(now.getTime() - 4 * DAY) }),
    p('p_else', 'Mango Indica Gummies 100mg', { stock: { [HOME]: 0, [OTHER]: 40 } }),
    p('p_off', 'Retired Indica Gummies 100mg', { active: false, stock: { [HOME]: 0 } }),
    p('p_vape', 'Lemon Haze Cart 0.5g', { category: 'vape', strainType: 'sativa', brand: 'Lumen Labs', priceCents: 3_000, terpenes: ['limonene', 'pinene'] }),
    p('p_acc', 'Refillable Lighter', { category: 'accessory', strainType: 'none', brand: 'Trailhead Supply', priceCents: 400 }),
    p('p_bev', 'Black Cherry Seltzer 5mg', { category: 'beverage', strainType: 'indica', priceCents: 800 }),
    p('p_conc', 'Copper Kush Badder 1g', { category: 'concentrate', brand: 'Glacier Press', priceCents: 3_500 }),
  ]);
  const customerId = await seedCustomer(orgId, { firstName: 'Rosa', homeLocationId: HOME, email: `rosa-${randomUUID().slice(0, 6)}@example.com` });
  await seedOrder(orgId, customerId, [bought], new Date(now.getTime() - 60 * DAY));
  await seedOrder(orgId, customerId, [bought], new Date(now.getTime() - 30 * DAY));
  await seedOrder(orgId, customerId, [justBought], new Date(now.getTime() - 3 * DAY));
  return {
    customerId,
    ids: {
      bought: bought.id,
      justBought: justBought.id,
      match: match.id,
      newMatch: newMatch.id,
      elsewhere: elsewhere.id,
      inactive: inactive.id,
      vape: vape.id,
      accessory: accessory.id,
      beverage: beverage.id,
      concentrate: concentrate.id,
    },
  };
}

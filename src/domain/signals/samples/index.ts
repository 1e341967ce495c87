import type { Provider } from '../../integrations/endpoint';
import {
  alleavesCustomer,
  alleavesEnvelope,
  alleavesInventory,
  alleavesOrder,
  standardOrderEvent,
  wooCustomer,
  wooJson,
  wooOrder,
  wooProduct,
} from './other-samples';
import { SAMPLE_PERSON, iso, type SampleOptions } from './sample-people';
import { jsonWithBigInts, shopifyCheckout, shopifyCustomer, shopifyInventoryLevel, shopifyOrder, shopifyProduct } from './shopify-samples';

export * from './sample-people';
export * from './shopify-samples';
export * from './other-samples';

/** The sample events "Send test delivery" offers per sender, first one the default. */
export const SAMPLE_EVENTS: Record<Provider, readonly string[]> = {
  alleaves: ['order.created', 'customer.created', 'inventory.low_stock', 'inventory.updated', 'product.updated'],
  shopify: ['orders/create', 'customers/create', 'checkouts/create', 'products/update', 'inventory_levels/update'],
  woocommerce: ['order.created', 'customer.created', 'product.updated'],
  standard: ['order.created', 'customer.created', 'checkout.started', 'inventory.low_stock', 'product.viewed'],
};

export interface SamplePayload {
  /** The topic as the sender puts it in its header (Shopify, WooCommerce), or null when it is in the body. */
  topic: string | null;
  body: string;
}

/** A realistic body for `event`, written exactly as that sender writes it. */
export function samplePayload(provider: Provider, event: string, o: SampleOptions): SamplePayload {
  switch (provider) {
    case 'shopify': {
      const bodies: Record<string, () => unknown> = {
        'orders/create': () => shopifyOrder(o),
        'customers/create': () => shopifyCustomer(o),
        'checkouts/create': () => shopifyCheckout(o),
        'products/update': () => shopifyProduct(o),
        'inventory_levels/update': () => shopifyInventoryLevel({ ...o, available: 2 }),
      };
      return { topic: event, body: jsonWithBigInts((bodies[event] ?? bodies['orders/create']!)()) };
    }
    case 'woocommerce': {
      const bodies: Record<string, () => unknown> = {
        'order.created': () => wooOrder(o),
        'customer.created': () => wooCustomer(o),
        'product.updated': () => wooProduct(o),
      };
      return { topic: event, body: wooJson((bodies[event] ?? bodies['order.created']!)()) };
    }
    case 'alleaves': {
      const data: Record<string, () => Record<string, unknown>> = {
        'order.created': () => ({ order: alleavesOrder(o) }),
        'customer.created': () => ({ customer: alleavesCustomer(o) }),
        'inventory.low_stock': () => ({ inventory: alleavesInventory({ ...o, quantity: 3, previous: 9 }) }),
        'inventory.updated': () => ({ inventory: alleavesInventory({ ...o, quantity: 24, previous: 20 }) }),
        'product.updated': () => ({
          product: {
            id: 100_000,
            sku: o.products?.[0]?.sku ?? 'SAMPLE-FLW-0001',
            name: o.products?.[0]?.name ?? 'Blue Dream 3.5g',
            brand: 'Great Lakes Growers',
            category: 'flower',
            strain_type: 'hybrid',
            thc_percent: 22.5,
            cbd_percent: 0.1,
            price: '35.00',
            active: true,
            low_stock_threshold: 5,
            updated_at: iso(o.now),
          },
        }),
      };
      const name = data[event] ? event : 'order.created';
      return { topic: null, body: JSON.stringify(alleavesEnvelope(name, o, data[name]!())) };
    }
    case 'standard': {
      const p = o.person ?? SAMPLE_PERSON;
      const customer = { id: String(o.customerId ?? 'shopper-42'), email: p.email, phone: p.phone, firstName: p.firstName, lastName: p.lastName };
      const bodies: Record<string, () => unknown> = {
        'order.created': () => standardOrderEvent(o),
        'customer.created': () => ({ type: 'customer.created', timestamp: iso(o.now), data: { customer: { ...customer, emailConsent: 'opted_in' } } }),
        'checkout.started': () => ({
          type: 'checkout.started',
          timestamp: iso(o.now),
          data: {
            checkout: {
              token: `web-ck-${o.uid}`,
              totalCents: 5300,
              lineItems: [
                { sku: 'SAMPLE-FLW-0001', name: 'Blue Dream 3.5g', quantity: 1, unitPriceCents: 3500 },
                { sku: 'SAMPLE-EDB-0002', name: 'Watermelon Gummies 100mg', quantity: 1, unitPriceCents: 1800 },
              ],
              recoveryUrl: `https://shop.example/cart/recover/${o.uid}`,
              customer,
            },
          },
        }),
        'inventory.low_stock': () => ({
          type: 'inventory.low_stock',
          timestamp: iso(o.now),
          data: {
            inventory: {
              sku: o.products?.[0]?.sku ?? 'SAMPLE-FLW-0001',
              name: o.products?.[0]?.name ?? 'Blue Dream 3.5g',
              quantity: 2,
              threshold: 5,
              locationId: 'web',
            },
          },
        }),
        'product.viewed': () => ({
          type: 'product.viewed',
          timestamp: iso(o.now),
          data: {
            customer,
            product: { sku: 'SAMPLE-EDB-0002', name: 'Watermelon Gummies 100mg', category: 'Edibles', priceCents: 1800 },
            url: 'https://shop.example/products/watermelon-gummies',
          },
        }),
      };
      return { topic: null, body: JSON.stringify((bodies[event] ?? bodies['order.created']!)()) };
    }
  }
}

import { categoryFromText } from './categories';
import { OptionalDate, readPayload, namespaced } from './payload-fields';
import type { MapResult, Signal } from './signal';
import { Checkout, Customer, InventoryLevel, Order, Product, Refund, checkoutInput, customerInput, orderInput, refundInput } from './shopify-payloads';

/**
 * Shopify webhooks: the bare resource (no envelope), the topic in X-Shopify-Topic, integer ids
 * (read losslessly, so ids beyond 2^53 survive), money as decimal strings.
 */
export const SHOPIFY_TOPICS = [
  'orders/create',
  'orders/updated',
  'orders/paid',
  'refunds/create',
  'customers/create',
  'customers/update',
  'checkouts/create',
  'checkouts/update',
  'products/update',
  'inventory_levels/update',
] as const;

export function mapShopify(input: { topic: string | null; body: unknown; eventKey: string; receivedAt: Date }): MapResult {
  const { topic, body, eventKey } = input;
  const at = (d: Date | null | undefined) => d ?? input.receivedAt;
  switch (topic) {
    case 'orders/create':
    case 'orders/updated':
    case 'orders/paid': {
      const o = readPayload(Order, body, `Shopify ${topic}`);
      const order = orderInput(o);
      const signals: Signal[] = [
        { kind: 'order', name: topic === 'orders/create' ? 'order.created' : 'order.updated', order, occurredAt: at(o.updated_at ?? o.created_at), eventKey },
      ];
      for (const refund of order.refunds)
        signals.push({ kind: 'refund', name: 'order.refunded', refund, occurredAt: refund.refundedAt, eventKey: `refund:${refund.externalId}` });
      return { outcome: 'mapped', signals };
    }
    case 'refunds/create': {
      const refund = refundInput(readPayload(Refund, body, 'Shopify refunds/create'));
      return {
        outcome: 'mapped',
        signals: [{ kind: 'refund', name: 'order.refunded', refund, occurredAt: refund.refundedAt, eventKey: `refund:${refund.externalId}` }],
      };
    }
    case 'customers/create':
    case 'customers/update': {
      const c = readPayload(Customer.extend({ updated_at: OptionalDate.optional() }), body, `Shopify ${topic}`);
      return {
        outcome: 'mapped',
        signals: [
          {
            kind: 'customer',
            name: topic === 'customers/create' ? 'customer.created' : 'customer.updated',
            customer: customerInput(c),
            occurredAt: at(c.updated_at),
            eventKey,
          },
        ],
      };
    }
    case 'checkouts/create':
    case 'checkouts/update': {
      const c = readPayload(Checkout.extend({ updated_at: OptionalDate.optional() }), body, `Shopify ${topic}`);
      return {
        outcome: 'mapped',
        signals: [
          {
            kind: 'checkout',
            name: topic === 'checkouts/create' ? 'checkout.started' : 'checkout.updated',
            checkout: checkoutInput(c),
            occurredAt: at(c.updated_at ?? c.created_at),
            eventKey,
          },
        ],
      };
    }
    case 'products/update': {
      const p = readPayload(Product, body, 'Shopify products/update');
      const first = p.variants[0];
      return {
        outcome: 'mapped',
        signals: [
          {
            kind: 'product',
            name: 'product.updated',
            occurredAt: at(p.updated_at),
            eventKey,
            product: {
              externalId: `shopify:${p.id}`,
              sku: first?.sku ?? null,
              alsoKnownAs: p.variants.flatMap((v) => [`shopify-variant:${v.id}`, ...(v.inventory_item_id ? [`shopify-item:${v.inventory_item_id}`] : [])]),
              name: p.title,
              brand: p.vendor ?? null,
              category: categoryFromText(p.product_type) ?? null,
              strainType: null,
              thcPercent: null,
              cbdPercent: null,
              priceCents: first?.price ?? null,
              active: (p.status ?? 'active') === 'active',
              stock: [],
              lowStockThreshold: null,
              updatedAt: p.updated_at ?? null,
            },
          },
        ],
      };
    }
    case 'inventory_levels/update': {
      const l = readPayload(InventoryLevel, body, 'Shopify inventory_levels/update');
      return {
        outcome: 'mapped',
        signals: [
          {
            kind: 'inventory',
            name: 'inventory.updated',
            occurredAt: at(l.updated_at),
            eventKey,
            inventory: {
              product: { externalId: null, sku: null, inventoryItemId: `shopify-item:${l.inventory_item_id}` },
              productName: null,
              locationId: namespaced('shopify', l.location_id ?? null),
              quantity: l.available ?? 0,
              previousQuantity: null,
              threshold: null,
              updatedAt: l.updated_at ?? null,
            },
          },
        ],
      };
    }
    default:
      return { outcome: 'ignored', reason: topic ? `Shopify topic "${topic}" is not one BakedBot handles.` : 'No X-Shopify-Topic header.' };
  }
}

import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../signals/parse-json';
import { deliveryKeys } from './delivery-keys';

const HASH = 'ab'.repeat(32);
const OTHER_HASH = 'cd'.repeat(32);

describe('dedupe keys come from what the sender signed', () => {
  it('Alleaves: the envelope id, whatever the unsigned delivery-id header says', () => {
    const body = { id: 'evt_231_order_created', event: 'order.created' };
    const a = deliveryKeys('alleaves', { headers: { 'x-alleaves-delivery-id': 'd-1' }, body, bodyHash: HASH });
    const b = deliveryKeys('alleaves', { headers: { 'x-alleaves-delivery-id': 'd-fresh' }, body, bodyHash: OTHER_HASH });
    expect(a).toEqual({ topic: 'order.created', senderDeliveryId: 'd-1', key: 'evt_231_order_created' });
    expect(b.key).toBe(a.key);
    expect(deliveryKeys('alleaves', { headers: {}, body: { id: 9800231, event: 'order.created' }, bodyHash: HASH }).key).toBe('9800231');
  });

  it('a body without a usable id is keyed on its hash alone, so a fresh header on a captured body is still the same', () => {
    for (const id of [undefined, null, '', '   ', true, { nested: 1 }, 'x'.repeat(201)]) {
      const a = deliveryKeys('alleaves', { headers: { 'x-alleaves-delivery-id': 'd-1' }, body: { id, event: 'order.created' }, bodyHash: HASH });
      const b = deliveryKeys('alleaves', { headers: { 'x-alleaves-delivery-id': 'd-2' }, body: { id, event: 'order.created' }, bodyHash: HASH });
      expect(a.key).toBe(`sha256:${HASH}`);
      expect(b.key).toBe(a.key);
    }
    const shopify = (webhookId: string) =>
      deliveryKeys('shopify', {
        headers: { 'x-shopify-topic': 'inventory_levels/update', 'x-shopify-webhook-id': webhookId },
        body: { inventory_item_id: 1 },
        bodyHash: HASH,
      });
    expect(shopify('w1').key).toBe(shopify('w2').key);
  });

  it('Shopify: topic and resource id (exact beyond 2^53), plus updated_at for topics that repeat', () => {
    const raw = '{"id": 820982911946154508, "updated_at": "2025-05-02T18:04:11-04:00"}';
    const body = parseJsonLossless(raw);
    const keyFor = (topic: string, headers: Record<string, string> = {}, b: unknown = body) =>
      deliveryKeys('shopify', { headers: { 'x-shopify-topic': topic, ...headers }, body: b, bodyHash: HASH }).key;
    expect(keyFor('orders/create')).toBe('orders/create:820982911946154508');
    expect(keyFor('orders/updated')).toBe('orders/updated:820982911946154508@2025-05-02T18:04:11-04:00');
    // The unsigned ids Shopify sends change nothing.
    expect(keyFor('orders/updated', { 'x-shopify-webhook-id': 'a', 'x-shopify-event-id': 'b' })).toBe(keyFor('orders/updated'));
    // A genuine second update of the same order is a new key; a second create is not.
    const later = { id: '820982911946154508', updated_at: '2025-05-02T18:09:00-04:00' };
    expect(keyFor('orders/updated', {}, later)).not.toBe(keyFor('orders/updated'));
    expect(keyFor('orders/create', {}, later)).toBe(keyFor('orders/create'));
    expect(keyFor('orders/paid', {}, later)).toBe(keyFor('orders/paid'));
    // An update without updated_at falls back to the body hash for its version.
    expect(keyFor('customers/update', {}, { id: 7 })).toBe(`customers/update:7@sha256:${HASH}`);
  });

  it('WooCommerce: topic, resource id and date_modified_gmt', () => {
    const keyFor = (topic: string, body: unknown, deliveryId = 'x') =>
      deliveryKeys('woocommerce', { headers: { 'x-wc-webhook-topic': topic, 'x-wc-webhook-delivery-id': deliveryId }, body, bodyHash: HASH });
    const v1 = { id: 5231, date_modified_gmt: '2025-05-02T22:04:11' };
    expect(keyFor('order.updated', v1)).toEqual({ topic: 'order.updated', senderDeliveryId: 'x', key: 'order.updated:5231@2025-05-02T22:04:11' });
    expect(keyFor('order.updated', v1, 'fresh').key).toBe(keyFor('order.updated', v1).key);
    expect(keyFor('order.updated', { ...v1, date_modified_gmt: '2025-05-02T22:10:00' }).key).not.toBe(keyFor('order.updated', v1).key);
    expect(keyFor('order.created', v1).key).toBe('order.created:5231');
  });

  it('Standard Webhooks: the signed webhook-id', () => {
    const k = deliveryKeys('standard', { headers: { 'webhook-id': 'msg_1' }, body: { type: 'order.created', data: {} }, bodyHash: HASH });
    expect(k).toEqual({ topic: 'order.created', senderDeliveryId: 'msg_1', key: 'msg_1' });
  });
});

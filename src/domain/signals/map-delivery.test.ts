import { describe, expect, it } from 'vitest';
import { mapDelivery } from './map-delivery';
import { parseJsonLossless } from './parse-json';
import { alleavesEnvelope, alleavesOrder, jsonWithBigInts, samplePayload, shopifyOrder, shopifyRefund, wooJson, wooOrder } from './samples';
import type { Signal } from './signal';

const now = new Date('2025-03-01T15:00:00Z');
const only = <K extends Signal['kind']>(r: ReturnType<typeof mapDelivery>, kind: K) => {
  if (r.outcome !== 'mapped') throw new Error(`not mapped: ${r.reason}`);
  const found = r.signals.filter((s) => s.kind === kind);
  return found as Array<Extract<Signal, { kind: K }>>;
};

describe('lossless parsing', () => {
  it('keeps integers beyond 2^53 exact, as strings', () => {
    const body = parseJsonLossless('{"id": 820982911946154508, "n": 12, "price": "12.30", "x": 1.5}') as Record<string, unknown>;
    expect(body).toEqual({ id: '820982911946154508', n: 12, price: '12.30', x: 1.5 });
    expect(JSON.parse('{"id": 820982911946154508}').id).not.toBe(820982911946154508n.toString());
  });

  it('reads WooCommerce escaped slashes as plain slashes', () => {
    expect(parseJsonLossless('{"u":"https:\\/\\/riverbend.example\\/x"}')).toEqual({ u: 'https://riverbend.example/x' });
  });

  it('throws on malformed JSON', () => {
    expect(() => parseJsonLossless('{"a":')).toThrow();
  });
});

describe('Shopify', () => {
  const body = parseJsonLossless(jsonWithBigInts(shopifyOrder({ now, uid: 7, customerId: 4242 })));

  it('maps orders/create: big ids exact, money to cents, phone to E.164, the customer namespaced', () => {
    const [order] = only(mapDelivery({ source: 'shopify', topic: 'orders/create', body, eventKey: 'evt-1', receivedAt: now }), 'order');
    expect(order!.name).toBe('order.created');
    expect(order!.order.externalId).toBe(`shopify:${9_007_199_254_740_993n + 2_000_000_000n + 7n}`);
    expect(order!.order.status).toBe('completed');
    expect(order!.order.totalCents).toBe(Math.round(5300 * 1.16));
    expect(order!.order.lineItems.map((li) => li.unitPriceCents)).toEqual([3500, 1800]);
    expect(order!.order.customer).toMatchObject({
      externalId: `shopify:${9_007_199_254_740_993n + 1_000_000_000n + 4242n}`,
      phone: '+13135550148',
      email: 'jamie.rivera@example.com',
    });
    expect(order!.order.checkoutToken).toBe('shopify:ck-7');
  });

  it('turns refunds inside an order update and refunds/create into the same refund', () => {
    const updated = { ...shopifyOrder({ now, uid: 7 }), financial_status: 'partially_refunded', refunds: [shopifyRefund({ now, uid: 7, amountCents: 1000 })] };
    const fromOrder = only(
      mapDelivery({ source: 'shopify', topic: 'orders/updated', body: parseJsonLossless(jsonWithBigInts(updated)), eventKey: 'e2', receivedAt: now }),
      'refund',
    );
    const fromRefund = only(
      mapDelivery({
        source: 'shopify',
        topic: 'refunds/create',
        body: parseJsonLossless(jsonWithBigInts(shopifyRefund({ now, uid: 7, amountCents: 1000 }))),
        eventKey: 'e3',
        receivedAt: now,
      }),
      'refund',
    );
    expect(fromOrder[0]!.refund).toEqual(fromRefund[0]!.refund);
    expect(fromOrder[0]!.eventKey).toBe(fromRefund[0]!.eventKey);
    expect(fromRefund[0]!.refund.amountCents).toBe(1000);
  });

  it('ignores topics it does not handle and fails clearly on a malformed order', () => {
    expect(mapDelivery({ source: 'shopify', topic: 'orders/fulfilled', body: {}, eventKey: 'x', receivedAt: now })).toMatchObject({ outcome: 'ignored' });
    expect(() => mapDelivery({ source: 'shopify', topic: 'orders/create', body: { id: 1, total_price: 'lots' }, eventKey: 'x', receivedAt: now })).toThrow(
      /total_price|line_items|created_at/,
    );
  });
});

describe('WooCommerce', () => {
  it('maps an order written the WooCommerce way, refunds included', () => {
    const raw = wooJson(wooOrder({ now, uid: 3, status: 'refunded', refunds: [{ id: 501, totalCents: 2000 }] }));
    expect(raw).toContain('\\/');
    const [order] = only(
      mapDelivery({ source: 'woocommerce', topic: 'order.updated', body: parseJsonLossless(raw), eventKey: 'd1', receivedAt: now }),
      'order',
    );
    expect(order!.order).toMatchObject({ externalId: 'woocommerce:5003', status: 'completed', totalCents: 5830 });
    expect(order!.order.refunds).toEqual([expect.objectContaining({ externalId: 'woocommerce:501', amountCents: 2000 })]);
    expect(order!.order.customer).toMatchObject({ externalId: 'woocommerce:77', phone: '+13135550148' });
  });
});

describe('Alleaves', () => {
  it('maps the envelope and ignores unknown events', () => {
    const body = alleavesEnvelope('order.created', { now, uid: 5 }, { order: alleavesOrder({ now, uid: 5 }) });
    const [order] = only(mapDelivery({ source: 'alleaves', topic: 'order.created', body, eventKey: body.id, receivedAt: now }), 'order');
    expect(order!.order).toMatchObject({ externalId: 'alleaves:9800005', number: 'AL-10005', locationId: 'pinecone-detroit' });
    expect(order!.order.lineItems[1]!.category).toBe('edible');
    expect(
      mapDelivery({
        source: 'alleaves',
        topic: 'loyalty.adjusted',
        body: { id: 'e', event: 'loyalty.adjusted', created_at: now.toISOString(), data: {} },
        eventKey: 'e',
        receivedAt: now,
      }),
    ).toMatchObject({ outcome: 'ignored' });
  });
});

describe('every sample the dashboard can send maps cleanly', () => {
  for (const provider of ['alleaves', 'shopify', 'woocommerce', 'standard'] as const) {
    it(provider, async () => {
      const { SAMPLE_EVENTS } = await import('./samples');
      for (const event of SAMPLE_EVENTS[provider]) {
        const p = samplePayload(provider, event, { now, uid: 11 });
        const r = mapDelivery({ source: provider, topic: p.topic, body: parseJsonLossless(p.body), eventKey: 'k', receivedAt: now });
        expect(r.outcome, `${provider} ${event}`).toBe('mapped');
      }
    });
  }
});

describe('the track API', () => {
  it('maps each event on its own messageId and refuses events the channel may not send', () => {
    const r = mapDelivery({
      source: 'track_api',
      topic: null,
      body: {
        events: [
          { messageId: 'm1', type: 'product.viewed', data: { product: { sku: 'A' } } },
          { messageId: 'm2', type: 'order.created', data: {} },
        ],
      },
      eventKey: 'b',
      receivedAt: now,
    });
    expect(r.outcome).toBe('mapped');
    if (r.outcome === 'mapped') expect(r.signals.map((s) => s.eventKey)).toEqual(['msg:m1']);
  });
});

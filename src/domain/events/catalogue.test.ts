import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EVENT_CATALOGUE, eventNamesProducedBy, getEventSchema, isEventName, listEventNames } from './catalogue';
import { canonicalEventId, parseCanonicalEvent } from './canonical-event';

const ISSUE_NAMES = [
  'customer.created',
  'customer.updated',
  'order.created',
  'order.updated',
  'order.refunded',
  'checkout.started',
  'checkout.updated',
  'cart.abandoned',
  'inventory.updated',
  'inventory.low_stock',
  'product.updated',
  'product.deleted',
  'product.viewed',
  'menu.viewed',
  'product.searched',
  'wishlist.added',
  'review.posted',
  'cart.item_added',
  'cart.item_removed',
];

/** Walks a schema and reports any field typed as any/unknown, which conditions could not type-check. */
function looseFields(schema: z.ZodType, path = ''): string[] {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: unknown } }).def;
  switch (def.type) {
    case 'any':
    case 'unknown':
      return [path || '(root)'];
    case 'optional':
    case 'nullable':
    case 'default':
      return looseFields(def.innerType!, path);
    case 'array':
      return looseFields(def.element!, `${path}[]`);
    case 'object':
      return Object.entries((schema as z.ZodObject).shape).flatMap(([k, v]) => looseFields(v as z.ZodType, path ? `${path}.${k}` : k));
    default:
      return [];
  }
}

describe('the event catalogue', () => {
  it('has every event the issue names, each with a description, producers and run keys', () => {
    expect(listEventNames()).toEqual(expect.arrayContaining(ISSUE_NAMES));
    for (const name of listEventNames()) {
      const d = EVENT_CATALOGUE[name];
      expect(d.description.length, name).toBeGreaterThan(10);
      expect(d.producers.length, name).toBeGreaterThan(0);
      expect(d.runKeys.length, name).toBeGreaterThan(0);
    }
  });

  it('types every field concretely (no any/unknown), so conditions can be type-checked', () => {
    for (const name of listEventNames()) expect(looseFields(EVENT_CATALOGUE[name].schema), name).toEqual([]);
  });

  it('answers schema and name look-ups', () => {
    expect(getEventSchema('order.created')?.shape.order).toBeDefined();
    expect(getEventSchema('order.shipped')).toBeUndefined();
    expect(isEventName('cart.abandoned')).toBe(true);
    expect(isEventName('nope')).toBe(false);
    expect(eventNamesProducedBy('bakedbot')).toEqual([
      'cart.abandoned',
      'loyalty.points_earned',
      'loyalty.tier_changed',
      'loyalty.points_expiring',
      'customer.birthday',
      'customer.anniversary',
      'customer.segment_changed',
      'customer.saved_segment_entered',
    ]);
    expect(eventNamesProducedBy('track_api')).toContain('product.viewed');
  });

  it('validates data against the named schema and derives ids deterministically', () => {
    const base = { id: canonicalEventId('shopify', 'e1'), occurredAt: new Date(), receivedAt: new Date(), source: 'shopify', customerId: null, keys: {} };
    expect(() =>
      parseCanonicalEvent({
        ...base,
        name: 'product.searched',
        data: { query: 'gummies', resultCount: 3, context: { anonymousId: null, url: null, locationId: null } },
      }),
    ).not.toThrow();
    expect(() => parseCanonicalEvent({ ...base, name: 'product.searched', data: { query: 42 } })).toThrow(/data/);
    expect(canonicalEventId('shopify', 'e1')).toBe(canonicalEventId('shopify', 'e1'));
    expect(canonicalEventId('shopify', 'e1')).not.toBe(canonicalEventId('woocommerce', 'e1'));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCondition, moneyWords } from './describe-condition';
import { GALLERY } from './gallery';
import { walkSteps } from './steps';

describe('describeCondition', () => {
  it.each([
    // The issue's own examples.
    ['order.totalCents > 0', 'order total above $0.00'],
    ['customer.lifetimeValueCents >= 100000', 'lifetime value at least $1,000'],
    ['event.data.customer.isNew == true', 'a new customer'],
  ])('%s → %s', (source, words) => expect(describeCondition(source)).toBe(words));

  it.each([
    ['order.totalCents > 2550', 'order total above $25.50'],
    ['order.totalCents >= 5000', 'order total at least $50'],
    ['order.totalCents < 1000', 'order total below $10'],
    ['order.totalCents <= 999', 'order total at most $9.99'],
    ['order.totalCents == 4000', 'order total exactly $40'],
    ['order.totalCents != 4000', 'order total other than $40'],
    ['customer.avgOrderValueCents >= 123456', 'average order at least $1,234.56'],
    // The decimal twins are already dollars.
    ['order.total >= 100', 'order total at least $100'],
    ['order.total > 12.5', 'order total above $12.50'],
    ['checkout.total < 20', 'checkout total below $20'],
    ['product.price <= 9.99', 'product price at most $9.99'],
    ['refund.amountCents > 500', 'refund above $5'],
  ])('money: %s → %s', (source, words) => expect(describeCondition(source)).toBe(words));

  it.each([
    ['customer.orderCount >= 3', 'at least 3 orders'],
    ['customer.orderCount > 3', 'more than 3 orders'],
    ['customer.orderCount < 2', 'fewer than 2 orders'],
    ['customer.orderCount <= 1', 'at most 1 order'],
    ['customer.orderCount == 0', 'no orders'],
    ['customer.orderCount > 0', 'at least one order'],
    ['customer.orderCount != 0', 'at least one order'],
    ['customer.orderCount == 10', 'exactly 10 orders'],
    ['customer.pointsBalance >= 1500', 'at least 1,500 points'],
    ['order.itemCount > 5', 'more than 5 items'],
    ['rating <= 2', 'at most 2 stars'],
  ])('counts: %s → %s', (source, words) => expect(describeCondition(source)).toBe(words));

  it.each([
    ['event.data.customer.isNew == false', 'a returning customer'],
    ['event.data.customer.isNew != true', 'a returning customer'],
    ['event.data.customer.isNew != false', 'a new customer'],
    ['customer.isNew', 'a new customer'],
    ['not customer.isNew', 'a returning customer'],
    ['product.active == true', 'the product is on sale'],
    ['not product.active', 'the product is off sale'],
  ])('yes/no fields: %s → %s', (source, words) => expect(describeCondition(source)).toBe(words));

  it.each([
    ['days_since(customer.lastOrderAt) >= 45', 'last order at least 45 days ago'],
    ['days_since(customer.lastOrderAt) > 30', 'last order more than 30 days ago'],
    ['days_since(customer.createdAt) < 1', 'profile created less than 1 day ago'],
    ['hours_since(checkout.startedAt) <= 2', 'checkout started at most 2 hours ago'],
    ['45 <= days_since(customer.lastOrderAt)', 'last order at least 45 days ago'],
    ['order.placedAt >= "2026-01-05"', 'order placed on or after Jan 5, 2026'],
    ['order.placedAt < "2026-11-21T15:30:00Z"', 'order placed before Nov 21, 2026, 15:30 UTC'],
    ['customer.dateOfBirth == null', 'no birthday on file'],
    ['customer.dateOfBirth != null', 'birthday on file'],
  ])('dates: %s → %s', (source, words) => expect(describeCondition(source)).toBe(words));

  it.each([
    ['customer.segment == "VIP"', 'segment is “VIP”'],
    ['customer.segment != "Churned"', 'segment is not “Churned”'],
    ['lower(customer.segment) == "vip"', 'segment (any capitals) is “vip”'],
    ['order.status == "partially_refunded"', 'order status is partly refunded'],
    ['order.status in ["completed", "pending"]', 'order status is completed or pending'],
    ['order.status not in ["cancelled", "refunded"]', 'order status is neither cancelled nor refunded'],
    ['order.status not in ["cancelled"]', 'order status is not cancelled'],
    ['order.source not in ["shopify", "alleaves", "manual"]', 'order source is none of Shopify, Alleaves or entered by hand'],
    ['event.data.customer.smsConsent == "opted_in"', 'text message consent is opted in'],
    ['customer.consent.email.status != "opted_out"', 'email consent is not opted out'],
    ['"vip" in customer.tags', 'tagged “vip”'],
    ['"vip" not in customer.tags', 'not tagged “vip”'],
    ['"edible" in order.categories', 'order includes “edible” products'],
    ['"flower" not in checkout.categories', 'checkout has no “flower” products'],
    ['"gmail" in customer.email', 'email address contains “gmail”'],
    ['"gmail" not in customer.email', 'email address does not contain “gmail”'],
    ['len(customer.tags) > 2', 'number of tags above 2'],
    ['customer.email == null', 'no email address on file'],
  ])('text, choices and lists: %s → %s', (source, words) => expect(describeCondition(source)).toBe(words));

  it.each([
    ['customer.orderCount >= 10 and customer.lifetimeValueCents >= 100000', 'at least 10 orders and lifetime value at least $1,000'],
    ['customer.orderCount >= 3 and days_since(customer.lastOrderAt) >= 45', 'at least 3 orders and last order at least 45 days ago'],
    ['a.x == 1 and a.y == 2 and a.z == 3', 'a x is 1, a y is 2 and a z is 3'],
    ['customer.segment == "VIP" or customer.orderCount > 10', 'segment is “VIP” or more than 10 orders'],
    [
      '(customer.segment == "VIP" or customer.orderCount > 10) and order.total >= 50',
      'either segment is “VIP” or more than 10 orders, and order total at least $50',
    ],
    ['"vip" in customer.tags or (order.total > 100 and customer.isNew)', 'tagged “vip” or both order total above $100 and a new customer'],
    ['not (customer.segment == "VIP")', 'segment is not “VIP”'],
    ['not (order.totalCents > 0)', 'order total at most $0.00'],
    ['not ("vip" in customer.tags)', 'not tagged “vip”'],
    ['not (customer.isNew or customer.orderCount > 3)', 'not (a new customer or more than 3 orders)'],
    ['not not customer.isNew', 'a new customer'],
    ['true', 'always'],
    ['false', 'never'],
    ['not true', 'never'],
  ])('combinations: %s → %s', (source, words) => expect(describeCondition(source)).toBe(words));

  it.each([
    ['order.totalCents - order.discountCents > 1000', 'order total minus order discount above $10'],
    ['order.total * 2 >= 100', 'order total times 2 at least $100'],
    ['order.totalCents > customer.avgOrderValueCents', 'order total above average order'],
    ['customer.pointsBalance > -5', 'more than -5 points'],
  ])('arithmetic and fields on both sides: %s → %s', (source, words) => expect(describeCondition(source)).toBe(words));

  it.each([
    // Unknown fields read by their name, and their kind comes from the name.
    ['order.tipCents >= 500', 'order tip at least $5'],
    ['customer.loyaltyTier == "gold"', 'loyalty tier is “gold”'],
    ['customer.isVeteran == true', 'it is veteran'],
    ['order.isPickup', 'the order is pickup'],
    ['order.hasCoupon == false', 'the order has no coupon'],
    ['days_since(customer.lastVisitAt) > 7', 'last visit more than 7 days ago'],
    ['customer.vip == true', 'vip: yes'],
    ['vars.arm == "B"', "the run's saved value “arm” is “B”"],
    ['event.data.order.totalCents > 0', 'order total above $0.00'],
  ])('unknown fields: %s → %s', (source, words) => expect(describeCondition(source)).toBe(words));

  it('names the stock on stock events, the quantity elsewhere', () => {
    expect(describeCondition('quantity > 0 and previousQuantity == 0', { eventName: 'inventory.updated' })).toBe(
      'stock above 0 and stock before the change exactly 0',
    );
    expect(describeCondition('quantity >= 2', { eventName: 'cart.item_added' })).toBe('quantity at least 2');
  });

  it('says a condition that does not parse is unfinished, never throws', () => {
    expect(describeCondition('order.total >=')).toBe('a condition that is not finished');
    expect(describeCondition('')).toBe('a condition that is not finished');
  });

  it.each([
    ['direction == "up"', 'tier change is up'],
    ['points >= 500', 'at least 500 points'],
    ['type == "bonus"', 'what earned the points is a playbook bonus'],
    ['daysLeft <= 7', 'at most 7 days left'],
    ['loyalty.available > 100', 'more than 100 points to spend'],
    ['to.name == "Gold"', 'new tier name is “Gold”'],
    ['years >= 1', 'at least 1 year since joining'],
    ['expiresAt < "2031-06-01"', 'points expire before Jun 1, 2031'],
  ])('describes the loyalty events’ fields: %s', (source, words) => {
    expect(describeCondition(source, { eventName: 'loyalty.tier_changed' })).toBe(words);
  });

  it('never shows a field path or an operator for any gallery condition', () => {
    const sources = GALLERY.flatMap((g) => [
      ...(g.definition.triggers ?? []).flatMap((t) => (t.type === 'event' && t.filter ? [t.filter] : [])),
      ...[...walkSteps(g.definition.steps as never)].flatMap(({ step }) => [step.if, step.filter].filter((s): s is string => typeof s === 'string')),
    ]);
    expect(sources.length).toBeGreaterThan(3);
    for (const s of sources) expect(describeCondition(s)).not.toMatch(/[a-z][A-Z]|\.[a-z]|==|>=|<=|!=|[<>]|_/);
  });

  it('formats money as the issue shows it', () => {
    expect([0, 1, 99, 100, 1250, 100000, 123456789, -500].map(moneyWords)).toEqual([
      '$0.00',
      '$0.01',
      '$0.99',
      '$1',
      '$12.50',
      '$1,000',
      '$1,234,567.89',
      '-$5',
    ]);
  });

  it('answers every expression the grammar can build with words and no throw', () => {
    const field = fc.constantFrom('order.totalCents', 'customer.orderCount', 'customer.isNew', 'customer.segment', 'customer.tags', 'foo.barAt', 'x');
    const value = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }).map(String), fc.constantFrom('"VIP"', 'true', 'null', '"2026-01-01"'));
    const op = fc.constantFrom('==', '!=', '<', '<=', '>', '>=', 'in', 'not in');
    const atom = fc.tuple(field, op, value).map(([f, o, v]) => (o.includes('in') ? `${v} ${o} ${f}` : `${f} ${o} ${v}`));
    const expr = fc
      .array(fc.tuple(atom, fc.constantFrom('and', 'or')), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.map(([a, j], i) => (i ? `${j} ${a}` : a)).join(' '));
    fc.assert(
      fc.property(expr, fc.boolean(), (source, negated) => {
        const words = describeCondition(negated ? `not (${source})` : source);
        expect(words.length).toBeGreaterThan(0);
        expect(words).not.toMatch(/undefined|\[object/);
      }),
    );
  });
});

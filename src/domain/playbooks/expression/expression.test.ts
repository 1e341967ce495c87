import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ExpressionError, compileCondition, evaluateCondition, parseExpression, T, typeFromZod, validateCondition, type TypeEnv } from './index';

const OrderData = z.object({
  orderId: z.string(),
  total: z.number(),
  categories: z.array(z.string()),
  status: z.enum(['pending', 'completed', 'refunded']),
  placedAt: z.date(),
  coupon: z.string().nullable(),
});
const env: TypeEnv = {
  order: typeFromZod(OrderData),
  customer: T.object({
    segment: T.oneOf(['VIP', 'Loyal', 'At Risk', 'Churned', 'New']),
    tags: T.list(T.string),
    lastOrderAt: { kind: 'date', nullable: true },
    orderCount: T.number,
  }),
  price_gap: T.number,
};
const now = new Date('2026-11-21T12:00:00Z');
const data = {
  order: { orderId: 'o1', total: 120, categories: ['edibles', 'flower'], status: 'completed', placedAt: new Date('2026-11-20T12:00:00Z'), coupon: null },
  customer: { segment: 'VIP', tags: ['medical'], lastOrderAt: new Date('2026-09-01T00:00:00Z'), orderCount: 12 },
  price_gap: 12.5,
};
const run = (src: string, d: Record<string, unknown> = data) => evaluateCondition(compileCondition(src, env), d, { now });

describe('the condition language', () => {
  it.each([
    ['order.total >= 100 and customer.segment == "VIP"', true],
    ['order.total >= 100 and customer.segment == "Loyal"', false],
    ['price_gap > 10', true],
    ['"edibles" in order.categories', true],
    ['"vapes" not in order.categories', true],
    ['not ("medical" in customer.tags)', false],
    ['order.coupon == null', true],
    ['order.coupon != null or order.total > 50 * 2', true],
    ['days_since(customer.lastOrderAt) > 45', true],
    ['hours_since(order.placedAt) <= 24', true],
    ['len(order.categories) == 2', true],
    ['lower(customer.segment) == "vip"', true],
    ['order.status in ["completed", "refunded"]', true],
    ['-order.total < 0', true],
    ["order.orderId == 'o1'", true],
    ['order.total / 0 > 1', false],
  ])('%s is %s', (src, expected) => {
    expect(run(src)).toBe(expected);
  });

  it('treats missing data as null: comparisons are false, never an error', () => {
    expect(run('order.total >= 100', { order: {} })).toBe(false);
    expect(run('days_since(customer.lastOrderAt) > 45', { customer: { lastOrderAt: null } })).toBe(false);
    expect(run('order.coupon == null', {})).toBe(true);
  });

  it('accepts ISO date strings where dates were stored as text', () => {
    expect(run('days_since(customer.lastOrderAt) > 45', { customer: { lastOrderAt: '2026-09-01T00:00:00Z' } })).toBe(true);
  });
});

describe('errors point at their position', () => {
  const err = (src: string) => {
    const r = validateCondition(src, env);
    expect(r.ok).toBe(false);
    return r.error!;
  };

  it('names an unknown field and suggests the closest', () => {
    const e = err('order.totl >= 100');
    expect(e.message).toBe('"totl" is not a field of order. Did you mean "total"?');
    expect([e.start, e.end]).toEqual([6, 10]);
  });

  it('refuses comparing a number with text', () => {
    const e = err('order.total == "100"');
    expect(e.message).toMatch(/Cannot compare number with string/);
    expect([e.start, e.end]).toEqual([0, 20]);
  });

  it('catches an enum value that can never match', () => {
    const e = err('customer.segment == "VIPP"');
    expect(e.message).toMatch(/Did you mean "VIP"\?/);
    expect([e.start, e.end]).toEqual([20, 26]);
  });

  it('requires a yes/no result', () => {
    expect(err('order.total').message).toMatch(/must be a yes\/no test/);
  });

  it.each([
    ['order.total >= ', 'ends too early', 15],
    ['order.total = 100', 'Use ==', 12],
    ['a && b', 'Use "and"', 2],
    ['1 < 2 < 3', 'cannot be chained', 6],
    ['(order.total > 1', 'Expected ")"', 16],
    ['"open', 'closing quote', 0],
    ['order.total > 1 order', 'should end here', 16],
    ['unknown_fn(1) > 2', 'no function', 0],
    ['customer.segment.name == "x"', 'has no field "name"', 17],
  ])('%s', (src, message, start) => {
    const e = err(src);
    expect(e.message).toContain(message);
    expect(e.start).toBe(start);
  });

  it('rejects anything that could execute code', () => {
    for (const src of ['constructor.constructor("return 1")()', 'order["total"] > 1', 'this.x == 1', '`x` == 1', 'a; b']) {
      expect(validateCondition(src, env).ok, src).toBe(false);
    }
  });

  it('gives a readable caret display under the unknown field', () => {
    const source = 'order.totl >= 100';
    let caught: unknown;
    try {
      compileCondition(source, env);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    const [, shown, caret] = (caught as ExpressionError).describe(source).split('\n');
    expect(shown).toBe(`  ${source}`);
    // The carets sit exactly under "totl" (columns 6 to 9).
    expect(caret).toBe('        ^^^^');
  });

  it('derives types from zod schemas, including nullable and enum fields', () => {
    const t = typeFromZod(OrderData);
    expect(t.kind === 'object' && t.fields.coupon).toEqual({ kind: 'string', nullable: true });
    expect(t.kind === 'object' && t.fields.status).toEqual({ kind: 'string', values: ['pending', 'completed', 'refunded'] });
    expect(t.kind === 'object' && t.fields.categories).toEqual({ kind: 'list', of: { kind: 'string' } });
  });

  it('parses to a tree with spans', () => {
    const ast = parseExpression('a and b');
    expect(ast).toMatchObject({ kind: 'binary', op: 'and', span: { start: 0, end: 7 } });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr } from './ast';
import { ExpressionError, checkExpression, evaluate, evaluateCondition, parseExpression, printExpression, T, type TypeEnv } from './index';

const env: TypeEnv = {
  n: T.number,
  m: { kind: 'number', nullable: true },
  s: T.oneOf(['a', 'b', 'c']),
  d: { kind: 'date', nullable: true },
  tags: T.list(T.string),
  flag: T.boolean,
  o: T.object({ x: T.number, y: { kind: 'string', nullable: true } }),
};

const now = new Date('2026-11-21T00:00:00Z');

// Data that conforms to env, with every nullable part sometimes missing.
const dataArb = fc.record({
  n: fc.integer({ min: -1000, max: 1000 }),
  m: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }),
  s: fc.constantFrom('a', 'b', 'c'),
  d: fc.option(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), { nil: null }),
  tags: fc.array(fc.constantFrom('a', 'b', 'medical', 'vip'), { maxLength: 4 }),
  flag: fc.boolean(),
  o: fc.record({ x: fc.integer(), y: fc.option(fc.string({ maxLength: 5 }), { nil: null }) }),
});

const span = { start: 0, end: 0 };
const lit = (value: string | number | boolean | null): Expr => ({ kind: 'literal', value, span });
const path = (...segments: string[]): Expr => ({ kind: 'path', segments, span });
const bin = (op: Extract<Expr, { kind: 'binary' }>['op'], left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, span });

const numExpr: fc.Arbitrary<Expr> = fc.letrec((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: 0, max: 500 }).map((v) => lit(v)),
    fc.constantFrom(path('n'), path('m'), path('o', 'x')),
    fc.constant<Expr>({ kind: 'call', name: 'days_since', args: [path('d')], span }),
    fc.constant<Expr>({ kind: 'call', name: 'len', args: [path('tags')], span }),
    fc
      .tuple(fc.constantFrom('+', '-', '*', '/') as fc.Arbitrary<'+' | '-' | '*' | '/'>, tie('num') as fc.Arbitrary<Expr>, tie('num') as fc.Arbitrary<Expr>)
      .map(([op, a, b]) => bin(op, a, b)),
  ),
})).num;

const boolExpr: fc.Arbitrary<Expr> = fc.letrec((tie) => ({
  bool: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.boolean().map((v) => lit(v)),
    fc.constant(path('flag')),
    fc.tuple(fc.constantFrom('==', '!=', '<', '<=', '>', '>=') as fc.Arbitrary<'==' | '<'>, numExpr, numExpr).map(([op, a, b]) => bin(op, a, b)),
    fc.constantFrom('a', 'b', 'c').map((v) => bin('==', path('s'), lit(v))),
    fc.constantFrom('a', 'medical', 'zzz').map((v) => bin('in', lit(v), path('tags'))),
    fc.constant(bin('==', path('o', 'y'), lit(null))),
    (tie('bool') as fc.Arbitrary<Expr>).map((operand): Expr => ({ kind: 'not', operand, span })),
    fc
      .tuple(fc.constantFrom('and', 'or') as fc.Arbitrary<'and' | 'or'>, tie('bool') as fc.Arbitrary<Expr>, tie('bool') as fc.Arbitrary<Expr>)
      .map(([op, a, b]) => bin(op, a, b)),
  ),
})).bool;

function stripSpans(e: Expr): unknown {
  return JSON.parse(JSON.stringify(e, (k, v) => (k === 'span' ? undefined : v)));
}

describe('condition language properties', () => {
  it('the parser accepts or refuses any text with an ExpressionError inside the text, never a crash', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: fc.constantFrom(...'abn.()[]"\' =<>!&|,+-*/0123456789 and or not in'.split('')) }), (src) => {
        try {
          parseExpression(src);
        } catch (err) {
          expect(err).toBeInstanceOf(ExpressionError);
          const { start, end } = (err as ExpressionError).span;
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(src.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('printing and parsing again gives the same tree', () => {
    fc.assert(
      fc.property(boolExpr, (ast) => {
        expect(stripSpans(parseExpression(printExpression(ast)))).toEqual(stripSpans(ast));
      }),
      { numRuns: 500 },
    );
  });

  it('a well-typed condition always evaluates to true or false on any conforming data', () => {
    fc.assert(
      fc.property(boolExpr, dataArb, (ast, data) => {
        const reparsed = parseExpression(printExpression(ast));
        expect(checkExpression(reparsed, env).kind).toBe('boolean');
        expect(typeof evaluate(reparsed, data, { now })).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('obeys De Morgan: not (a and b) equals (not a) or (not b)', () => {
    fc.assert(
      fc.property(boolExpr, boolExpr, dataArb, (a, b, data) => {
        const left = { kind: 'not', operand: bin('and', a, b), span } as Expr;
        const right = bin('or', { kind: 'not', operand: a, span }, { kind: 'not', operand: b, span });
        expect(evaluateCondition(left, data, { now })).toBe(evaluateCondition(right, data, { now }));
      }),
      { numRuns: 500 },
    );
  });
});

import type { Expr } from './ast';
import { FUNCTIONS, toDate } from './functions';

export interface EvalEnv {
  now: Date;
}

/**
 * Interprets a checked expression over plain data. Total by design: a missing field is null,
 * comparisons with null are false (except == / != null), division by zero is null. It walks
 * the tree; nothing is ever compiled or passed to eval.
 */
export function evaluate(expr: Expr, data: Record<string, unknown>, env: EvalEnv): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'path': {
      let v: unknown = data;
      for (const seg of expr.segments) {
        if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return null;
        v = Object.prototype.hasOwnProperty.call(v, seg) ? (v as Record<string, unknown>)[seg] : null;
      }
      return v === undefined ? null : v;
    }
    case 'list':
      return expr.items.map((i) => evaluate(i, data, env));
    case 'not':
      return evaluate(expr.operand, data, env) !== true;
    case 'neg': {
      const v = evaluate(expr.operand, data, env);
      return typeof v === 'number' ? -v : null;
    }
    case 'call': {
      const fn = FUNCTIONS[expr.name];
      return fn
        ? fn.impl(
            expr.args.map((a) => evaluate(a, data, env)),
            env,
          )
        : null;
    }
    case 'binary':
      return binary(expr, data, env);
  }
}

/** True only when the expression is exactly true; anything else (null, false) is false. */
export function evaluateCondition(expr: Expr, data: Record<string, unknown>, env: EvalEnv): boolean {
  return evaluate(expr, data, env) === true;
}

function binary(expr: Extract<Expr, { kind: 'binary' }>, data: Record<string, unknown>, env: EvalEnv): unknown {
  if (expr.op === 'and') return evaluate(expr.left, data, env) === true && evaluate(expr.right, data, env) === true;
  if (expr.op === 'or') return evaluate(expr.left, data, env) === true || evaluate(expr.right, data, env) === true;
  const l = evaluate(expr.left, data, env);
  const r = evaluate(expr.right, data, env);
  switch (expr.op) {
    case '==':
      return equal(l, r);
    case '!=':
      return !equal(l, r);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const c = compare(l, r);
      if (c === null) return false;
      return expr.op === '<' ? c < 0 : expr.op === '<=' ? c <= 0 : expr.op === '>' ? c > 0 : c >= 0;
    }
    case 'in':
    case 'not in': {
      const found = Array.isArray(r) ? r.some((x) => equal(x, l)) : typeof r === 'string' && typeof l === 'string' ? r.includes(l) : false;
      return expr.op === 'in' ? found : !found;
    }
    case '+':
      if (typeof l === 'string' && typeof r === 'string') return l + r;
      return typeof l === 'number' && typeof r === 'number' ? l + r : null;
    case '-':
      return typeof l === 'number' && typeof r === 'number' ? l - r : null;
    case '*':
      return typeof l === 'number' && typeof r === 'number' ? l * r : null;
    case '/':
      return typeof l === 'number' && typeof r === 'number' && r !== 0 ? l / r : null;
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  const da = a instanceof Date ? a : null;
  const db = b instanceof Date ? b : null;
  if (da || db) {
    const x = toDate(a);
    const y = toDate(b);
    return !!x && !!y && x.getTime() === y.getTime();
  }
  return a === b;
}

function compare(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) || Number.isNaN(b) ? null : a - b;
  if (a instanceof Date || b instanceof Date) {
    const x = toDate(a);
    const y = toDate(b);
    return x && y ? x.getTime() - y.getTime() : null;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

import { ExpressionError, type Expr } from './ast';
import { FUNCTIONS } from './functions';
import { parseExpression } from './parser';
import { T, describeType, type Type, type TypeEnv } from './types';

/**
 * Type-checks an expression against the fields its playbook's trigger provides. Every error
 * points at the part of the text it is about, and unknown names suggest the closest real one.
 */
export function checkExpression(expr: Expr, env: TypeEnv): Type {
  switch (expr.kind) {
    case 'literal':
      if (expr.value === null) return T.null;
      if (typeof expr.value === 'number') return T.number;
      if (typeof expr.value === 'boolean') return T.boolean;
      return T.string;
    case 'path':
      return resolvePath(expr, env);
    case 'list': {
      const items = expr.items.map((i) => checkExpression(i, env));
      const first = items.find((t) => t.kind !== 'any' && t.kind !== 'null');
      items.forEach((t, i) => {
        if (first && !compatible(first, t))
          throw new ExpressionError(`A list holds one kind of value: this is ${describeType(t)}, the first is ${describeType(first)}.`, expr.items[i]!.span);
      });
      return T.list(first ? base(first) : T.any);
    }
    case 'not':
      requireBoolean(expr.operand, checkExpression(expr.operand, env), '"not" applies to a yes/no condition');
      return T.boolean;
    case 'neg': {
      const t = checkExpression(expr.operand, env);
      if (!isKind(t, 'number')) throw new ExpressionError(`Only numbers can be negative; this is ${describeType(t)}.`, expr.operand.span);
      return T.number;
    }
    case 'call':
      return checkCall(expr, env);
    case 'binary':
      return checkBinary(expr, env);
  }
}

/** Parses and checks a condition; it must be a yes/no value. Throws ExpressionError. */
export function compileCondition(source: string, env: TypeEnv): Expr {
  const ast = parseExpression(source);
  const t = checkExpression(ast, env);
  requireBoolean(ast, t, 'A condition must be a yes/no test, such as order.total >= 100');
  return ast;
}

export interface ConditionCheck {
  ok: boolean;
  error?: { message: string; start: number; end: number };
}

/** For editors and APIs: the result of checking a condition, never a throw. */
export function validateCondition(source: string, env: TypeEnv): ConditionCheck {
  try {
    compileCondition(source, env);
    return { ok: true };
  } catch (err) {
    if (err instanceof ExpressionError) return { ok: false, error: { message: err.message, start: err.span.start, end: err.span.end } };
    throw err;
  }
}

function base(t: Type): Type {
  if (t.kind === 'any' || t.kind === 'null') return t;
  const { nullable: _n, ...rest } = t as Type & { nullable?: boolean };
  return rest as Type;
}

function isKind(t: Type, kind: Type['kind']) {
  return t.kind === kind || t.kind === 'any';
}

function compatible(a: Type, b: Type): boolean {
  if (a.kind === 'any' || b.kind === 'any' || a.kind === 'null' || b.kind === 'null') return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'list' && b.kind === 'list') return compatible(a.of, b.of);
  return true;
}

function requireBoolean(expr: Expr, t: Type, message: string) {
  if (!isKind(t, 'boolean')) throw new ExpressionError(`${message}; this is ${describeType(t)}.`, expr.span);
}

function resolvePath(expr: Extract<Expr, { kind: 'path' }>, env: TypeEnv): Type {
  let current: Type | undefined;
  let offset = expr.span.start;
  for (const [i, seg] of expr.segments.entries()) {
    const segSpan = { start: offset, end: offset + seg.length };
    const fields = i === 0 ? env : current?.kind === 'object' ? current.fields : undefined;
    if (i > 0 && current?.kind === 'any') return T.any;
    if (!fields) {
      const parent = expr.segments.slice(0, i).join('.');
      throw new ExpressionError(`${parent} is ${describeType(current!)} and has no field "${seg}".`, segSpan);
    }
    const next = fields[seg];
    if (!next) {
      const where = i === 0 ? 'available here' : `a field of ${expr.segments.slice(0, i).join('.')}`;
      const suggestion = closest(seg, Object.keys(fields));
      throw new ExpressionError(`"${seg}" is not ${where}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, segSpan);
    }
    const nullableParent = current && current.kind !== 'any' && 'nullable' in current && current.nullable;
    current = nullableParent && next.kind !== 'any' && next.kind !== 'null' ? { ...next, nullable: true } : next;
    offset += seg.length + 1;
  }
  return current!;
}

function checkCall(expr: Extract<Expr, { kind: 'call' }>, env: TypeEnv): Type {
  const fn = FUNCTIONS[expr.name];
  if (!fn) {
    const suggestion = closest(expr.name, Object.keys(FUNCTIONS));
    throw new ExpressionError(
      `There is no function "${expr.name}".${suggestion ? ` Did you mean "${suggestion}"?` : ` Available: ${Object.keys(FUNCTIONS).join(', ')}.`}`,
      expr.span,
    );
  }
  if (expr.args.length !== fn.params.length)
    throw new ExpressionError(`${expr.name}() takes ${fn.params.length} value${fn.params.length === 1 ? '' : 's'} (${fn.paramHelp}).`, expr.span);
  expr.args.forEach((arg, i) => {
    const t = checkExpression(arg, env);
    if (!fn.params[i]!(t)) throw new ExpressionError(`${expr.name}() needs ${fn.paramHelp}; this is ${describeType(t)}.`, arg.span);
  });
  return fn.returns;
}

function checkBinary(expr: Extract<Expr, { kind: 'binary' }>, env: TypeEnv): Type {
  const l = checkExpression(expr.left, env);
  const r = checkExpression(expr.right, env);
  switch (expr.op) {
    case 'and':
    case 'or':
      requireBoolean(expr.left, l, `"${expr.op}" joins yes/no conditions`);
      requireBoolean(expr.right, r, `"${expr.op}" joins yes/no conditions`);
      return T.boolean;
    case '==':
    case '!=':
      if (!compatible(l, r)) throw new ExpressionError(`Cannot compare ${describeType(l)} with ${describeType(r)}.`, expr.span);
      checkEnumLiteral(l, expr.right);
      checkEnumLiteral(r, expr.left);
      return T.boolean;
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const ordered = (t: Type) => ['number', 'date', 'string', 'any'].includes(t.kind);
      if (!ordered(l)) throw new ExpressionError(`"${expr.op}" compares numbers, dates or text; this is ${describeType(l)}.`, expr.left.span);
      if (!ordered(r)) throw new ExpressionError(`"${expr.op}" compares numbers, dates or text; this is ${describeType(r)}.`, expr.right.span);
      if (!compatible(l, r)) throw new ExpressionError(`Cannot compare ${describeType(l)} with ${describeType(r)}.`, expr.span);
      return T.boolean;
    }
    case 'in':
    case 'not in':
      if (r.kind === 'list') {
        if (!compatible(r.of, l)) throw new ExpressionError(`${describeType(l)} cannot be in a ${describeType(r)}.`, expr.left.span);
        if (r.of.kind === 'string') checkEnumLiteral(r.of, expr.left);
        return T.boolean;
      }
      if (r.kind === 'string' || r.kind === 'any') {
        if (!isKind(l, 'string')) throw new ExpressionError(`Only text can be found in text; this is ${describeType(l)}.`, expr.left.span);
        return T.boolean;
      }
      throw new ExpressionError(`"${expr.op}" needs a list or text on its right; this is ${describeType(r)}.`, expr.right.span);
    case '+':
      if (isKind(l, 'string') && isKind(r, 'string') && (l.kind === 'string' || r.kind === 'string')) return T.string;
    // falls through: + on numbers
    case '-':
    case '*':
    case '/':
      if (!isKind(l, 'number')) throw new ExpressionError(`"${expr.op}" works on numbers; this is ${describeType(l)}.`, expr.left.span);
      if (!isKind(r, 'number')) throw new ExpressionError(`"${expr.op}" works on numbers; this is ${describeType(r)}.`, expr.right.span);
      return expr.op === '/' ? { kind: 'number', nullable: true } : T.number;
  }
}

/** Comparing an enum field with a string that can never match is almost surely a typo. */
function checkEnumLiteral(fieldType: Type, other: Expr) {
  if (fieldType.kind !== 'string' || !fieldType.values || other.kind !== 'literal' || typeof other.value !== 'string') return;
  if (!fieldType.values.includes(other.value)) {
    const suggestion = closest(other.value, fieldType.values);
    throw new ExpressionError(
      `"${other.value}" is never a value here; it is one of ${fieldType.values.map((v) => JSON.stringify(v)).join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      other.span,
    );
  }
}

function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = distance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

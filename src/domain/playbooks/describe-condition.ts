import type { BinaryOp, Expr } from './expression/ast';
import { parseExpression } from './expression/parser';
import { fieldWords, type FieldWords } from './condition-fields';

/**
 * Any condition of the playbook language in words an owner reads at a glance:
 * `order.totalCents > 0` → "order total above $0.00", `customer.lifetimeValueCents >= 100000` →
 * "lifetime value at least $1,000", `event.data.customer.isNew == true` → "a new customer".
 * Pure and total: whatever parses gets a sentence (fields nobody described read by their name);
 * what does not parse says so, never throws.
 */

export interface DescribeOptions {
  /** The event the condition is read against, when known: stock events name `quantity` "stock". */
  eventName?: string;
}

type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

const MIRROR: Record<Comparison, Comparison> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const OPPOSITE: Partial<Record<BinaryOp, BinaryOp>> = { '==': '!=', '!=': '==', '<': '>=', '<=': '>', '>': '<=', '>=': '<', in: 'not in', 'not in': 'in' };
const NUMBER_WORDS: Record<Comparison, string> = { '>': 'above', '>=': 'at least', '<': 'below', '<=': 'at most', '==': 'exactly', '!=': 'other than' };
const COUNT_WORDS: Record<Comparison, string> = {
  '>': 'more than',
  '>=': 'at least',
  '<': 'fewer than',
  '<=': 'at most',
  '==': 'exactly',
  '!=': 'not exactly',
};
const AGO_WORDS: Record<Comparison, string> = { '>': 'more than', '>=': 'at least', '<': 'less than', '<=': 'at most', '==': 'exactly', '!=': 'not exactly' };
const DATE_WORDS: Record<Comparison, string> = { '>': 'after', '>=': 'on or after', '<': 'before', '<=': 'on or before', '==': 'on', '!=': 'not on' };
const TEXT_WORDS: Record<Comparison, string> = { '==': 'is', '!=': 'is not', '>': 'after', '>=': 'at or after', '<': 'before', '<=': 'at or before' };
const ARITHMETIC: Record<string, string> = { '+': 'plus', '-': 'minus', '*': 'times', '/': 'divided by' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function describeCondition(source: string, options: DescribeOptions = {}): string {
  let ast: Expr;
  try {
    ast = parseExpression(source);
  } catch {
    return 'a condition that is not finished';
  }
  return describeExpr(ast, options);
}

/** Dollars without cents when whole (`$1,000`), otherwise to the cent (`$12.50`, `$0.00`). */
export function moneyWords(cents: number): string {
  const abs = Math.round(Math.abs(cents));
  const sign = cents < 0 ? '-' : '';
  if (abs >= 100 && abs % 100 === 0) return `${sign}$${(abs / 100).toLocaleString('en-US')}`;
  return `${sign}$${(abs / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function numberWords(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

/** A calendar date or a moment written in a condition ("2026-01-05") as "Jan 5, 2026". */
function dateWords(s: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return `“${s}”`;
  const day = `${MONTHS[Number(m[2]) - 1]} ${Number(m[3])}, ${m[1]}`;
  return m[4] ? `${day}, ${m[4]}:${m[5]} UTC` : day;
}

function quoted(s: string): string {
  return `“${s}”`;
}

function joinWords(parts: string[], last: 'and' | 'or'): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} ${last} ${parts.at(-1)}`;
}

function plural(n: number, unit: readonly [string, string]): string {
  return `${numberWords(n)} ${n === 1 ? unit[0] : unit[1]}`;
}

const isLiteral = (e: Expr): e is Extract<Expr, { kind: 'literal' }> => e.kind === 'literal';
const isComparison = (op: BinaryOp): op is Comparison => op in MIRROR;

/** The field an operand names: a path, or a path inside lower()/upper() (the same field, any capitals). */
function fieldOf(e: Expr, options: DescribeOptions): FieldWords | null {
  if (e.kind === 'path') return fieldWords(e.segments, options);
  if (e.kind === 'call' && (e.name === 'lower' || e.name === 'upper') && e.args[0]?.kind === 'path') {
    const f = fieldWords(e.args[0].segments, options);
    return { ...f, noun: `${f.noun} (any capitals)` };
  }
  if (e.kind === 'call' && e.name === 'len' && e.args[0]?.kind === 'path') {
    const f = fieldWords(e.args[0].segments, options);
    return f.kind === 'list'
      ? { noun: `number of ${f.noun}`, kind: 'count' }
      : { noun: `length of ${f.noun}`, kind: 'count', unit: ['character', 'characters'] };
  }
  return null;
}

/** A value as it reads beside a field of the given kind: cents as dollars, dates as dates, text in quotes. */
function valueWords(e: Expr, beside: FieldWords | null, options: DescribeOptions): string {
  if (e.kind === 'literal') {
    const v = e.value;
    if (v === null) return 'empty';
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    if (typeof v === 'number') {
      if (beside?.kind === 'money') return moneyWords(v);
      if (beside?.kind === 'dollars') return moneyWords(v * 100);
      return numberWords(v);
    }
    if (beside?.kind === 'choice') return beside.values?.[v] ?? v.replace(/_/g, ' ');
    if (beside?.kind === 'date') return dateWords(v);
    return quoted(v);
  }
  if (e.kind === 'list') {
    return joinWords(
      e.items.map((i) => valueWords(i, beside, options)),
      'or',
    );
  }
  if (e.kind === 'neg') return `minus ${valueWords(e.operand, beside, options)}`;
  if (e.kind === 'binary' && ARITHMETIC[e.op]) {
    const side = fieldOf(e.left, options) ?? fieldOf(e.right, options) ?? beside;
    // A total times 2 is in dollars; the 2 is not.
    const scale = e.op === '*' || e.op === '/';
    return `${valueWords(e.left, scale && isLiteral(e.left) ? null : side, options)} ${ARITHMETIC[e.op]} ${valueWords(e.right, scale && isLiteral(e.right) ? null : side, options)}`;
  }
  if (e.kind === 'call' && (e.name === 'days_since' || e.name === 'hours_since')) {
    const what = e.args[0]?.kind === 'path' ? fieldWords(e.args[0].segments, options).noun : valueWords(e.args[0]!, null, options);
    return `${e.name === 'days_since' ? 'days' : 'hours'} since ${what}`;
  }
  const field = fieldOf(e, options);
  if (field) return field.noun;
  if (e.kind === 'call')
    return `${e.name.replace(/_/g, ' ')} of ${joinWords(
      e.args.map((a) => valueWords(a, null, options)),
      'and',
    )}`;
  return describeExpr(e, options);
}

/** The kind of an arithmetic operand, so `order.totalCents - order.discountCents > 1000` compares in dollars. */
function arithmeticField(e: Expr, options: DescribeOptions): FieldWords | null {
  if (e.kind === 'binary' && ARITHMETIC[e.op]) {
    const side = arithmeticField(e.left, options) ?? arithmeticField(e.right, options);
    return side ? { ...side, noun: valueWords(e, side, options), unit: undefined } : null;
  }
  return fieldOf(e, options);
}

/** `-5` parses as minus applied to 5; compare with it as the number it is. */
function folded(e: Expr): Expr {
  return e.kind === 'neg' && isLiteral(e.operand) && typeof e.operand.value === 'number' ? { ...e.operand, value: -e.operand.value } : e;
}

function describeComparison(op: Comparison, leftIn: Expr, rightIn: Expr, options: DescribeOptions): string {
  const [left, right] = [folded(leftIn), folded(rightIn)];
  if (isLiteral(left) && !isLiteral(right)) return describeComparison(MIRROR[op], right, left, options);

  // days_since(customer.lastOrderAt) >= 45 → "last order at least 45 days ago"
  if (left.kind === 'call' && (left.name === 'days_since' || left.name === 'hours_since') && isLiteral(right) && typeof right.value === 'number') {
    const unit: [string, string] = left.name === 'days_since' ? ['day', 'days'] : ['hour', 'hours'];
    const what = left.args[0]?.kind === 'path' ? fieldWords(left.args[0].segments, options).noun : valueWords(left.args[0]!, null, options);
    return `${what} ${AGO_WORDS[op]} ${plural(right.value, unit)} ago`;
  }

  const field = arithmeticField(left, options);
  if (!field) return `${valueWords(left, null, options)} ${NUMBER_WORDS[op]} ${valueWords(right, null, options)}`;

  if (isLiteral(right) && right.value === null && (op === '==' || op === '!=')) return op === '==' ? `no ${field.noun} on file` : `${field.noun} on file`;
  if (field.kind === 'boolean' && isLiteral(right) && typeof right.value === 'boolean') {
    const holds = (op === '==') === right.value;
    return holds ? (field.yes ?? `${field.noun}: yes`) : (field.no ?? `${field.noun}: no`);
  }
  if (isLiteral(right) && typeof right.value === 'boolean') return `${field.noun}: ${(op === '==') === right.value ? 'yes' : 'no'}`;
  const value = valueWords(right, field, options);
  if (field.kind === 'count' && field.unit && isLiteral(right) && typeof right.value === 'number') {
    if (right.value === 0 && op === '==') return `no ${field.unit[1]}`;
    if (right.value === 0 && (op === '>' || op === '!=')) return `at least one ${field.unit[0]}`;
    return `${COUNT_WORDS[op]} ${plural(right.value, field.unit)}`;
  }
  if (field.kind === 'date') return `${field.noun} ${DATE_WORDS[op]} ${value}`;
  if (field.kind === 'text' || field.kind === 'choice' || field.kind === 'list') return `${field.noun} ${TEXT_WORDS[op]} ${value}`;
  return `${field.noun} ${NUMBER_WORDS[op]} ${value}`;
}

function describeIn(negated: boolean, left: Expr, right: Expr, options: DescribeOptions): string {
  if (right.kind === 'list') {
    const field = fieldOf(left, options);
    const noun = field?.noun ?? valueWords(left, null, options);
    const values = right.items.map((i) => valueWords(i, field, options));
    if (!negated) return `${noun} is ${joinWords(values, 'or')}`;
    if (values.length === 1) return `${noun} is not ${values[0]}`;
    return values.length === 2 ? `${noun} is neither ${values[0]} nor ${values[1]}` : `${noun} is none of ${joinWords(values, 'or')}`;
  }
  const container = fieldOf(right, options);
  if (container?.kind === 'list' || (!container && right.kind === 'path')) {
    const item = valueWords(left, null, options);
    const list = container ?? { noun: valueWords(right, null, options), kind: 'list' as const };
    if (negated) return list.hasNot ? list.hasNot(item) : `${list.noun} do not include ${item}`;
    return list.has ? list.has(item) : `${list.noun} include ${item}`;
  }
  if (container) return `${container.noun} ${negated ? 'does not contain' : 'contains'} ${valueWords(left, null, options)}`;
  return `${valueWords(left, null, options)} ${negated ? 'is not part of' : 'is part of'} ${valueWords(right, null, options)}`;
}

/** The parts of a chain of the same connective: a and b and c → [a, b, c]. */
function chain(e: Expr, op: 'and' | 'or'): Expr[] {
  return e.kind === 'binary' && e.op === op ? [...chain(e.left, op), ...chain(e.right, op)] : [e];
}

function describeJoined(e: Extract<Expr, { kind: 'binary' }>, options: DescribeOptions, nested: boolean): string {
  const op = e.op as 'and' | 'or';
  const exprs = chain(e, op);
  // A group inside the chain ends with a comma, so "either a or b, and c" cannot be read as "a or (b and c)".
  const parts = exprs.map((p, i) => {
    const words = describeExpr(p, options, true);
    const group = p.kind === 'binary' && (p.op === 'and' || p.op === 'or');
    return group && i < exprs.length - 1 && !words.endsWith(')') ? `${words},` : words;
  });
  const text = joinWords(parts, op);
  if (!nested) return text;
  if (parts.length === 2) return `${op === 'or' ? 'either' : 'both'} ${text}`;
  return `(${text})`;
}

function negate(e: Expr, options: DescribeOptions, nested: boolean): string {
  if (e.kind === 'not') return describeExpr(e.operand, options, nested);
  if (e.kind === 'literal' && typeof e.value === 'boolean') return e.value ? 'never' : 'always';
  if (e.kind === 'binary' && OPPOSITE[e.op]) return describeExpr({ ...e, op: OPPOSITE[e.op]! }, options, nested);
  if (e.kind === 'path') {
    const f = fieldWords(e.segments, options);
    if (f.kind === 'boolean') return f.no ?? `${f.noun}: no`;
  }
  return `not (${describeExpr(e, options)})`;
}

function describeExpr(e: Expr, options: DescribeOptions, nested = false): string {
  switch (e.kind) {
    case 'literal':
      if (typeof e.value === 'boolean') return e.value ? 'always' : 'never';
      return valueWords(e, null, options);
    case 'path': {
      const f = fieldWords(e.segments, options);
      return f.kind === 'boolean' ? (f.yes ?? `${f.noun}: yes`) : f.noun;
    }
    case 'not':
      return negate(e.operand, options, nested);
    case 'binary':
      if (e.op === 'and' || e.op === 'or') return describeJoined(e, options, nested);
      if (e.op === 'in' || e.op === 'not in') return describeIn(e.op === 'not in', e.left, e.right, options);
      if (isComparison(e.op)) return describeComparison(e.op, e.left, e.right, options);
      return valueWords(e, null, options);
    default:
      return valueWords(e, null, options);
  }
}

/** The first letter in capitals, for a condition that starts a sentence. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

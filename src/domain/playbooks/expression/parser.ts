import { ExpressionError, type BinaryOp, type Expr, type Span } from './ast';
import { tokenize, type Token } from './lexer';

const COMPARISON = new Set(['==', '!=', '<', '<=', '>', '>=', 'in']);
export const MAX_EXPRESSION_LENGTH = 2_000;
const MAX_DEPTH = 64;

/**
 * Parses the condition language: `order.total >= 100 and customer.segment == "VIP"`,
 * `"edibles" in order.categories`, `not (a or b)`, `days_since(customer.lastOrderAt) > 45`.
 * Precedence, loosest first: or, and, not, comparison (==, !=, <, <=, >, >=, in, not in),
 * + -, * /, unary minus. Comparisons do not chain. Never evaluates anything.
 */
export function parseExpression(source: string): Expr {
  if (source.length > MAX_EXPRESSION_LENGTH)
    throw new ExpressionError(`Conditions are limited to ${MAX_EXPRESSION_LENGTH} characters.`, { start: 0, end: source.length });
  if (!source.trim()) throw new ExpressionError('The condition is empty.', { start: 0, end: source.length });
  return new Parser(tokenize(source)).parse();
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    const expr = this.or();
    const t = this.peek();
    if (t.type !== 'eof') throw new ExpressionError(`Unexpected "${t.value}": the condition should end here, or join it with "and" / "or".`, t.span);
    return expr;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.pos++;
    return t;
  }

  private isOp(value: string, offset = 0) {
    const t = this.peek(offset);
    return t.type === 'op' && t.value === value;
  }

  private isPunct(value: string) {
    const t = this.peek();
    return t.type === 'punct' && t.value === value;
  }

  private expectPunct(value: string, what: string): Token {
    const t = this.peek();
    if (t.type !== 'punct' || t.value !== value) throw new ExpressionError(`Expected "${value}" ${what}.`, t.span);
    return this.next();
  }

  private nested<T>(fn: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new ExpressionError('The condition is nested too deeply.', this.peek().span);
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  private binary(op: BinaryOp, left: Expr, right: Expr): Expr {
    return { kind: 'binary', op, left, right, span: join(left.span, right.span) };
  }

  private or(): Expr {
    let left = this.and();
    while (this.isOp('or')) {
      this.next();
      left = this.binary('or', left, this.and());
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isOp('and')) {
      this.next();
      left = this.binary('and', left, this.not());
    }
    return left;
  }

  private not(): Expr {
    if (this.isOp('not')) {
      const t = this.next();
      const operand = this.nested(() => this.not());
      return { kind: 'not', operand, span: join(t.span, operand.span) };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    let op: BinaryOp | undefined;
    const t = this.peek();
    if (t.type === 'op' && COMPARISON.has(t.value)) {
      this.next();
      op = t.value as BinaryOp;
    } else if (this.isOp('not') && this.isOp('in', 1)) {
      this.next();
      this.next();
      op = 'not in';
    }
    if (!op) return left;
    const right = this.additive();
    const after = this.peek();
    if (after.type === 'op' && (COMPARISON.has(after.value) || (after.value === 'not' && this.isOp('in', 1)))) {
      throw new ExpressionError('Comparisons cannot be chained; join them with "and".', after.span);
    }
    return this.binary(op, left, right);
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().value as BinaryOp;
      left = this.binary(op, left, this.multiplicative());
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.next().value as BinaryOp;
      left = this.binary(op, left, this.unary());
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      const t = this.next();
      const operand = this.nested(() => this.unary());
      return { kind: 'neg', operand, span: join(t.span, operand.span) };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    if (t.type === 'number') {
      this.next();
      return { kind: 'literal', value: Number(t.value), span: t.span };
    }
    if (t.type === 'string') {
      this.next();
      return { kind: 'literal', value: t.value, span: t.span };
    }
    if (t.type === 'ident') {
      this.next();
      if (t.value === 'true' || t.value === 'false') return { kind: 'literal', value: t.value === 'true', span: t.span };
      if (t.value === 'null') return { kind: 'literal', value: null, span: t.span };
      if (this.isPunct('(')) return this.call(t);
      const segments = [t.value];
      let end = t.span.end;
      while (this.isPunct('.')) {
        this.next();
        const seg = this.peek();
        if (seg.type !== 'ident') throw new ExpressionError('Expected a field name after ".".', seg.span);
        this.next();
        segments.push(seg.value);
        end = seg.span.end;
      }
      return { kind: 'path', segments, span: { start: t.span.start, end } };
    }
    if (t.type === 'punct' && t.value === '(') {
      this.next();
      const inner = this.nested(() => this.or());
      this.expectPunct(')', 'to close the bracket');
      return inner;
    }
    if (t.type === 'punct' && t.value === '[') return this.list();
    if (t.type === 'eof') throw new ExpressionError('The condition ends too early: a value is missing.', t.span);
    throw new ExpressionError(`Expected a value, found "${t.value}".`, t.span);
  }

  private call(name: Token): Expr {
    this.expectPunct('(', 'after the function name');
    const args: Expr[] = [];
    if (!this.isPunct(')')) {
      do {
        args.push(this.nested(() => this.or()));
      } while (this.isPunct(',') && this.next());
    }
    const close = this.expectPunct(')', 'to close the function call');
    return { kind: 'call', name: name.value, args, span: join(name.span, close.span) };
  }

  private list(): Expr {
    const open = this.next();
    const items: Expr[] = [];
    if (!this.isPunct(']')) {
      do {
        items.push(this.nested(() => this.or()));
      } while (this.isPunct(',') && this.next());
    }
    const close = this.expectPunct(']', 'to close the list');
    return { kind: 'list', items, span: join(open.span, close.span) };
  }
}

function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

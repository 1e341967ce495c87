/** A half-open range of character offsets in the source text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

export type BinaryOp = 'and' | 'or' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | '+' | '-' | '*' | '/';

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null; span: Span }
  | { kind: 'path'; segments: string[]; span: Span }
  | { kind: 'list'; items: Expr[]; span: Span }
  | { kind: 'not'; operand: Expr; span: Span }
  | { kind: 'neg'; operand: Expr; span: Span }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
  | { kind: 'call'; name: string; args: Expr[]; span: Span };

/** An error that points at where in the expression it is. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }

  /** "message (at 14-21)" plus a caret line under the source, for humans. */
  describe(source: string): string {
    const caret = `${' '.repeat(this.span.start)}${'^'.repeat(Math.max(1, this.span.end - this.span.start))}`;
    return `${this.message}\n  ${source}\n  ${caret}`;
  }
}

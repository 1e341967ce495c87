import type { Expr } from './ast';

/** Prints an expression back to source, bracketing every compound part so it re-parses to the same tree. */
export function printExpression(expr: Expr): string {
  switch (expr.kind) {
    case 'literal':
      return expr.value === null ? 'null' : typeof expr.value === 'string' ? JSON.stringify(expr.value) : String(expr.value);
    case 'path':
      return expr.segments.join('.');
    case 'list':
      return `[${expr.items.map(printExpression).join(', ')}]`;
    case 'not':
      return `not (${printExpression(expr.operand)})`;
    case 'neg':
      return `-(${printExpression(expr.operand)})`;
    case 'call':
      return `${expr.name}(${expr.args.map(printExpression).join(', ')})`;
    case 'binary':
      return `(${printExpression(expr.left)}) ${expr.op} (${printExpression(expr.right)})`;
  }
}

import { ExpressionError, type Span } from './ast';

export type TokenType = 'number' | 'string' | 'ident' | 'op' | 'punct' | 'eof';

export interface Token {
  type: TokenType;
  value: string;
  span: Span;
}

const KEYWORD_OPS = new Set(['and', 'or', 'not', 'in']);
const TWO_CHAR = new Set(['==', '!=', '<=', '>=']);
const ONE_CHAR_OPS = new Set(['<', '>', '+', '-', '*', '/']);
const PUNCT = new Set(['(', ')', '[', ']', ',', '.']);

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      while (/[0-9_]/.test(src[i] ?? '')) i++;
      if (src[i] === '.' && /[0-9]/.test(src[i + 1] ?? '')) {
        i++;
        while (/[0-9_]/.test(src[i] ?? '')) i++;
      }
      tokens.push({ type: 'number', value: src.slice(start, i).replace(/_/g, ''), span: { start, end: i } });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      let value = '';
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\' && i + 1 < src.length) {
          const next = src[i + 1]!;
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
        } else {
          value += src[i];
          i++;
        }
      }
      if (src[i] !== c) throw new ExpressionError('This text is missing its closing quote.', { start, end: src.length });
      i++;
      tokens.push({ type: 'string', value, span: { start, end: i } });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (/[A-Za-z0-9_]/.test(src[i] ?? '')) i++;
      const word = src.slice(start, i);
      tokens.push({ type: KEYWORD_OPS.has(word) ? 'op' : 'ident', value: word, span: { start, end: i } });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (TWO_CHAR.has(two)) {
      tokens.push({ type: 'op', value: two, span: { start, end: i + 2 } });
      i += 2;
      continue;
    }
    if (c === '=') throw new ExpressionError('Use == to compare (a single = is not allowed).', { start, end: i + 1 });
    if (c === '&' || c === '|')
      throw new ExpressionError(`Use "and" / "or" instead of ${c}${src[i + 1] === c ? c : ''}.`, { start, end: i + (src[i + 1] === c ? 2 : 1) });
    if (ONE_CHAR_OPS.has(c)) {
      tokens.push({ type: 'op', value: c, span: { start, end: i + 1 } });
      i++;
      continue;
    }
    if (PUNCT.has(c)) {
      tokens.push({ type: 'punct', value: c, span: { start, end: i + 1 } });
      i++;
      continue;
    }
    throw new ExpressionError(`Unexpected character "${c}".`, { start, end: i + 1 });
  }
  tokens.push({ type: 'eof', value: '', span: { start: src.length, end: src.length } });
  return tokens;
}

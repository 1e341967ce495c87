import { T, type Type } from './types';

const DAY_MS = 86_400_000;

export function toDate(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (v && typeof v === 'object' && typeof (v as { toDate?: unknown }).toDate === 'function') return (v as { toDate: () => Date }).toDate();
  return null;
}

export interface FunctionDef {
  params: Array<(t: Type) => boolean>;
  paramHelp: string;
  returns: Type;
  impl: (args: unknown[], env: { now: Date }) => unknown;
}

const isDate = (t: Type) => t.kind === 'date' || t.kind === 'any';
const isString = (t: Type) => t.kind === 'string' || t.kind === 'any';
const isSized = (t: Type) => t.kind === 'list' || t.kind === 'string' || t.kind === 'any';

/** The only functions a condition may call. Each is total: bad input gives null, never a throw. */
export const FUNCTIONS: Record<string, FunctionDef> = {
  days_since: {
    params: [isDate],
    paramHelp: 'a date',
    returns: { kind: 'number', nullable: true },
    impl: ([d], { now }) => {
      const date = toDate(d);
      return date ? Math.floor((now.getTime() - date.getTime()) / DAY_MS) : null;
    },
  },
  hours_since: {
    params: [isDate],
    paramHelp: 'a date',
    returns: { kind: 'number', nullable: true },
    impl: ([d], { now }) => {
      const date = toDate(d);
      return date ? Math.floor((now.getTime() - date.getTime()) / 3_600_000) : null;
    },
  },
  lower: {
    params: [isString],
    paramHelp: 'text',
    returns: { kind: 'string', nullable: true },
    impl: ([s]) => (typeof s === 'string' ? s.toLowerCase() : null),
  },
  upper: {
    params: [isString],
    paramHelp: 'text',
    returns: { kind: 'string', nullable: true },
    impl: ([s]) => (typeof s === 'string' ? s.toUpperCase() : null),
  },
  len: {
    params: [isSized],
    paramHelp: 'a list or text',
    returns: T.number,
    impl: ([v]) => (Array.isArray(v) || typeof v === 'string' ? v.length : 0),
  },
};

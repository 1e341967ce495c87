import type { z } from 'zod';

/** The types a condition can reason about. `nullable` marks values that may be absent. */
export type Type =
  | { kind: 'number'; nullable?: boolean }
  | { kind: 'string'; nullable?: boolean; values?: readonly string[] }
  | { kind: 'boolean'; nullable?: boolean }
  | { kind: 'date'; nullable?: boolean }
  | { kind: 'null' }
  | { kind: 'list'; of: Type; nullable?: boolean }
  | { kind: 'object'; fields: Record<string, Type>; nullable?: boolean }
  | { kind: 'any' };

export type TypeEnv = Record<string, Type>;

export const T = {
  number: { kind: 'number' } as Type,
  string: { kind: 'string' } as Type,
  boolean: { kind: 'boolean' } as Type,
  date: { kind: 'date' } as Type,
  null: { kind: 'null' } as Type,
  any: { kind: 'any' } as Type,
  list: (of: Type): Type => ({ kind: 'list', of }),
  object: (fields: Record<string, Type>): Type => ({ kind: 'object', fields }),
  oneOf: (values: readonly string[]): Type => ({ kind: 'string', values }),
};

export function withNullable(t: Type): Type {
  return t.kind === 'any' || t.kind === 'null' ? t : { ...t, nullable: true };
}

export function describeType(t: Type): string {
  const base =
    t.kind === 'list'
      ? `list of ${describeType(t.of)}`
      : t.kind === 'string' && t.values
        ? `one of ${t.values.map((v) => JSON.stringify(v)).join(', ')}`
        : t.kind === 'object'
          ? 'record'
          : t.kind;
  return 'nullable' in t && t.nullable ? `${base} (may be empty)` : base;
}

type AnyDef = { type: string; [k: string]: unknown };
type AnyZod = { def: AnyDef; unwrap?: () => AnyZod };

/**
 * The expression type of a zod schema, so conditions are checked against the very schemas that
 * validate events and profiles. Records, unions of mixed kinds and unknowns become `any`.
 */
export function typeFromZod(schema: z.ZodType): Type {
  const s = schema as unknown as AnyZod;
  const def = s.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
      return withNullable(typeFromZod((def.innerType as z.ZodType) ?? (s.unwrap!() as unknown as z.ZodType)));
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return typeFromZod(def.innerType as z.ZodType);
    case 'pipe':
      return typeFromZod(def.out as z.ZodType);
    case 'number':
    case 'int':
    case 'bigint':
      return T.number;
    case 'string':
    case 'email':
    case 'url':
    case 'uuid':
    case 'template_literal':
      return T.string;
    case 'boolean':
      return T.boolean;
    case 'date':
      return T.date;
    case 'null':
    case 'undefined':
      return T.null;
    case 'enum':
      return T.oneOf(Object.values(def.entries as Record<string, string>).filter((v): v is string => typeof v === 'string'));
    case 'literal': {
      const values = def.values as unknown[];
      if (values.every((v) => typeof v === 'string')) return T.oneOf(values as string[]);
      if (values.every((v) => typeof v === 'number')) return T.number;
      if (values.every((v) => typeof v === 'boolean')) return T.boolean;
      return T.any;
    }
    case 'array':
      return T.list(typeFromZod(def.element as z.ZodType));
    case 'object': {
      const shape = (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
      return T.object(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, typeFromZod(v)])));
    }
    case 'union': {
      const options = (def.options as z.ZodType[]).map(typeFromZod);
      const nonNull = options.filter((o) => o.kind !== 'null');
      const nullable = nonNull.length < options.length;
      const kinds = new Set(nonNull.map((o) => o.kind));
      if (kinds.size === 1 && nonNull[0]) {
        const first = nonNull[0];
        const merged =
          first.kind === 'string' && nonNull.every((o) => o.kind === 'string' && o.values)
            ? T.oneOf(nonNull.flatMap((o) => (o.kind === 'string' ? (o.values ?? []) : [])))
            : first.kind === 'string'
              ? T.string
              : first;
        return nullable ? withNullable(merged) : merged;
      }
      return T.any;
    }
    default:
      return T.any;
  }
}

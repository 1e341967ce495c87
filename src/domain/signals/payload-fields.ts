import { z } from 'zod';
import { parseMoneyToCents } from '../money';
import { normalizeEmail, normalizePhone } from '../phone';
import { MappingError } from './signal';

/**
 * Tolerant readers for senders' payload fields. Each one accepts what real senders send
 * (ids as numbers or strings, money as "12.30" or 12.3, empty strings for "none") and turns it
 * into our types, or reports the field path when it cannot.
 */

export const IdLike = z.union([z.string().trim().min(1).max(200), z.number().int().nonnegative()]).transform((v) => String(v));

export const OptionalId = z
  .union([z.string(), z.number().int(), z.null(), z.undefined()])
  .transform((v) => (v === null || v === undefined || v === '' || v === 0 ? null : String(v)));

export const Money = z.union([z.string(), z.number()]).transform((v, ctx) => {
  try {
    return parseMoneyToCents(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${String(v)}" is not an amount of money` });
    return z.NEVER;
  }
});

export const OptionalMoney = z.union([Money, z.null(), z.undefined(), z.literal('')]).transform((v) => (typeof v === 'number' ? v : null));

/** Money that must not be negative, read as its absolute value (WooCommerce writes refunds as "-5.00"). */
export const AbsMoney = Money.transform((v) => Math.abs(v));

function toDate(v: string, assumeUtc: boolean): Date | null {
  const s = assumeUtc && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v) ? `${v}Z` : v;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const DateLike = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const d = typeof v === 'number' ? new Date(v < 1e12 ? v * 1000 : v) : toDate(v, false);
  if (!d || Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: 'custom', message: `"${String(v)}" is not a date` });
    return z.NEVER;
  }
  return d;
});

export const OptionalDate = z.union([DateLike, z.null(), z.undefined(), z.literal('')]).transform((v) => (v instanceof Date ? v : null));

/** WooCommerce *_gmt fields carry UTC without a zone designator. */
export const GmtDate = z.union([z.string(), z.null(), z.undefined()]).transform((v) => (v ? toDate(v, true) : null));

export const Text = z.union([z.string(), z.null(), z.undefined(), z.number()]).transform((v) => (v === null || v === undefined ? '' : String(v).trim()));

export const OptionalText = Text.transform((v) => v || null);

export const Name = Text.transform((v) => v.slice(0, 80));

export const Email = z.unknown().transform((v) => (typeof v === 'string' ? normalizeEmail(v) : null));

export const Phone = z.unknown().transform((v) => (typeof v === 'string' || typeof v === 'number' ? normalizePhone(String(v)) : null));

export const Quantity = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

export const Tags = z
  .union([z.string(), z.array(z.string()), z.null(), z.undefined()])
  .transform((v) => (Array.isArray(v) ? v : (v ?? '').split(',')).map((t) => t.trim().slice(0, 40)).filter(Boolean));

export const Bool = z.union([z.boolean(), z.null(), z.undefined()]).transform((v) => v ?? null);

export function namespaced(provider: string, id: string | null): string | null {
  return id ? `${provider}:${id}` : null;
}

/** Reads a payload with a zod schema; a mismatch becomes one readable message with the field path. */
export function readPayload<S extends z.ZodType>(schema: S, payload: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : '(root)';
  throw new MappingError(`${what}: ${path}: ${issue?.message ?? 'invalid'}`);
}

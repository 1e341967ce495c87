import { z } from 'zod';

/** Money is always an integer number of cents. */
export const CentsSchema = z.number().int();
export const NonNegativeCentsSchema = z.number().int().nonnegative();

export function formatCents(cents: number, currency = 'USD', locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

/** Parses a decimal money string ("12.30", "1,299.99") into cents without floating-point drift. */
export function parseMoneyToCents(input: string | number): number {
  const s = typeof input === 'number' ? input.toFixed(2) : input.replace(/[,\s$]/g, '');
  const m = /^(-)?(\d*)(?:\.(\d{0,}))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) throw new Error(`Not a money amount: ${String(input)}`);
  const sign = m[1] ? -1 : 1;
  const whole = Number(m[2] || '0');
  const frac = (m[3] ?? '').padEnd(3, '0');
  // Round half away from zero on the third decimal.
  let cents = whole * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) cents += 1;
  return sign * cents;
}

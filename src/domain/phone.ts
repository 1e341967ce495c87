import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Numbers already normalised, per default country: a customer's phone arrives with each of their
 * orders and profile updates, and parsing it costs more than the rest of its field's mapping.
 */
const normalised = new Map<string, string | null>();

/** Normalises any human-typed phone number to E.164, or null when it is not a valid number. */
export function normalizePhone(input: string | null | undefined, defaultCountry: CountryCode = 'US'): string | null {
  if (!input) return null;
  const key = `${defaultCountry}|${String(input)}`;
  const known = normalised.get(key);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(String(input).trim(), defaultCountry);
  const out = parsed && parsed.isValid() ? parsed.number : null;
  if (normalised.size >= 10_000) normalised.clear();
  normalised.set(key, out);
  return out;
}

export function normalizeEmail(input: string | null | undefined): string | null {
  if (!input) return null;
  const e = String(input).trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) ? e : null;
}

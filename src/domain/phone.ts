import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Normalises any human-typed phone number to E.164, or null when it is not a valid number. */
export function normalizePhone(input: string | null | undefined, defaultCountry: CountryCode = 'US'): string | null {
  if (!input) return null;
  const parsed = parsePhoneNumberFromString(String(input).trim(), defaultCountry);
  return parsed && parsed.isValid() ? parsed.number : null;
}

export function normalizeEmail(input: string | null | undefined): string | null {
  if (!input) return null;
  const e = String(input).trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) ? e : null;
}

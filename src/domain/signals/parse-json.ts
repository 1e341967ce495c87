import { isInteger, isSafeNumber, parse } from 'lossless-json';

const LONG_DIGITS = /\d{16}/;

/**
 * Parses a webhook body without losing digits: integers beyond 2^53 (Shopify ids such as
 * 820982911946154508) come back as their exact decimal string instead of a rounded number.
 * Duplicate keys keep the last value, as JSON.parse does. Throws SyntaxError on bad JSON.
 */
export function parseJsonLossless(text: string): unknown {
  // Only a run of 16 or more digits can be an integer beyond 2^53; without one, the native parser is exact.
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  return parse(text, null, {
    parseNumber: (raw: string) => (isInteger(raw) && !isSafeNumber(raw) ? raw : Number(raw)),
    onDuplicateKey: ({ newValue }) => newValue,
  });
}

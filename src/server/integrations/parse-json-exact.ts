import { isSafeNumber, parse } from 'lossless-json';

/**
 * JSON.parse, except that integers beyond 2^53 (Mailjet's MessageID, some providers' ids) come
 * back as their exact digits in a string instead of a rounded number.
 */
export function parseJsonExact(text: string): unknown {
  return parse(text, null, (value: string) => (isSafeNumber(value) ? Number(value) : value));
}

import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Customer } from '../customer';
import { normalizeEmail, normalizePhone } from '../phone';

// Firestore has no full-text search, so a profile carries the tokens it can be found by and a
// search is one `array-contains` on them (docs/crm.md, Search). Each token names its kind, so a
// name never matches a phone part:
//   n:<prefix>  a prefix of a word of the first or last name
//   f:<prefix>  a prefix of "first last", from the first letter after the first space
//   d:<digits>  a run of 4+ digits of the phone's national number, or a numeric external id
//   e:<prefix>  a prefix of the email's local part (2+ letters), or e:<the whole email>
//   x:<id>      an external id, whole ("alleaves:a-123") or its id alone ("a-123")

/** Name word prefixes are stored up to this length; a longer typed word is cut to it. */
export const NAME_PREFIX_MAX = 10;
/** "first last" prefixes are stored up to this length; a longer typed name is cut to it. */
export const FULL_NAME_MAX = 24;
/** Phone parts are the runs of at least this many digits... */
export const PHONE_PART_MIN = 4;
/** ...of the last this many digits of the national number (10 digits: 28 parts). */
export const PHONE_PART_SPAN = 10;
/** Email local-part prefixes from 2 letters up to this length. */
export const EMAIL_PREFIX_MAX = 12;
const EMAIL_PREFIX_MIN = 2;
/** External ids beyond this many are found only by the ones kept. */
export const EXTERNAL_IDS_MAX = 8;
const NAME_WORDS_MAX = 2;
/** The bound on the array: about 6 KB in the worst case and one index entry per key per index. */
export const SEARCH_KEYS_MAX = 120;

/** The fields the keys are made from: a write carrying any of them must carry all. */
export const SEARCH_SOURCE_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'externalIds'] as const;
type SearchSource = Pick<Customer, (typeof SEARCH_SOURCE_FIELDS)[number]>;

const FOLDS: Record<string, string> = { ß: 'ss', ø: 'o', ł: 'l', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower-case, accents folded ("José" → "jose"), apostrophes dropped, other punctuation a space. */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøłæœđðþı]/g, (ch) => FOLDS[ch] ?? ch)
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const words = (s: string) => foldText(s).split(' ').filter(Boolean);
const prefixes = (s: string, min: number, max: number) => Array.from({ length: Math.max(0, Math.min(s.length, max) - min + 1) }, (_, i) => s.slice(0, min + i));

/** The national number's digits ("+13135550102" → "3135550102"). */
function nationalDigits(phone: string): string {
  const parsed = parsePhoneNumberFromString(phone);
  return parsed ? String(parsed.nationalNumber) : phone.replace(/\D/g, '');
}

function phoneParts(phone: string): string[] {
  const national = nationalDigits(phone);
  const span = national.slice(-PHONE_PART_SPAN);
  const parts: string[] = [];
  for (let len = span.length; len >= PHONE_PART_MIN; len--) for (let i = 0; i + len <= span.length; i++) parts.push(span.slice(i, i + len));
  return [national, ...parts];
}

function idPart(externalId: string): string {
  const i = externalId.indexOf(':');
  return (i >= 0 ? externalId.slice(i + 1) : externalId).trim().toLowerCase();
}

/** The tokens a customer is found by; bounded by SEARCH_KEYS_MAX, most specific kinds first. */
export function searchKeysOf(c: SearchSource): string[] {
  const keys: string[] = [];
  const nameWords = [...words(c.firstName).slice(0, NAME_WORDS_MAX), ...words(c.lastName).slice(0, NAME_WORDS_MAX)];
  for (const w of nameWords) keys.push(...prefixes(w, 1, NAME_PREFIX_MAX).map((p) => `n:${p}`));
  const full = [...words(c.firstName), ...words(c.lastName)].join(' ');
  const space = full.indexOf(' ');
  if (space > 0) keys.push(...prefixes(full, space + 2, FULL_NAME_MAX).map((p) => `f:${p}`));
  if (c.phone) keys.push(...phoneParts(c.phone).map((p) => `d:${p}`));
  if (c.email) {
    const email = c.email.toLowerCase();
    const local = email.split('@')[0] ?? '';
    keys.push(...prefixes(local, EMAIL_PREFIX_MIN, EMAIL_PREFIX_MAX).map((p) => `e:${p}`), `e:${email}`);
  }
  for (const ext of c.externalIds.slice(0, EXTERNAL_IDS_MAX)) {
    const id = idPart(ext);
    keys.push(`x:${ext.trim().toLowerCase()}`);
    if (/^\d+$/.test(id)) {
      if (id.length >= PHONE_PART_MIN) keys.push(`d:${id}`);
    } else if (id) keys.push(`x:${id}`);
  }
  return [...new Set(keys)].slice(0, SEARCH_KEYS_MAX);
}

/**
 * The model as stored, with the keys that follow its name, phone, email and external ids. A
 * partial update that carries none of them is left alone (its keys stay right); one that carries
 * only some is refused, since the keys cannot be made from half a profile.
 */
export function withSearchKeys(model: Record<string, unknown>): Record<string, unknown> {
  const present = SEARCH_SOURCE_FIELDS.filter((f) => f in model);
  if (present.length === 0) return model;
  if (present.length < SEARCH_SOURCE_FIELDS.length) {
    const missing = SEARCH_SOURCE_FIELDS.filter((f) => !(f in model));
    throw new SearchSourceIncompleteError(missing);
  }
  const source = model as unknown as SearchSource;
  // Leave type errors to the schema's validation (it names the field); keys need well-typed input.
  const ok =
    typeof source.firstName === 'string' &&
    typeof source.lastName === 'string' &&
    (source.email === null || typeof source.email === 'string') &&
    (source.phone === null || typeof source.phone === 'string') &&
    Array.isArray(source.externalIds) &&
    source.externalIds.every((x) => typeof x === 'string');
  return ok ? { ...model, searchKeys: searchKeysOf(source) } : model;
}

export class SearchSourceIncompleteError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(
      `A customer write that changes ${SEARCH_SOURCE_FIELDS.join(', ')} must carry all of them (missing: ${missing.join(', ')}), so its search keys follow.`,
    );
  }
}

export type SearchKind = 'name' | 'phone' | 'email' | 'external_id';
/** How a typed search is read, and the one token it looks for (null: nothing can match). */
export interface ParsedSearch {
  kind: SearchKind;
  token: string | null;
}

/**
 * Reads what was typed at the counter: an "@" makes it an email (whole, or the start of the local
 * part); only digits and phone punctuation make it a phone part (4+ digits; a full number in any
 * format is read as its national number) or a numeric external id; a colon, or one word mixing
 * letters and digits, an external id; anything else names: one word is a first- or last-name
 * prefix, several the start of "first last".
 */
export function parseSearch(query: string): ParsedSearch | null {
  const q = query.trim();
  if (!q) return null;
  if (q.includes('@')) {
    const whole = normalizeEmail(q);
    if (whole) return { kind: 'email', token: `e:${whole}` };
    const local = (q.toLowerCase().split('@')[0] ?? '').trim();
    return { kind: 'email', token: local.length >= EMAIL_PREFIX_MIN ? `e:${local.slice(0, EMAIL_PREFIX_MAX)}` : null };
  }
  if (/^[\d\s()+.\-]+$/.test(q)) {
    let digits = q.replace(/\D/g, '');
    if (digits.length > PHONE_PART_SPAN || q.startsWith('+')) {
      const phone = normalizePhone(q.startsWith('+') ? q : digits);
      if (phone) digits = nationalDigits(phone);
    }
    return { kind: 'phone', token: digits.length >= PHONE_PART_MIN ? `d:${digits}` : null };
  }
  if (!/\s/.test(q) && (q.includes(':') || (/\d/.test(q) && /\p{L}/u.test(q)))) {
    return { kind: 'external_id', token: `x:${q.toLowerCase()}` };
  }
  const typed = words(q);
  if (typed.length === 0) return { kind: 'name', token: null };
  const full = typed.join(' ').slice(0, FULL_NAME_MAX).trimEnd();
  // A first word that fills the whole "first last" length leaves nothing of the last name to match.
  if (typed.length === 1 || !full.includes(' ')) return { kind: 'name', token: `n:${typed[0]!.slice(0, NAME_PREFIX_MAX)}` };
  return { kind: 'name', token: `f:${full}` };
}

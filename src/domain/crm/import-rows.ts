import { z } from 'zod';
import { ageOn } from '../customer';
import { MINIMUM_AGE } from '../messaging/gate';
import { normalizeEmail, normalizePhone } from '../phone';
import type { ColumnMapping, CustomerImportField } from './import-mapping';

/**
 * One CSV row of a customer import checked and turned into what is written: phone through
 * libphonenumber-js (E.164, US by default) as everywhere else, email lower-cased, dates read in
 * the common spellings, consent only with its source and date. Pure; docs/crm.md, Import.
 */

export const ImportConsentSchema = z.object({
  status: z.enum(['opted_in', 'opted_out', 'unknown']),
  source: z.string().min(1).max(80),
  /** ISO time; null when the consent is unknown. */
  at: z.iso.datetime().nullable(),
});
export type ImportConsent = z.infer<typeof ImportConsentSchema>;

/** A good row as stored in the job's chunks (plain JSON: the chunk survives a restart). */
export const ImportCustomerRowSchema = z.object({
  firstName: z.string().max(80),
  lastName: z.string().max(80),
  email: z.email().nullable(),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/)
    .nullable(),
  dateOfBirth: z.iso.date().nullable(),
  externalId: z.string().min(3).max(200).nullable(),
  tags: z.array(z.string().min(1).max(40)).max(30),
  /** null: the file says nothing about this channel (the profile's consent is left as it is). */
  emailConsent: ImportConsentSchema.nullable(),
  smsConsent: ImportConsentSchema.nullable(),
});
export type ImportCustomerRow = z.infer<typeof ImportCustomerRowSchema>;

export type RowCheck = { ok: true; row: ImportCustomerRow; notes: string[] } | { ok: false; reason: string };

const YES = new Set(['yes', 'y', 'true', '1', 'optedin', 'optin', 'subscribed', 'x']);
const NO = new Set(['no', 'n', 'false', '0', 'optedout', 'optout', 'unsubscribed']);
const EMPTY = new Set(['', 'unknown', 'null', 'n/a', 'na', 'none']);

/** Dates as exports spell them: 1990-04-23, 04/23/1990 (US order), 1990/04/23; anything else is refused. */
export function parseImportDate(raw: string): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) [y, m, d] = [Number(match[3]), Number(match[1]), Number(match[2])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** A consent time: a full ISO time, or a date (read as midnight UTC). */
export function parseImportTime(raw: string): Date | null {
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const t = new Date(s);
    return Number.isNaN(t.getTime()) ? null : t;
  }
  const day = parseImportDate(s);
  return day ? new Date(`${day}T00:00:00.000Z`) : null;
}

/** "vip; newsletter|Medical" → ['vip', 'newsletter', 'medical'] (lower case, each once). */
export function parseTags(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[;|,]/)
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** An id without a provider ("4410987") is the old system's: stored as "import:4410987". */
export function externalIdOf(raw: string): string {
  const s = raw.trim();
  return s.includes(':') ? s : `import:${s}`;
}

const CHANNEL_WORDS = { email: 'Email', sms: 'SMS' } as const;

function consentOf(
  channel: 'email' | 'sms',
  rawStatus: string,
  rawAt: string,
  rawSource: string,
  now: Date,
): { consent: ImportConsent | null; note?: string } | { reason: string } {
  const v = rawStatus
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  const word = CHANNEL_WORDS[channel];
  if (EMPTY.has(v)) return { consent: null };
  const status = YES.has(v) ? 'opted_in' : NO.has(v) ? 'opted_out' : null;
  if (!status) return { reason: `${word} consent "${rawStatus.trim().slice(0, 30)}" is not yes or no.` };
  const source = rawSource.trim().slice(0, 60);
  const at = rawAt.trim() ? parseImportTime(rawAt) : null;
  if (rawAt.trim() && !at) return { reason: `${word} consent date "${rawAt.trim().slice(0, 30)}" is not a date (use YYYY-MM-DD).` };
  if (at && at.getTime() > now.getTime()) return { reason: `${word} consent date ${rawAt.trim()} is in the future.` };
  if (!source || !at)
    return {
      consent: { status: 'unknown', source: 'import', at: null },
      note: `${word} consent imported as unknown: it needs ${!source && !at ? 'a source and a date' : !source ? 'a source' : 'a date'}.`,
    };
  return { consent: { status, source: `import:${source}`, at: at.toISOString() } };
}

/**
 * Checks one row against the mapping. A refused row says why in words staff can act on; a good
 * row may carry notes (consent imported as unknown, under 21).
 *
 * Under 21 (docs/crm.md, Import): the customer is imported, without marketing consent (both
 * channels unknown): a medical patient may be 18-20, and the messaging gate refuses marketing to
 * anyone under 21 anyway.
 */
export function checkImportRow(fields: readonly string[], mapping: ColumnMapping, now: Date): RowCheck {
  const get = (f: CustomerImportField) => (mapping[f] === undefined ? '' : (fields[mapping[f]!] ?? '').trim());
  const phoneRaw = get('phone');
  const emailRaw = get('email');
  const extRaw = get('externalId');
  if (!phoneRaw && !emailRaw && !extRaw) return { ok: false, reason: 'No phone number, email or external id to match the customer by.' };
  const phone = phoneRaw ? normalizePhone(phoneRaw) : null;
  if (phoneRaw && !phone) return { ok: false, reason: `The phone number "${phoneRaw.slice(0, 40)}" is not a valid number.` };
  const email = emailRaw ? normalizeEmail(emailRaw) : null;
  if (emailRaw && (!email || !z.email().safeParse(email).success)) return { ok: false, reason: `The email "${emailRaw.slice(0, 80)}" is not a valid address.` };
  const externalId = extRaw ? externalIdOf(extRaw) : null;
  if (externalId && externalId.length > 200) return { ok: false, reason: 'The external id is longer than 200 characters.' };
  const [firstName, lastName] = [get('firstName'), get('lastName')];
  if (firstName.length > 80 || lastName.length > 80) return { ok: false, reason: 'A name is longer than 80 characters.' };

  const notes: string[] = [];
  const dobRaw = get('dateOfBirth');
  const dateOfBirth = dobRaw ? parseImportDate(dobRaw) : null;
  if (dobRaw && !dateOfBirth) return { ok: false, reason: `The date of birth "${dobRaw.slice(0, 30)}" is not a date (use YYYY-MM-DD or MM/DD/YYYY).` };
  const age = dateOfBirth ? ageOn(dateOfBirth, now) : null;
  if (age !== null && age < 0) return { ok: false, reason: `The date of birth ${dobRaw} is in the future.` };
  if (age !== null && age > 120) return { ok: false, reason: `The date of birth ${dobRaw} gives an age of ${age}.` };

  const tags = parseTags(get('tags'));
  const long = tags.find((t) => t.length > 40);
  if (long) return { ok: false, reason: `The tag "${long.slice(0, 50)}" is longer than 40 characters.` };
  if (tags.length > 30) return { ok: false, reason: `${tags.length} tags; at most 30.` };

  const source = get('consentSource');
  const email_ = consentOf('email', get('emailConsent'), get('emailConsentAt'), source, now);
  if ('reason' in email_) return { ok: false, reason: email_.reason };
  const sms = consentOf('sms', get('smsConsent'), get('smsConsentAt'), source, now);
  if ('reason' in sms) return { ok: false, reason: sms.reason };
  let emailConsent = email_.consent;
  let smsConsent = sms.consent;
  for (const n of [email_.note, sms.note]) if (n) notes.push(n);
  if (age !== null && age < MINIMUM_AGE) {
    const unknown: ImportConsent = { status: 'unknown', source: 'import:under_21', at: null };
    if (emailConsent?.status === 'opted_in' || smsConsent?.status === 'opted_in')
      notes.push(`Under ${MINIMUM_AGE} (age ${age}): imported without marketing consent.`);
    else notes.push(`Under ${MINIMUM_AGE} (age ${age}): no marketing will be sent.`);
    emailConsent = emailConsent?.status === 'opted_out' ? emailConsent : unknown;
    smsConsent = smsConsent?.status === 'opted_out' ? smsConsent : unknown;
  }
  const row: ImportCustomerRow = { firstName, lastName, email, phone, dateOfBirth, externalId, tags, emailConsent, smsConsent };
  const parsed = ImportCustomerRowSchema.safeParse(row);
  if (!parsed.success) return { ok: false, reason: `The row could not be read: ${parsed.error.issues[0]?.message ?? 'invalid'}.` };
  return { ok: true, row: parsed.data, notes };
}

/** The identity keys a row names, strongest first (as ingest resolves them: external id, phone, email). */
export function rowKeys(row: Pick<ImportCustomerRow, 'externalId' | 'phone' | 'email'>): Array<{ kind: 'ext' | 'phone' | 'email'; value: string }> {
  return [
    ...(row.externalId ? [{ kind: 'ext' as const, value: row.externalId }] : []),
    ...(row.phone ? [{ kind: 'phone' as const, value: row.phone }] : []),
    ...(row.email ? [{ kind: 'email' as const, value: row.email }] : []),
  ];
}

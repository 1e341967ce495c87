import { z } from 'zod';
import { IdSchema } from '../common';
import type { Customer } from '../customer';

/** What a redacted message, event or inbound text says in place of its words. */
export const REDACTION_NOTE = '[Removed: the customer asked for their data to be erased]';

/** POST /api/customers/[id]/erase: why (plain words), and the customer's name or ERASE typed to confirm. */
export const EraseInputSchema = z.object({
  reason: z.string().trim().min(3, 'Say why the customer is being erased').max(500),
  confirm: z.string().trim().min(1, 'Type the customer’s name, or ERASE, to confirm').max(200),
});
export type EraseInput = z.infer<typeof EraseInputSchema>;

/** Folded for comparison: case, accents and inner spaces ignored. */
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The confirm step: the customer's full name as shown, or the word ERASE (a profile without a name, or a re-run). */
export function erasureConfirmed(c: Pick<Customer, 'firstName' | 'lastName'>, confirm: string): boolean {
  if (confirm.trim() === 'ERASE') return true;
  const name = fold(`${c.firstName} ${c.lastName}`);
  return name.length > 0 && fold(confirm) === name;
}

/**
 * tenants/{orgId}/privacy_requests/{id}: every export and erasure, who asked, when and (erasures)
 * why. No contact details: the customer is named by id only.
 */
export const PrivacyRequestSchema = z.object({
  id: IdSchema,
  kind: z.enum(['export', 'erase']),
  customerId: IdSchema,
  actorUid: z.string().min(1).max(200),
  actorEmail: z.string().max(320).nullable(),
  role: z.string().max(40),
  reason: z.string().max(500).nullable(),
  status: z.enum(['running', 'completed']),
  /** What was done, by kind of record: rows exported, or sends redacted, notes deleted, orders unlinked... */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  at: z.date(),
  completedAt: z.date().nullable(),
});
export type PrivacyRequest = z.infer<typeof PrivacyRequestSchema>;

const BLANK_STRING = new Set(['firstName', 'lastName', 'name', 'fullName']);
const NULLED = new Set(['email', 'phone', 'dateOfBirth', 'address', 'recoveryUrl']);
const EMPTIED = new Set(['externalIds', 'tags']);

/**
 * A copy of `value` with person fields taken out at any depth: names blanked, email, phone, date of
 * birth and addresses nulled, external ids and tags emptied. The shapes stay valid for the event
 * catalogue (strings stay strings, nullable fields become null, arrays stay arrays).
 */
export function redactPersonFields<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => redactPersonFields(v)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (BLANK_STRING.has(k) && typeof v === 'string') out[k] = '';
    else if (NULLED.has(k)) out[k] = null;
    else if (EMPTIED.has(k) && Array.isArray(v)) out[k] = [];
    else out[k] = redactPersonFields(v);
  }
  return out as T;
}

/** The profile as erasure leaves it: no name, contact, birthday, keys or tags; no consent kept. */
export function erasedProfile(c: Customer, by: string, now: Date): Customer {
  const none = { status: 'unknown' as const, source: 'erased', at: null };
  const { searchKeys: _k, emailUndeliverable: _u, referralCode: _r, ...rest } = c;
  return {
    ...rest,
    firstName: '',
    lastName: '',
    searchName: '',
    email: null,
    phone: null,
    dateOfBirth: null,
    birthMonthDay: null,
    timeZone: null,
    tags: [],
    externalIds: [],
    consent: { email: none, sms: none },
    erasedAt: c.erasedAt ?? now,
    erasedBy: c.erasedBy ?? by,
    updatedAt: now,
  };
}

/** "customer-cus_123-2026-11-30.json" (UTC date). */
export function privacyExportFilename(customerId: string, now: Date): string {
  return `customer-${customerId}-${now.toISOString().slice(0, 10)}.json`;
}

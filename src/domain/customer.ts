import { z } from 'zod';
import { CalendarDateSchema, IdSchema, TimeZoneSchema } from './common';
import { SEARCH_KEYS_MAX } from './crm/search-keys';
import { birthMonthDayOf } from './loyalty/daily';
import { wallClock } from './messaging/local-time';
import { ReferredBySchema } from './loyalty/referral';
import { CustomerLoyaltySchema } from './loyalty/summary';
import { NonNegativeCentsSchema } from './money';

export const ChannelSchema = z.enum(['email', 'sms']);
export type Channel = z.infer<typeof ChannelSchema>;

export const ConsentStatusSchema = z.enum(['opted_in', 'opted_out', 'unknown']);
export type ConsentStatus = z.infer<typeof ConsentStatusSchema>;

export const ChannelConsentSchema = z.object({
  status: ConsentStatusSchema,
  /** Where the decision came from: pos, storefront, signup_form, sms_reply, unsubscribe_link, staff, import ... */
  source: z.string().min(1),
  at: z.date().nullable(),
});
export type ChannelConsent = z.infer<typeof ChannelConsentSchema>;

export const CustomerSourceSchema = z.enum(['alleaves', 'shopify', 'woocommerce', 'standard', 'track_api', 'manual', 'import', 'seed', 'in_store']);
export type CustomerSource = z.infer<typeof CustomerSourceSchema>;

export const CustomerSchema = z.object({
  id: IdSchema,
  firstName: z.string().max(80),
  lastName: z.string().max(80),
  /** Lower-cased. */
  email: z.email().nullable(),
  /** E.164, e.g. +13135550123. */
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'Phone must be E.164')
    .nullable(),
  dateOfBirth: CalendarDateSchema.nullable(),
  /**
   * "11-30", derived from dateOfBirth on every write (the customers collection does it), so the
   * daily job finds a day's birthdays by one equality query instead of reading every customer.
   */
  birthMonthDay: z
    .string()
    .regex(/^\d{2}-\d{2}$/)
    .nullable()
    .optional(),
  timeZone: TimeZoneSchema.nullable(),
  homeLocationId: z.string().nullable(),
  /** Orders per store, by location id; the home store is the one with most (docs/crm.md, Locations). */
  locationOrderCounts: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** Lower-cased "first last", for prefix search. */
  searchName: z.string(),
  /**
   * The tokens search finds this customer by (name prefixes, phone parts, email prefixes, external
   * ids), derived on every write by the customers collection; see docs/crm.md, Search. Absent only
   * on profiles written before search keys existed.
   */
  searchKeys: z.array(z.string().max(300)).max(SEARCH_KEYS_MAX).optional(),
  tags: z.array(z.string().min(1).max(40)),
  /** "provider:id" for every external system that knows this person. */
  externalIds: z.array(z.string().min(3)),
  consent: z.object({ email: ChannelConsentSchema, sms: ChannelConsentSchema }),
  lifetimeValueCents: NonNegativeCentsSchema,
  orderCount: z.number().int().nonnegative(),
  avgOrderValueCents: NonNegativeCentsSchema,
  firstOrderAt: z.date().nullable(),
  lastOrderAt: z.date().nullable(),
  /**
   * The product categories of the customer's paid orders (src/domain/crm/categories-bought.ts),
   * kept on the profile so segments and the counter read them without the order history.
   */
  categoriesBought: z.array(z.string()).optional(),
  /** Spendable points (the ledger's available balance; see `loyalty` for pending, expiring and tier). */
  pointsBalance: z.number().int(),
  /** The loyalty account's summary, written with every ledger line (absent until the first line). */
  loyalty: CustomerLoyaltySchema.optional(),
  /** The CRM segment (src/domain/crm/segments.ts), recomputed on every order and refund and nightly. */
  segment: z.string().nullable(),
  /** Why, in plain words ("12 orders and $1,840 spent; last order 9 days ago. VIP: ..."); shows revenue. */
  segmentReason: z.string().max(500).nullable().optional(),
  /** When the customer entered the segment. */
  segmentSince: z.date().nullable().optional(),
  /** The saved segments the customer is in (docs/crm.md, Saved segments): one array-contains finds a segment's members. */
  savedSegmentIds: z.array(z.string()).optional(),
  source: CustomerSourceSchema,
  /** The customer's stable referral code (referral_codes/{code}); given when first needed. */
  referralCode: z.string().optional(),
  /** Who referred this customer (docs/loyalty.md, Referrals); set once, at sign-up or by a first storefront order. */
  referredBy: ReferredBySchema.optional(),
  // Messaging engagement (optional so existing documents and Customer literals stay valid).
  /** Set by a hard bounce or a spam complaint: no more email to this address until it changes. */
  emailUndeliverable: z
    .object({ reason: z.string().max(300), at: z.date() })
    .nullable()
    .optional(),
  lastEmailOpenAt: z.date().nullable().optional(),
  lastEmailClickAt: z.date().nullable().optional(),
  lastSmsClickAt: z.date().nullable().optional(),
  /**
   * Marks that let an order's attribution skip its queries (docs/analytics.md, Attribution):
   * every message sent to the customer was created no later than a day after `lastSendAt`, and no
   * A/B split measures their orders after `splitWindowEndsAt`. Null: none yet. Absent: not known
   * (a profile from before the marks, an import, a merge), so the queries run.
   */
  lastSendAt: z.date().nullable().optional(),
  splitWindowEndsAt: z.date().nullable().optional(),
  /** Set when the customer's data was erased on request (docs/crm.md, Privacy requests); the profile keeps no contact details. */
  erasedAt: z.date().nullable().optional(),
  /** The staff uid who erased it. */
  erasedBy: z.string().max(200).nullable().optional(),
  /**
   * Set when this profile was merged into another (docs/crm.md, Duplicate merge): it is kept for
   * the undo, found by no search (no search keys), in no list (MERGED_UNSTORED_FIELDS) and
   * receives nothing new.
   */
  mergedInto: IdSchema.nullable().optional(),
  mergedAt: z.date().nullable().optional(),
  mergedBy: z.string().nullable().optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Customer = z.infer<typeof CustomerSchema>;

export function customerDisplayName(c: Pick<Customer, 'firstName' | 'lastName' | 'email' | 'phone'> & { erasedAt?: Date | null }): string {
  if (c.erasedAt) return 'Erased customer';
  const name = `${c.firstName} ${c.lastName}`.trim();
  return name || c.email || maskPhone(c.phone) || 'Unnamed customer';
}

/** What a new profile is given; everything else starts empty (no orders, no points, no segment). */
export type NewCustomerFields = Pick<
  Customer,
  'id' | 'firstName' | 'lastName' | 'email' | 'phone' | 'dateOfBirth' | 'tags' | 'externalIds' | 'consent' | 'source'
> &
  Partial<Pick<Customer, 'referredBy' | 'timeZone' | 'homeLocationId'>>;

/** A new customer profile: one definition for the pipeline, the counter, the join page, fixtures and benchmarks. */
export function newCustomer(f: NewCustomerFields, now: Date): Customer {
  const { referredBy, ...fields } = f;
  return {
    timeZone: null,
    homeLocationId: null,
    ...fields,
    searchName: searchNameOf(f.firstName, f.lastName),
    lifetimeValueCents: 0,
    orderCount: 0,
    avgOrderValueCents: 0,
    firstOrderAt: null,
    lastOrderAt: null,
    pointsBalance: 0,
    segment: null,
    ...(referredBy ? { referredBy } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * What a merged profile does not store (docs/crm.md, Duplicate merge): the fields the customer
 * list orders by. Firestore leaves a document without the ordered field out of an ordered query,
 * and every list, search, filter, count, export and picker query orders by one of these, so a
 * merged profile is in none of them without a `mergedInto` filter (and its doubled indexes).
 */
export const MERGED_UNSTORED_FIELDS = ['searchName', 'lastOrderAt', 'lifetimeValueCents', 'pointsBalance', 'createdAt'] as const;

const isMerged = (data: Record<string, unknown>) => typeof data.mergedInto === 'string' && data.mergedInto !== '';

/** The document written for a customer: a merged profile without the list's order fields. */
export function storedCustomer(data: Record<string, unknown>): Record<string, unknown> {
  if (!isMerged(data)) return data;
  const out = { ...data };
  for (const f of MERGED_UNSTORED_FIELDS) delete out[f];
  return out;
}

/**
 * A stored customer read back whole: a merged profile's unstored fields as the merge left them
 * (no orders, no points: they moved to the survivor), its name key from its name, and its
 * creation time read as the merge time (the original is in the merge record; an undo restores it).
 */
export function loadedCustomer(data: Record<string, unknown>): Record<string, unknown> {
  if (!isMerged(data)) return data;
  const name = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : '');
  return {
    searchName: searchNameOf(name('firstName'), name('lastName')),
    lastOrderAt: null,
    lifetimeValueCents: 0,
    pointsBalance: 0,
    createdAt: data.mergedAt ?? data.updatedAt,
    ...data,
  };
}

export function searchNameOf(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return `${'•'.repeat(Math.max(0, phone.length - 4))}${phone.slice(-4)}`;
}

export function maskEmail(email: string | null | undefined): string {
  if (!email) return '';
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}

/** Whole years between a YYYY-MM-DD birth date and `on`, in the given zone's calendar. */
export function ageOn(dateOfBirth: string, on: Date, timeZone = 'UTC'): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const { year: y, month: m, day: d } = wallClock(timeZone, on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The customer as stored: with the birthday key that follows the date of birth. */
export function withBirthMonthDay(c: Record<string, unknown>): Record<string, unknown> {
  const dob = c.dateOfBirth;
  return typeof dob === 'string' || dob === null ? { ...c, birthMonthDay: birthMonthDayOf(dob) } : c;
}

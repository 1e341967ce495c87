import { z } from 'zod';
import { CalendarDateSchema } from '../common';
import { ConsentStatusSchema } from '../customer';
import { errors } from '../errors';
import { zonedInstant } from '../messaging/local-time';
import { SEGMENTS } from './segments';

/** The list's orders: each is one field and one direction (the document id breaks ties). */
export const CUSTOMER_SORTS = {
  recent: { field: 'lastOrderAt', dir: 'desc', label: 'Most recent order' },
  value: { field: 'lifetimeValueCents', dir: 'desc', label: 'Lifetime value' },
  name: { field: 'searchName', dir: 'asc', label: 'Name' },
  newest: { field: 'createdAt', dir: 'desc', label: 'Newest customers' },
  points: { field: 'pointsBalance', dir: 'desc', label: 'Most points' },
} as const;
export type CustomerSort = keyof typeof CUSTOMER_SORTS;
const SORT_NAMES = Object.keys(CUSTOMER_SORTS) as [CustomerSort, ...CustomerSort[]];

/** A range orders the list by its own field (Firestore needs the range field ordered first). */
export const RANGE_SORT = { lastOrder: 'recent', points: 'points', spend: 'value' } as const satisfies Record<string, CustomerSort>;
export type RangeKind = keyof typeof RANGE_SORT;
export const RANGE_LABELS: Record<RangeKind, string> = { lastOrder: 'last order', points: 'points', spend: 'spend' };

const blankToUndefined = (raw: unknown) =>
  raw && typeof raw === 'object' ? Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter(([, v]) => v !== '' && v !== undefined)) : raw;

const int = (min: number, label: string) =>
  z.coerce
    .number({ message: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be ${min} or more.`)
    .max(1_000_000_000, `${label} is too large.`);

const Fields = z.object({
  q: z.string().trim().max(100, 'Search is at most 100 characters.').optional(),
  sort: z.enum(SORT_NAMES, { message: `Sort must be one of: ${SORT_NAMES.join(', ')}.` }).default('recent'),
  cursor: z.string().max(500).optional(),
  before: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100, 'At most 100 customers a page.').default(25),
  /** `0`: leave out the filter's total (a picker at the counter needs the first matches, not a count). */
  total: z.enum(['0', '1'], { message: 'total is 0 or 1.' }).default('1'),
  segment: z.enum(SEGMENTS, { message: `Segment must be one of: ${SEGMENTS.join(', ')}.` }).optional(),
  tier: z.string().trim().min(1).max(100, 'Tier is at most 100 characters.').optional(),
  tag: z.string().trim().min(1).max(40, 'A tag is at most 40 characters.').optional(),
  /** A saved segment's id: its members carry it in savedSegmentIds (docs/crm.md, Saved segments). */
  savedSegment: z
    .string()
    .trim()
    .regex(/^seg_[a-z0-9]{1,40}$/, 'That is not a saved segment.')
    .optional(),
  emailConsent: ConsentStatusSchema.optional(),
  smsConsent: ConsentStatusSchema.optional(),
  location: z.string().trim().min(1).max(100, 'Location is at most 100 characters.').optional(),
  lastOrderFrom: CalendarDateSchema.optional(),
  lastOrderTo: CalendarDateSchema.optional(),
  pointsMin: int(-1_000_000_000, 'Minimum points').optional(),
  pointsMax: int(-1_000_000_000, 'Maximum points').optional(),
  /** Whole dollars, as typed in the form; converted to cents for the query. */
  spendMin: int(0, 'Minimum spend').optional(),
  spendMax: int(0, 'Maximum spend').optional(),
});

/** The list's query string: search, sort, paging and every filter (docs/crm.md, List filters). */
export const CustomerListQuerySchema = z.preprocess(
  blankToUndefined,
  Fields.superRefine((v, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (v.lastOrderFrom && v.lastOrderTo && v.lastOrderFrom > v.lastOrderTo) issue('The last-order "from" date is after the "to" date.');
    if (v.pointsMin !== undefined && v.pointsMax !== undefined && v.pointsMin > v.pointsMax) issue('Minimum points is more than maximum points.');
    if (v.spendMin !== undefined && v.spendMax !== undefined && v.spendMin > v.spendMax) issue('Minimum spend is more than maximum spend.');
    if (v.cursor && v.before) issue('Give either cursor or before, not both.');
    // Firestore allows one array-contains per query; search and tags are both arrays on the profile.
    if (v.q && v.tag) issue('Search and the tag filter cannot be used together: clear one of them.');
    if (v.savedSegment && v.q) issue('Search and a saved segment cannot be used together: clear one of them.');
    if (v.savedSegment && v.tag) issue('The tag filter and a saved segment cannot be used together: clear one of them.');
    const ranges = rangesOf(v);
    if (ranges.length > 1) issue(`Use one range at a time (last order, points or spend); this asks for ${ranges.map((r) => RANGE_LABELS[r]).join(' and ')}.`);
    else if (ranges.length === 1 && equalityCount(v) > 1)
      issue(`A ${RANGE_LABELS[ranges[0]!]} range combines with one other filter or a search at most; remove a filter.`);
  }),
);
export type CustomerListQuery = z.output<typeof Fields>;
export type CustomerListInput = z.input<typeof Fields>;

/** The filters alone (no sort or paging): what the UI carries into links and the export. */
export const FILTER_KEYS = [
  'q',
  'segment',
  'tier',
  'tag',
  'savedSegment',
  'emailConsent',
  'smsConsent',
  'location',
  'lastOrderFrom',
  'lastOrderTo',
  'pointsMin',
  'pointsMax',
  'spendMin',
  'spendMax',
] as const satisfies ReadonlyArray<keyof CustomerListQuery>;

/** Parses the query string; anything wrong is a 400 naming what was wrong. */
export function parseCustomerListQuery(raw: unknown): CustomerListQuery {
  const parsed = CustomerListQuerySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const messages = parsed.error.issues.map((i) => (i.path.length && i.code !== 'custom' ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw errors.badRequest(messages.join(' '), { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
}

export function rangesOf(v: Partial<CustomerListQuery>): RangeKind[] {
  const out: RangeKind[] = [];
  if (v.lastOrderFrom || v.lastOrderTo) out.push('lastOrder');
  if (v.pointsMin !== undefined || v.pointsMax !== undefined) out.push('points');
  if (v.spendMin !== undefined || v.spendMax !== undefined) out.push('spend');
  return out;
}

function equalityCount(v: Partial<CustomerListQuery>): number {
  return [v.q, v.segment, v.tier, v.tag, v.savedSegment, v.emailConsent, v.smsConsent, v.location].filter((x) => x !== undefined && x !== '').length;
}

/** Whether the query touches revenue (spend filter or value order): owners and admins only. */
export function asksForRevenue(v: Pick<CustomerListQuery, 'sort' | 'spendMin' | 'spendMax'>): 'sort' | 'filter' | null {
  if (v.spendMin !== undefined || v.spendMax !== undefined) return 'filter';
  return v.sort === 'value' ? 'sort' : null;
}

export type Equality = { field: string; op: '==' | 'array-contains'; value: string };
export interface ListPlan {
  sort: CustomerSort;
  order: { field: string; dir: 'asc' | 'desc' };
  equalities: Equality[];
  range: { field: string; min?: number | Date; maxExclusive?: Date; max?: number } | null;
}

const dateParts = (d: string) => d.split('-').map(Number) as [number, number, number];
const localMidnight = (timeZone: string, d: string, plusDays = 0) => {
  const [y, m, day] = dateParts(d);
  const next = new Date(Date.UTC(y, m - 1, day + plusDays));
  return zonedInstant(timeZone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0);
};

/**
 * The Firestore query a list request becomes: equality filters, at most one range, and the order.
 * With a range the order is the range's field, whatever sort was asked (the response says so).
 * Dates are whole days in the dispensary's time zone: from its midnight to the midnight after "to".
 */
export function planCustomerList(v: Omit<CustomerListQuery, 'q'>, timeZone: string, searchToken: string | null): ListPlan {
  const range = rangesOf(v)[0];
  const sort = range ? RANGE_SORT[range] : v.sort;
  const { field, dir } = CUSTOMER_SORTS[sort];
  const equalities: Equality[] = [];
  if (searchToken) equalities.push({ field: 'searchKeys', op: 'array-contains', value: searchToken });
  if (v.tag) equalities.push({ field: 'tags', op: 'array-contains', value: v.tag });
  if (v.savedSegment) equalities.push({ field: 'savedSegmentIds', op: 'array-contains', value: v.savedSegment });
  if (v.segment) equalities.push({ field: 'segment', op: '==', value: v.segment });
  if (v.tier) equalities.push({ field: 'loyalty.tierId', op: '==', value: v.tier });
  if (v.emailConsent) equalities.push({ field: 'consent.email.status', op: '==', value: v.emailConsent });
  if (v.smsConsent) equalities.push({ field: 'consent.sms.status', op: '==', value: v.smsConsent });
  if (v.location) equalities.push({ field: 'homeLocationId', op: '==', value: v.location });
  let planRange: ListPlan['range'] = null;
  if (range === 'lastOrder')
    planRange = {
      field,
      ...(v.lastOrderFrom ? { min: localMidnight(timeZone, v.lastOrderFrom) } : {}),
      ...(v.lastOrderTo ? { maxExclusive: localMidnight(timeZone, v.lastOrderTo, 1) } : {}),
    };
  if (range === 'points') planRange = { field, min: v.pointsMin, max: v.pointsMax };
  if (range === 'spend')
    planRange = {
      field,
      ...(v.spendMin !== undefined ? { min: v.spendMin * 100 } : {}),
      ...(v.spendMax !== undefined ? { max: v.spendMax * 100 } : {}),
    };
  return { sort, order: { field, dir }, equalities, range: planRange };
}

/** The query string for a list state, without empty values (for links: paging, clear, export). */
export function customerListParams(v: Partial<Record<keyof CustomerListQuery, string | number | undefined>>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, val] of Object.entries(v)) if (val !== undefined && val !== '') out.set(k, String(val));
  return out;
}

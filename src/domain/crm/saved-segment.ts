import { z } from 'zod';
import { IdSchema } from '../common';
import { ConsentStatusSchema, type ConsentStatus } from '../customer';
import { CATEGORY_LABELS } from '../loyalty/public-menu';
import { daysSinceLastOrder, SegmentSchema } from './segments';

/**
 * Saved segments (docs/crm.md, Saved segments): a dispensary's own audiences, a list of
 * conditions that must all hold. Pure: the same predicate decides membership in the job, in an
 * order's transaction, in the nightly pass and in the editor's live count.
 */

export const SAVED_SEGMENT_MAX_CONDITIONS = 20;
const LIST_MAX = 50;

const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).min(1, `Choose at least one ${what}.`).max(LIST_MAX, `Choose at most ${LIST_MAX} ${what}s.`);
const whole = (what: string) =>
  z
    .number({ message: `${what} must be a number.` })
    .int(`${what} must be a whole number.`)
    .min(0, `${what} cannot be negative.`)
    .max(1_000_000_000, `${what} is too large.`);
const days = (what: string) => whole(what).min(1, `${what} must be at least 1 day.`).max(3650, `${what} must be at most 3650 days.`);

/** A between condition: either end may be left open, not both; the smaller end first. */
const between = <K extends string>(kind: K, what: string) =>
  z
    .object({ kind: z.literal(kind), min: whole(`The lowest ${what}`).nullable().default(null), max: whole(`The highest ${what}`).nullable().default(null) })
    .refine((c) => c.min !== null || c.max !== null, { message: `Give a lowest or a highest ${what}.` })
    .refine((c) => c.min === null || c.max === null || c.min <= c.max, { message: `The lowest ${what} must not be above the highest.` });

export const SavedSegmentConditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('segment'), segments: list(SegmentSchema, 'segment') }),
  z.object({ kind: z.literal('tier'), tierIds: list(z.string().min(1).max(100), 'tier') }),
  z.object({ kind: z.literal('tags'), match: z.enum(['any', 'all', 'none']), tags: list(z.string().trim().min(1).max(40), 'tag') }),
  between('points', 'points balance'),
  /** Cents (the editor takes dollars). */
  between('spend', 'lifetime spend'),
  between('orders', 'order count'),
  /** Cents. */
  between('average', 'average order'),
  z
    .object({ kind: z.literal('last_order'), when: z.enum(['within', 'more_than', 'never']), days: days('The number of days').nullable().default(null) })
    .refine((c) => c.when === 'never' || c.days !== null, { message: 'Say how many days.' }),
  z.object({ kind: z.literal('email_consent'), statuses: list(ConsentStatusSchema, 'consent status') }),
  z.object({ kind: z.literal('sms_consent'), statuses: list(ConsentStatusSchema, 'consent status') }),
  z.object({ kind: z.literal('location'), locationIds: list(z.string().min(1).max(128), 'location') }),
  z.object({ kind: z.literal('categories'), categories: list(z.string().trim().min(1).max(60), 'category') }),
  z.object({ kind: z.literal('joined'), days: days('The number of days') }),
  z.object({ kind: z.literal('birthday_month'), months: list(z.number().int().min(1, 'Months are 1 to 12.').max(12, 'Months are 1 to 12.'), 'month') }),
]);
export type SavedSegmentCondition = z.infer<typeof SavedSegmentConditionSchema>;
export type ConditionKind = SavedSegmentCondition['kind'];

export const SavedSegmentDefinitionSchema = z.object({
  conditions: z
    .array(SavedSegmentConditionSchema)
    .min(1, 'Add at least one condition.')
    .max(SAVED_SEGMENT_MAX_CONDITIONS, `A segment has at most ${SAVED_SEGMENT_MAX_CONDITIONS} conditions.`),
});
export type SavedSegmentDefinition = z.infer<typeof SavedSegmentDefinitionSchema>;

export const SavedSegmentInputSchema = z.object({
  name: z.string().trim().min(1, 'Name the segment.').max(80, 'Keep the name under 80 characters.'),
  description: z.string().trim().max(300, 'Keep the description under 300 characters.').nullable().default(null),
  definition: SavedSegmentDefinitionSchema,
});
export type SavedSegmentInput = z.input<typeof SavedSegmentInputSchema>;

/** A pass over every customer setting or clearing the segment's id (after a create, an edit or an archive). */
export const SavedSegmentJobSchema = z.object({
  status: z.enum(['running', 'done']),
  /** The definition's version it applies; names the entered events so a rerun stores each once. */
  version: z.number().int().positive(),
  cursor: z.string().nullable(),
  processed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  entered: z.number().int().nonnegative(),
  startedAt: z.date(),
  updatedAt: z.date(),
  finishedAt: z.date().nullable(),
});
export type SavedSegmentJob = z.infer<typeof SavedSegmentJobSchema>;

/** tenants/{orgId}/saved_segments/{id}. Members carry the id in `savedSegmentIds` on their profile. */
export const SavedSegmentSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(80),
  description: z.string().max(300).nullable(),
  definition: SavedSegmentDefinitionSchema,
  /** Bumped by every edit: the job and the entered events of that definition carry it. */
  version: z.number().int().positive(),
  /** Members when the last pass finished (the list counts live; this is for places that cannot). */
  memberCount: z.number().int().nonnegative(),
  evaluatedAt: z.date().nullable(),
  job: SavedSegmentJobSchema,
  /** Whether a job is due (the tick's query): mirrors job.status. */
  jobRunning: z.boolean(),
  createdBy: z.object({ uid: z.string(), email: z.string().nullable() }),
  createdAt: z.date(),
  updatedAt: z.date(),
  archived: z.boolean(),
  archivedAt: z.date().nullable(),
});
export type SavedSegment = z.infer<typeof SavedSegmentSchema>;

/** The profile fields the predicate reads; the live count projects exactly these. */
export const SUBJECT_FIELDS = [
  'segment',
  'loyalty.tierId',
  'tags',
  'pointsBalance',
  'lifetimeValueCents',
  'orderCount',
  'avgOrderValueCents',
  'lastOrderAt',
  'consent.email.status',
  'consent.sms.status',
  'homeLocationId',
  'categoriesBought',
  'createdAt',
  'dateOfBirth',
  'mergedInto',
] as const;

export interface SavedSegmentSubject {
  segment?: string | null;
  loyalty?: { tierId?: string | null } | null;
  tags?: string[];
  pointsBalance?: number;
  lifetimeValueCents?: number;
  orderCount?: number;
  avgOrderValueCents?: number;
  lastOrderAt?: Date | null;
  consent?: { email?: { status?: ConsentStatus }; sms?: { status?: ConsentStatus } };
  homeLocationId?: string | null;
  categoriesBought?: string[];
  createdAt?: Date;
  dateOfBirth?: string | null;
  mergedInto?: string | null;
}

const within = (v: number, c: { min: number | null; max: number | null }) => (c.min === null || v >= c.min) && (c.max === null || v <= c.max);
const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.trim().toLowerCase()));

function holds(c: SavedSegmentCondition, s: SavedSegmentSubject, now: Date): boolean {
  switch (c.kind) {
    case 'segment':
      return !!s.segment && (c.segments as string[]).includes(s.segment);
    case 'tier':
      return !!s.loyalty?.tierId && c.tierIds.includes(s.loyalty.tierId);
    case 'tags': {
      // Tags compare without case, as everywhere else (docs/crm.md, Tags).
      const has = lower(s.tags ?? []);
      const wanted = [...lower(c.tags)];
      if (c.match === 'any') return wanted.some((t) => has.has(t));
      if (c.match === 'all') return wanted.every((t) => has.has(t));
      return !wanted.some((t) => has.has(t));
    }
    case 'points':
      return within(s.pointsBalance ?? 0, c);
    case 'spend':
      return within(s.lifetimeValueCents ?? 0, c);
    case 'orders':
      return within(s.orderCount ?? 0, c);
    case 'average':
      return within(s.avgOrderValueCents ?? 0, c);
    case 'last_order': {
      // Elapsed days, as the built-in segments count them: the nightly pass gives the same answer at any hour.
      const d = daysSinceLastOrder(s.lastOrderAt ?? null, now);
      if (c.when === 'never') return d === null;
      if (d === null) return false;
      return c.when === 'within' ? d < c.days! : d > c.days!;
    }
    case 'email_consent':
      return c.statuses.includes(s.consent?.email?.status ?? 'unknown');
    case 'sms_consent':
      return c.statuses.includes(s.consent?.sms?.status ?? 'unknown');
    case 'location':
      return !!s.homeLocationId && c.locationIds.includes(s.homeLocationId);
    case 'categories': {
      const bought = lower(s.categoriesBought ?? []);
      return [...lower(c.categories)].some((x) => bought.has(x));
    }
    case 'joined':
      return !!s.createdAt && now.getTime() - s.createdAt.getTime() < c.days * 86_400_000;
    case 'birthday_month': {
      const month = s.dateOfBirth ? Number(s.dateOfBirth.slice(5, 7)) : null;
      return month !== null && c.months.includes(month);
    }
  }
}

/** Whether the customer is in the segment now: every condition holds. A merged-away profile is in none. */
export function matchesSavedSegment(definition: SavedSegmentDefinition, customer: SavedSegmentSubject, now: Date): boolean {
  if (customer.mergedInto) return false;
  return definition.conditions.every((c) => holds(c, customer, now));
}

/** Conditions that quote spend: a budtender may not preview them (docs/crm.md, Who sees what). */
export function quotesRevenue(definition: SavedSegmentDefinition): boolean {
  return definition.conditions.some((c) => c.kind === 'spend' || c.kind === 'average');
}

/**
 * The profile's `savedSegmentIds` after evaluating `segments`: each one known is set or cleared,
 * ids of segments not given (created since the caller loaded them) are kept for their own job.
 * `entered` lists the segments the customer was not in before. Same array when nothing moved.
 */
export function savedMembership(
  current: readonly string[] | undefined,
  segments: ReadonlyArray<Pick<SavedSegment, 'id' | 'definition' | 'archived'>>,
  subject: SavedSegmentSubject,
  now: Date,
): { ids: string[]; entered: string[]; changed: boolean } {
  const before = current ?? [];
  const known = new Set(segments.map((s) => s.id));
  const ids = before.filter((id) => !known.has(id));
  const entered: string[] = [];
  for (const s of segments) {
    if (s.archived || !matchesSavedSegment(s.definition, subject, now)) continue;
    ids.push(s.id);
    if (!before.includes(s.id)) entered.push(s.id);
  }
  const changed = ids.length !== before.length || ids.some((id) => !before.includes(id));
  return { ids: changed ? ids : [...before], entered, changed };
}

export interface DescribeNames {
  tiers?: Record<string, string>;
  locations?: Record<string, string>;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CONSENT_WORDS: Record<ConsentStatus, string> = { opted_in: 'opted in', opted_out: 'opted out', unknown: 'not asked' };
const dollars = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
const or = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`);
const and = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

function range(c: { min: number | null; max: number | null }, what: string, fmt: (n: number) => string): string {
  if (c.min !== null && c.max !== null) return c.min === c.max ? `${what} exactly ${fmt(c.min)}` : `${what} ${fmt(c.min)} to ${fmt(c.max)}`;
  return c.min !== null ? `${what} ${fmt(c.min)} or more` : `${what} ${fmt(c.max!)} or less`;
}

/** One condition in plain words ("bought edible", "last order more than 30 days ago"); ids become names. */
export function describeCondition(c: SavedSegmentCondition, names: DescribeNames = {}): string {
  switch (c.kind) {
    case 'segment':
      return or(c.segments);
    case 'tier':
      return `${or(c.tierIds.map((id) => names.tiers?.[id] ?? 'a tier no longer offered'))} tier`;
    case 'tags': {
      const quoted = c.tags.map((t) => `“${t}”`);
      return c.match === 'any' ? `tagged ${or(quoted)}` : c.match === 'all' ? `tagged ${and(quoted)}` : `not tagged ${or(quoted)}`;
    }
    case 'points':
      return range(c, 'points', (n) => n.toLocaleString('en-US'));
    case 'spend':
      return range(c, 'spent', dollars);
    case 'orders':
      return range(c, 'orders', (n) => n.toLocaleString('en-US'));
    case 'average':
      return range(c, 'average order', dollars);
    case 'last_order':
      if (c.when === 'never') return 'never ordered';
      return c.when === 'within' ? `last order within ${plural(c.days!, 'day')}` : `last order more than ${plural(c.days!, 'day')} ago`;
    case 'email_consent':
      return `email ${or(c.statuses.map((s) => CONSENT_WORDS[s]))}`;
    case 'sms_consent':
      return `SMS ${or(c.statuses.map((s) => CONSENT_WORDS[s]))}`;
    case 'location':
      return `home store ${or(c.locationIds.map((id) => names.locations?.[id] ?? 'a store no longer listed'))}`;
    case 'categories':
      return `bought ${or(c.categories.map((x) => (CATEGORY_LABELS as Record<string, string>)[x]?.toLowerCase() ?? x.replace(/_/g, ' ')))}`;
    case 'joined':
      return `joined within ${plural(c.days, 'day')}`;
    case 'birthday_month':
      return `birthday in ${or(c.months.map((m) => MONTHS[m - 1]!))}`;
  }
}

/** The whole definition: "VIP or Loyal, bought edible, last order more than 30 days ago". */
export function describeSavedSegment(definition: SavedSegmentDefinition, names: DescribeNames = {}): string {
  return definition.conditions.map((c) => describeCondition(c, names)).join(', ');
}

/**
 * A `segment_entered` trigger names a saved segment as `saved:<id>`: the trigger keeps its one
 * string field, so every playbook saved before saved segments existed still parses as it was.
 */
export const SAVED_TRIGGER_PREFIX = 'saved:';
export const savedTriggerSegment = (id: string) => `${SAVED_TRIGGER_PREFIX}${id}`;
export function savedSegmentIdOfTrigger(segment: string): string | null {
  return segment.startsWith(SAVED_TRIGGER_PREFIX) ? segment.slice(SAVED_TRIGGER_PREFIX.length) || null : null;
}

/** The zod problems of a definition as one sentence per problem, for a 400. */
export function definitionProblems(error: z.ZodError): string {
  return [...new Set(error.issues.map((i) => i.message))].join(' ');
}

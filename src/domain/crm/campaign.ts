import { z } from 'zod';
import { ChannelSchema } from '../customer';
import type { GateReason } from '../messaging/send';
import { TemplateKeySchema } from '../messaging/template';
import { SegmentSchema, type Segment } from './segments';
import { CampaignCodeInputSchema } from '../analytics/campaign-code';

/** Customers messaged per minute unless the campaign says otherwise: gentle on the providers and on the counter. */
export const DEFAULT_CAMPAIGN_RATE = 120;
/** The audience check reads at most this many customers; beyond, its counts are scaled from them. */
export const AUDIENCE_CHECK_MAX = 10_000;

export const CampaignInputSchema = z.object({
  name: z.string().trim().min(1, 'Name the campaign').max(80, 'Keep the name under 80 characters'),
  /** The audience: one of the nine segments, or a saved segment (docs/crm.md, Saved segments). */
  segment: SegmentSchema.optional(),
  savedSegmentId: z.string().min(1).max(128).optional(),
  channel: ChannelSchema,
  templateId: TemplateKeySchema,
  ratePerMinute: z.coerce
    .number()
    .int('A whole number of customers per minute')
    .min(1, 'At least 1 customer a minute')
    .max(1_000, 'At most 1,000 customers a minute')
    .default(DEFAULT_CAMPAIGN_RATE),
  /** When to start; absent or null: now. */
  startAt: z.coerce.date().nullable().default(null),
  /** A discount code the message hands out ({{ offer.code }}): orders carrying it are this campaign's (docs/analytics.md). */
  discountCode: z.preprocess((v) => (v === '' || v === null ? undefined : v), CampaignCodeInputSchema.optional()),
});
export type CampaignInput = z.input<typeof CampaignInputSchema>;

const oneAudience = (a: { segment?: unknown; savedSegmentId?: unknown }) => (a.segment === undefined) !== (a.savedSegmentId === undefined);
const ONE_AUDIENCE = { path: ['segment'], message: 'Choose a segment or a saved segment' };
export const CampaignCreateSchema = CampaignInputSchema.refine(oneAudience, ONE_AUDIENCE);
export const AudienceQuerySchema = CampaignInputSchema.pick({ segment: true, savedSegmentId: true, channel: true, templateId: true }).refine(
  oneAudience,
  ONE_AUDIENCE,
);

/** Who a campaign goes to: a built-in segment, or a saved segment (its name as it was when the campaign was made). */
export interface CampaignAudience {
  segment: Segment | null;
  savedSegment?: { id: string; name: string } | null;
}

/** The one filter that finds a campaign's audience: the segment field, or the saved segment's id on the profile. */
export function audienceFilter(a: CampaignAudience): [field: 'segment' | 'savedSegmentIds', op: '==' | 'array-contains', value: string] {
  return a.savedSegment ? ['savedSegmentIds', 'array-contains', a.savedSegment.id] : ['segment', '==', a.segment ?? ''];
}

/** "VIP", or "the saved segment “Lapsed edible buyers”". */
export function audienceWords(a: CampaignAudience): string {
  return a.savedSegment ? `the saved segment “${a.savedSegment.name}”` : (a.segment ?? 'no segment');
}

export const CampaignStatusSchema = z.enum(['scheduled', 'sending', 'paused', 'cancelled', 'done']);
export type CampaignStatus = z.infer<typeof CampaignStatusSchema>;

/** What became of each customer the campaign reached: queued (going now), deferred (quiet hours), skipped by the gate, or failed. */
export const CampaignTallySchema = z.object({
  queued: z.number().int().nonnegative(),
  deferred: z.number().int().nonnegative(),
  skipped: z.record(z.string(), z.number().int().nonnegative()),
  failed: z.number().int().nonnegative(),
});
export type CampaignTally = z.infer<typeof CampaignTallySchema>;

/**
 * tenants/{orgId}/campaigns/{id}: one message to everyone in a segment. The customers are walked
 * in id order; `cursor` is the last one reached, moved in the same write as the tally of its
 * chunk, and every send's key is `campaign:{id}:{customerId}`, so a restarted chunk never
 * messages anyone twice.
 */
export const CampaignSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** null when the audience is a saved segment. */
  segment: SegmentSchema.nullable(),
  savedSegment: z.object({ id: z.string(), name: z.string() }).nullable().default(null),
  channel: ChannelSchema,
  templateId: TemplateKeySchema,
  ratePerMinute: z.number().int().positive(),
  status: CampaignStatusSchema,
  startAt: z.date(),
  /** When the tick next takes a chunk (the start, then a minute after each chunk). */
  nextRunAt: z.date(),
  cursor: z.string().nullable(),
  processed: z.number().int().nonnegative(),
  /** Customers in the segment when sending began (a count query); null until then. */
  total: z.number().int().nonnegative().nullable(),
  tally: CampaignTallySchema,
  createdBy: z.object({ uid: z.string(), email: z.string().nullable() }),
  createdAt: z.date(),
  updatedAt: z.date(),
  finishedAt: z.date().nullable(),
  /** Who paused or cancelled it, and when (the last such change). */
  stoppedBy: z.object({ uid: z.string(), email: z.string().nullable(), at: z.date() }).nullable(),
  /** Its discount code, normalised; null without one. */
  discountCode: z.string().nullable().default(null),
});
export type Campaign = z.infer<typeof CampaignSchema>;

export const EMPTY_TALLY: CampaignTally = { queued: 0, deferred: 0, skipped: {}, failed: 0 };

/** Adds one send's outcome to a tally (a new object). */
export function addToTally(t: CampaignTally, outcome: { status: string; reason: GateReason | null } | 'failed'): CampaignTally {
  if (outcome === 'failed') return { ...t, failed: t.failed + 1 };
  if (outcome.status === 'skipped' || outcome.status === 'cancelled') {
    const reason = outcome.reason ?? 'other';
    return { ...t, skipped: { ...t.skipped, [reason]: (t.skipped[reason] ?? 0) + 1 } };
  }
  if (outcome.status === 'deferred') return { ...t, deferred: t.deferred + 1 };
  return { ...t, queued: t.queued + 1 };
}

export function mergeTallies(a: CampaignTally, b: CampaignTally): CampaignTally {
  const skipped = { ...a.skipped };
  for (const [k, v] of Object.entries(b.skipped)) skipped[k] = (skipped[k] ?? 0) + v;
  return { queued: a.queued + b.queued, deferred: a.deferred + b.deferred, skipped, failed: a.failed + b.failed };
}

/** 0-100 for the progress bar. */
export function campaignPercent(c: Pick<Campaign, 'status' | 'processed' | 'total'>): number {
  if (c.status === 'done') return 100;
  return c.total ? Math.min(99, Math.floor((c.processed / c.total) * 100)) : 0;
}

/** Plain words for the reasons the gate holds a message back (the audience check and the campaign's tally). */
export const SKIP_REASON_WORDS: Partial<Record<GateReason | 'other', string>> = {
  opted_out: 'Opted out',
  not_opted_in: 'Not opted in to SMS',
  no_address: 'No address on file',
  invalid_address: 'Address not valid',
  undeliverable: 'Email undeliverable',
  under_age: 'Under 21',
  age_unknown: 'Age unknown (verification required)',
  frequency_cap: 'Frequency cap reached',
  content_blocked: 'Message blocked by the content rules',
  other: 'Other',
};

export function skipReasonWords(reason: string): string {
  return SKIP_REASON_WORDS[reason as GateReason] ?? reason.replace(/_/g, ' ');
}

/** The audience after the gate: who would get it now, who waits for quiet hours to end, who is held back and why. */
export interface AudienceCheck {
  /** The audience in words: "VIP", "the saved segment “…”". */
  segment: string;
  channel: 'email' | 'sms';
  inSegment: number;
  checked: number;
  /** True when the segment is larger than AUDIENCE_CHECK_MAX: the counts below are scaled from the first customers checked. */
  estimated: boolean;
  send: number;
  deferred: number;
  skipped: Array<{ reason: string; label: string; count: number }>;
}

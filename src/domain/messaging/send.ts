import { z } from 'zod';
import { IdSchema } from '../common';
import { ChannelSchema, MessageKindSchema } from './channel';
import { TemplateKeySchema } from './template';

/** Who asked for the message. The playbook engine passes its run and step. */
export const SendSourceSchema = z.discriminatedUnion('type', [
  // playbookId lets the playbook list count its messages without reading runs.
  z.object({
    type: z.literal('playbook'),
    runId: z.string().min(1).max(200),
    stepId: z.string().min(1).max(200),
    playbookId: z.string().min(1).max(200).optional(),
    /** The A/B variant the run was in when it sent (docs/analytics.md: rollups per variant). */
    variant: z.string().min(1).max(40).optional(),
    /** The agent whose work the message carries (Smokey's picks, Mrs. Parker's loyalty news); Craig when absent. */
    agent: z.enum(['craig', 'smokey', 'mrs_parker', 'pops']).optional(),
  }),
  z.object({ type: z.literal('campaign'), id: z.string().min(1).max(200) }),
  z.object({ type: z.literal('manual'), actorUid: z.string().min(1).max(200) }),
]);
export type SendSource = z.infer<typeof SendSourceSchema>;

/** Messages BakedBot sends by itself: answers to the customer (a STOP, a START, a HELP, an ambiguous reply), and reports to staff. */
export const SystemPurposeSchema = z.enum([
  'opt_out_confirmation',
  'opt_in_confirmation',
  'help_reply',
  'revocation_clarification',
  // An agent's report emailed to a staff member (Pops's weekly report), not a customer: no customer gate applies.
  'staff_report',
]);
export type SystemPurpose = z.infer<typeof SystemPurposeSchema>;

export const StoredSendSourceSchema = z.union([SendSourceSchema, z.object({ type: z.literal('system'), purpose: SystemPurposeSchema })]);
export type StoredSendSource = z.infer<typeof StoredSendSourceSchema>;

export const MessageContentSchema = z.object({
  /** Email only; Liquid allowed. */
  subject: z.string().trim().max(200).optional(),
  /** Email: an HTML fragment; SMS: plain text. Liquid allowed. */
  body: z.string().min(1, 'Write a message').max(20_000),
});
export type MessageContent = z.infer<typeof MessageContentSchema>;

export const SendMessageInputSchema = z
  .object({
    customerId: IdSchema,
    channel: ChannelSchema,
    kind: MessageKindSchema,
    templateId: TemplateKeySchema.optional(),
    templateKey: TemplateKeySchema.optional(),
    content: MessageContentSchema.optional(),
    /** Values for the template beyond the customer and dispensary: order, cart, product, offer... */
    variables: z.record(z.string(), z.unknown()).default({}),
    /** The same key always yields the same send: a retried call never sends twice. */
    idempotencyKey: z.string().min(1).max(300),
    source: SendSourceSchema,
  })
  .superRefine((v, ctx) => {
    const given = [v.templateId, v.templateKey, v.content].filter((x) => x !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: 'custom', path: ['templateId'], message: 'Give exactly one of templateId, templateKey or content' });
    if (v.templateId && v.templateKey && v.templateId !== v.templateKey)
      ctx.addIssue({ code: 'custom', path: ['templateKey'], message: 'templateId and templateKey name different templates' });
  });
export type SendMessageInput = z.input<typeof SendMessageInputSchema>;
export type ParsedSendMessageInput = z.output<typeof SendMessageInputSchema>;

export const SendStatusSchema = z.enum([
  'queued',
  'deferred',
  'sending',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'failed',
  'skipped',
  'cancelled',
]);
export type SendStatus = z.infer<typeof SendStatusSchema>;

/** Engagement only moves forward: an open after a click does not undo the click. */
export const STATUS_RANK: Record<SendStatus, number> = {
  skipped: 0,
  cancelled: 0,
  queued: 1,
  deferred: 1,
  sending: 2,
  failed: 3,
  sent: 4,
  delivered: 5,
  opened: 6,
  clicked: 7,
  bounced: 8,
};

export const GateReasonSchema = z.enum([
  'ok',
  'opted_out',
  'not_opted_in',
  'no_address',
  'invalid_address',
  'undeliverable',
  'under_age',
  'age_unknown',
  'frequency_cap',
  'quiet_hours',
  'content_blocked',
]);
export type GateReason = z.infer<typeof GateReasonSchema>;

export const GateCheckSchema = z.object({
  check: z.enum(['consent', 'address', 'age', 'content', 'frequency_cap', 'quiet_hours']),
  ok: z.boolean(),
  note: z.string(),
});
export type GateCheck = z.infer<typeof GateCheckSchema>;

export const GateDecisionSchema = z.object({
  outcome: z.enum(['send', 'defer', 'skip']),
  reason: GateReasonSchema,
  /** One sentence for the dashboard: why she did (or did not) get the text. */
  detail: z.string(),
  /** Deferred sends go out at this instant (the next allowed minute in the customer's zone). */
  sendAt: z.date().nullable(),
  timeZone: z.string().nullable(),
  zoneFrom: z.enum(['customer', 'location', 'tenant']).nullable(),
  checks: z.array(GateCheckSchema),
  decidedAt: z.date(),
});
export type GateDecision = z.infer<typeof GateDecisionSchema>;

export const SegmentInfoSchema = z.object({
  count: z.number().int().nonnegative(),
  encoding: z.enum(['GSM-7', 'UCS-2']),
  characters: z.number().int().nonnegative(),
});
export type SegmentInfo = z.infer<typeof SegmentInfoSchema>;

/** The message exactly as the customer receives it. */
export const RenderedMessageSchema = z.object({
  subject: z.string().nullable(),
  html: z.string().nullable(),
  /** Email: the plain-text part; SMS: the text. */
  text: z.string(),
  segments: SegmentInfoSchema.nullable(),
  headers: z.record(z.string(), z.string()),
});
export type RenderedMessage = z.infer<typeof RenderedMessageSchema>;

export const ProviderNameSchema = z.enum(['mailjet', 'blackleaf', 'outbox']);
export type ProviderName = z.infer<typeof ProviderNameSchema>;

export const SendEventSchema = z.object({
  type: z.string().min(1).max(40),
  at: z.date(),
  detail: z.string().max(500).nullable(),
});
export type SendEvent = z.infer<typeof SendEventSchema>;

export const SendErrorSchema = z.object({
  code: z.string().max(100),
  message: z.string().max(1000),
  retryable: z.boolean(),
  at: z.date(),
});

export const SendSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  channel: ChannelSchema,
  kind: MessageKindSchema,
  purpose: z.union([z.literal('message'), SystemPurposeSchema]),
  templateId: z.string().nullable(),
  source: StoredSendSourceSchema,
  idempotencyKey: z.string(),
  status: SendStatusSchema,
  decision: GateDecisionSchema,
  /** The address the gate approved (email or E.164 phone); null when there was none. */
  to: z.string().nullable(),
  message: RenderedMessageSchema,
  /**
   * Whether the text shows money from its variables (an order or cart total): such a text is
   * for owners and admins. Absent on sends recorded before it existed: treated as true.
   */
  revenueInText: z.boolean().optional(),
  /** Original URLs of tracked links, by index: /r/{trackToken}-{index} redirects only to these. */
  links: z.array(z.string()),
  trackToken: z.string().min(8),
  provider: ProviderNameSchema.nullable(),
  providerMessageId: z.string().nullable(),
  sandbox: z.boolean(),
  attempts: z.number().int().nonnegative(),
  lastError: SendErrorSchema.nullable(),
  /** When the tick should next look at this send (deferred release, retry, lease expiry); null when done. */
  dueAt: z.date().nullable(),
  leaseUntil: z.date().nullable(),
  sentAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  openedAt: z.date().nullable(),
  clickedAt: z.date().nullable(),
  failedAt: z.date().nullable(),
  /** Set when a queued or deferred send was withdrawn before it went (its playbook run ended). */
  cancelledAt: z.date().nullable().default(null),
  cancelReason: z.string().max(500).nullable().default(null),
  events: z.array(SendEventSchema).max(200),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Send = z.infer<typeof SendSchema>;

export const SEND_STATUS_LABEL: Record<SendStatus, string> = {
  queued: 'Queued',
  deferred: 'Deferred',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  opened: 'Opened',
  clicked: 'Clicked',
  bounced: 'Bounced',
  failed: 'Failed',
  skipped: 'Not sent',
  cancelled: 'Cancelled',
};

/** Statuses a send waits in before it goes: the only ones that can still be cancelled. */
export const PENDING_SEND_STATUSES = ['queued', 'deferred'] as const satisfies readonly SendStatus[];

/** A new send's delivery fields: nothing has happened to it yet. */
export const UNSENT = {
  provider: null,
  providerMessageId: null,
  attempts: 0,
  lastError: null,
  leaseUntil: null,
  sentAt: null,
  deliveredAt: null,
  openedAt: null,
  clickedAt: null,
  failedAt: null,
  cancelledAt: null,
  cancelReason: null,
} as const satisfies Partial<Send>;

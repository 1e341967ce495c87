import { z } from 'zod';
import { ChannelSchema, ConsentStatusSchema } from '../customer';
import { IdSchema } from '../common';

/** A text a customer sent us: a keyword (STOP, START, HELP), an ambiguous reply, or a reply for the timeline. */
export const InboundMessageSchema = z.object({
  id: IdSchema,
  channel: z.literal('sms'),
  /** Null when no customer of this dispensary has the number. */
  customerId: z.string().nullable(),
  from: z.string().min(3).max(32),
  to: z.string().max(32).nullable(),
  body: z.string().max(2_000),
  intent: z.enum(['stop', 'start', 'help', 'ambiguous', 'other']),
  /** What BakedBot did about it. */
  handledAs: z.enum(['opted_out', 'opted_in', 'help_answered', 'clarification_sent', 'stored', 'unknown_sender']),
  providerMessageId: z.string().max(200).nullable(),
  replySendIds: z.array(z.string()),
  receivedAt: z.date(),
  createdAt: z.date(),
});
export type InboundMessage = z.infer<typeof InboundMessageSchema>;

/** Every change of consent, kept so "when and how did she opt out?" always has an answer. */
export const ConsentEventSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  channel: ChannelSchema,
  status: ConsentStatusSchema,
  previousStatus: ConsentStatusSchema,
  source: z.string().min(1).max(60),
  /** Staff uid or a system name (system:sms-reply, system:mailjet...). */
  actor: z.string().max(200),
  note: z.string().max(300).nullable(),
  sendId: z.string().nullable(),
  /** The recorder's name as staff read it (counter consent); absent for system changes and older records. */
  actorName: z.string().max(120).nullable().optional(),
  /** What the customer was shown or read when consent was taken at the counter (docs/crm.md, The customer page). */
  disclosure: z.string().max(1000).nullable().optional(),
  at: z.date(),
});
export type ConsentEvent = z.infer<typeof ConsentEventSchema>;

export const MessagingWebhookProviderSchema = z.enum(['mailjet', 'blackleaf']);
export type MessagingWebhookProvider = z.infer<typeof MessagingWebhookProviderSchema>;

/** Where a provider posts events back. The password is never stored, only its SHA-256. */
export const MessagingWebhookSchema = z.object({
  id: IdSchema,
  /** Repeats the id so a collection-group query can find the tenant from the URL. */
  endpointId: IdSchema,
  provider: MessagingWebhookProviderSchema,
  username: z.string().min(1).max(64),
  passwordSha256: z.string().regex(/^[0-9a-f]{64}$/),
  disabled: z.boolean(),
  createdAt: z.date(),
  rotatedAt: z.date(),
  lastUsedAt: z.date().nullable(),
  createdBy: z.string(),
});
export type MessagingWebhook = z.infer<typeof MessagingWebhookSchema>;

/** Accepted marketing messages per customer and channel, for frequency caps under concurrency. */
export const CapReservationSchema = z.object({ sendId: z.string(), at: z.date() });
export const MessageCapStateSchema = z.object({
  id: IdSchema,
  email: z.array(CapReservationSchema),
  sms: z.array(CapReservationSchema),
  updatedAt: z.date(),
});
export type MessageCapState = z.infer<typeof MessageCapStateSchema>;

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { IdSchema } from '../common';
import { LineItemDataSchema } from '../events/event-data';
import { EventSourceSchema } from '../events/event-data';

/** Deterministic document ids from a sender's ids, so the same thing always lands on the same document. */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`;
}

export const IdentityKindSchema = z.enum(['ext', 'phone', 'email']);
export type IdentityKind = z.infer<typeof IdentityKindSchema>;

/** One key that identifies a person (a provider's customer id, a phone, an email), claimed by one profile. */
export const CustomerIdentitySchema = z.object({
  id: IdSchema,
  kind: IdentityKindSchema,
  value: z.string().min(1),
  customerId: IdSchema,
  createdAt: z.date(),
});
export type CustomerIdentity = z.infer<typeof CustomerIdentitySchema>;

export function identityDocId(kind: IdentityKind, value: string): string {
  return stableId(`idn_${kind}`, value);
}

/** The one document of tenants/{orgId}/customer_identity_index. */
export const IDENTITY_INDEX_DOC = 'state';

/**
 * Whether the identity documents cover every customer's keys. A dispensary created by
 * createTenant starts complete (its customers come from signals, which claim their keys); a
 * customer written any other way (the seed, an import, a fixture) marks it incomplete. While it is
 * complete a key nobody claims belongs to nobody; otherwise customers are also looked up by query.
 */
export const IdentityIndexSchema = z.object({
  id: z.string(),
  complete: z.boolean(),
  updatedAt: z.date(),
});
export type IdentityIndex = z.infer<typeof IdentityIndexSchema>;

export const RefundRecordSchema = z.object({
  /** "provider:id" of the refund. */
  externalId: z.string().min(1),
  amountCents: z.number().int().nonnegative(),
  reason: z.string().nullable(),
  refundedAt: z.date(),
  recordedAt: z.date(),
});
export type RefundRecord = z.infer<typeof RefundRecordSchema>;

/**
 * tenants/{orgId}/order_refunds/{orderId}: every refund of one order, keyed by the order so a
 * refund reported before its order waits here, and one read gives them all.
 */
export const OrderRefundsSchema = z.object({
  id: IdSchema,
  refunds: z.array(RefundRecordSchema),
  updatedAt: z.date(),
});
export type OrderRefunds = z.infer<typeof OrderRefundsSchema>;

export const CheckoutStatusSchema = z.enum(['open', 'completed', 'abandoned']);

export const CheckoutSchema = z.object({
  id: IdSchema,
  token: z.string().min(1),
  source: EventSourceSchema,
  customerId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  lineItems: z.array(LineItemDataSchema),
  totalCents: z.number().int().nonnegative(),
  recoveryUrl: z.string().nullable(),
  startedAt: z.date(),
  lastActivityAt: z.date(),
  status: CheckoutStatusSchema,
  orderId: z.string().nullable(),
  /** When the tick should check for abandonment; null once completed or abandoned. */
  abandonCheckAt: z.date().nullable(),
  abandonedAt: z.date().nullable(),
  updatedAt: z.date(),
});
export type Checkout = z.infer<typeof CheckoutSchema>;

export const DEFAULT_ABANDON_DELAY_MINUTES = 60;

export const SignalSettingsSchema = z.object({
  id: z.literal('current'),
  abandonedCheckoutDelayMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60),
  updatedAt: z.date(),
  updatedBy: z.string(),
});
export type SignalSettings = z.infer<typeof SignalSettingsSchema>;

export const UpdateSignalSettingsInputSchema = z.object({
  abandonedCheckoutDelayMinutes: z
    .number()
    .int()
    .min(5, 'At least 5 minutes')
    .max(7 * 24 * 60, 'At most 7 days'),
});

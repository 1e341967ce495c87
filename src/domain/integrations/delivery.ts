import { z } from 'zod';
import { IdSchema } from '../common';

export const DeliverySourceSchema = z.enum(['alleaves', 'shopify', 'woocommerce', 'standard', 'track_api']);
export type DeliverySource = z.infer<typeof DeliverySourceSchema>;

export const DeliveryStatusSchema = z.enum(['received', 'processing', 'processed', 'failed', 'dead_letter', 'ignored']);
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

/** States in which the retry function has nothing more to do. */
export const FINAL_STATUSES: readonly DeliveryStatus[] = ['processed', 'dead_letter', 'ignored'];

/** Raw bytes (Firestore stores them as Bytes; the admin SDK reads them back as a Buffer). */
const BytesSchema = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected bytes');

export const AttemptSchema = z.object({
  at: z.date(),
  by: z.enum(['receiver', 'retry', 'replay']),
  outcome: z.enum(['processed', 'failed', 'ignored']),
  error: z.string().nullable(),
  ms: z.number().int().nonnegative(),
  /** Milliseconds per processing stage (read, resolve, apply, ...; docs/performance.md): where the attempt's time went. */
  stages: z.record(z.string(), z.number().nonnegative()).optional(),
});
export type Attempt = z.infer<typeof AttemptSchema>;

/** Bodies up to this size sit in the delivery document; larger ones in chunk documents beside it. */
export const INLINE_BODY_BYTES = 512 * 1024;
export const MAX_BODY_BYTES = 1024 * 1024;

export const DeliverySchema = z.object({
  id: IdSchema,
  source: DeliverySourceSchema,
  endpointId: z.string().nullable(),
  apiKeyId: z.string().nullable(),
  /** The sender's id for this delivery (X-Shopify-Webhook-Id, X-WC-Webhook-Delivery-ID, webhook-id ...). */
  senderDeliveryId: z.string().nullable(),
  topic: z.string().nullable(),
  /** The sender's identity for the signal (Shopify event id, Alleaves event id ...): the base of event ids. */
  eventKey: z.string().min(1),
  /** Request headers, lower-cased, without signatures, keys or cookies. */
  headers: z.record(z.string(), z.string()),
  contentType: z.string().nullable(),
  /** The raw body, byte for byte (the first INLINE_BODY_BYTES when it is chunked). */
  body: BytesSchema,
  bodyBytes: z.number().int().nonnegative(),
  bodyChunks: z.number().int().nonnegative(),
  bodySha256: z.string(),
  receivedAt: z.date(),
  status: DeliveryStatusSchema,
  attempts: z.number().int().nonnegative(),
  attemptLog: z.array(AttemptSchema),
  lastError: z.string().nullable(),
  /** When the retry function should look at this delivery next; null once it is final. */
  nextAttemptAt: z.date().nullable(),
  processedAt: z.date().nullable(),
  ignoredReason: z.string().nullable(),
  eventIds: z.array(z.string()),
  customerIds: z.array(z.string()),
  replayedBy: z.string().nullable().default(null),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const DeliveryChunkSchema = z.object({ id: IdSchema, data: BytesSchema });

/** A delivery as the dashboard lists it: no body. */
export type DeliverySummary = Omit<Delivery, 'body' | 'headers' | 'attemptLog'>;

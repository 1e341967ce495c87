import { createHash } from 'node:crypto';
import { z } from 'zod';
import { EVENT_CATALOGUE, EventNameSchema, type EventData, type EventName } from './catalogue';
import { EventSourceSchema, type EventSource } from './event-data';

export const EventKeysSchema = z.object({
  orderId: z.string().optional(),
  customerId: z.string().optional(),
  checkoutToken: z.string().optional(),
  productId: z.string().optional(),
});
export type EventKeys = z.infer<typeof EventKeysSchema>;

/** The shape shared by every canonical event; `data` is checked against the named schema. */
export const EventEnvelopeSchema = z.object({
  /** Deterministic from the delivery (see canonicalEventId), so reprocessing is idempotent. */
  id: z.string().min(1).max(128),
  name: EventNameSchema,
  occurredAt: z.date(),
  receivedAt: z.date(),
  source: EventSourceSchema,
  customerId: z.string().nullable(),
  keys: EventKeysSchema,
  data: z.record(z.string(), z.unknown()),
});

/** Adds an issue per field of `data` that does not match the schema of the event's name. */
export function checkEventData(event: { name: EventName; data: unknown }, ctx: z.RefinementCtx): void {
  const parsed = EVENT_CATALOGUE[event.name].schema.safeParse(event.data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: ['data', ...issue.path] });
  }
}

export const CanonicalEventSchema = EventEnvelopeSchema.superRefine(checkEventData);

export type CanonicalEvent<N extends EventName = EventName> = N extends EventName
  ? {
      id: string;
      name: N;
      occurredAt: Date;
      receivedAt: Date;
      source: EventSource;
      customerId: string | null;
      keys: EventKeys;
      data: EventData<N>;
    }
  : never;

/** Validates an event of any name, data included; throws a ZodError naming the bad field. */
export function parseCanonicalEvent(input: unknown): CanonicalEvent {
  const event = CanonicalEventSchema.parse(input);
  return { ...event, data: EVENT_CATALOGUE[event.name].schema.parse(event.data) } as CanonicalEvent;
}

/**
 * The id of an event: a hash of where it came from and the sender's own identity for it (a
 * Shopify event id, a delivery id, a track messageId, a refund id). The same signal delivered
 * twice, or replayed, gets the same id.
 */
export function canonicalEventId(source: EventSource, key: string): string {
  return `evt_${createHash('sha256').update(`${source}\u0000${key}`).digest('hex').slice(0, 40)}`;
}

/** Builds an event with a type-checked data payload for its name. */
export function makeEvent<N extends EventName>(event: { name: N; data: EventData<N> } & Omit<CanonicalEvent<N>, 'name' | 'data'>): CanonicalEvent<N> {
  return event as unknown as CanonicalEvent<N>;
}

import { z } from 'zod';
import { AddressSchema, IdSchema, TimeZoneSchema } from './common';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour)');
export const OpeningSchema = z.object({ open: HHMM, close: HHMM });
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const BusinessHoursSchema = z.object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(OpeningSchema)])) as Record<Weekday, z.ZodArray<typeof OpeningSchema>>,
);

/** The senders whose order payloads name a store; an external id is "<sender>:<their store id>". */
export const LOCATION_SOURCES = ['alleaves', 'shopify', 'woocommerce', 'standard'] as const;

export const LocationExternalIdSchema = z
  .string()
  .trim()
  .max(200)
  .regex(new RegExp(`^(${LOCATION_SOURCES.join('|')}):\\S+$`), `Use <sender>:<store id>, where sender is one of ${LOCATION_SOURCES.join(', ')}`);

export const LocationSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  address: AddressSchema,
  timeZone: TimeZoneSchema,
  phone: z.string().optional(),
  businessHours: BusinessHoursSchema,
  /** The POS and storefront store ids that mean this store (optional: seeded documents predate them). */
  externalIds: z.array(z.string()).optional(),
  /** An archived store keeps its orders and customers but no longer takes new orders from ingest. */
  archivedAt: z.date().nullable().optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Location = z.infer<typeof LocationSchema>;
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** One day's openings: each closes after it opens (no overnight spans), in order, not overlapping. */
const DayHoursInputSchema = z
  .array(OpeningSchema)
  .max(3, 'At most three openings a day')
  .superRefine((openings, ctx) => {
    openings.forEach((o, i) => {
      if (minutes(o.close) <= minutes(o.open)) ctx.addIssue({ code: 'custom', path: [i, 'close'], message: 'Closing time must be after opening time' });
      const prev = openings[i - 1];
      if (prev && minutes(o.open) < minutes(prev.close)) ctx.addIssue({ code: 'custom', path: [i, 'open'], message: 'Openings must not overlap' });
    });
  });

const BusinessHoursInputSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((d) => [d, DayHoursInputSchema])) as Record<Weekday, typeof DayHoursInputSchema>,
);

const ExternalIdsInputSchema = z
  .array(LocationExternalIdSchema)
  .max(20)
  .superRefine((ids, ctx) => {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `${id} is listed twice` });
    });
  });

const LocationFieldsSchema = z.strictObject({
  name: z.string().trim().min(1, 'Give the store a name').max(120),
  address: z.strictObject({
    line1: z.string().trim().min(1, 'Street address is required').max(200),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().min(1, 'City is required').max(100),
    region: z.string().trim().min(1, 'State or region is required').max(100),
    postalCode: z.string().trim().min(1, 'Postal code is required').max(20),
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, 'Use a two-letter country code')
      .transform((c) => c.toUpperCase())
      .default('US'),
  }),
  timeZone: z.string().refine((tz) => TimeZoneSchema.safeParse(tz).success, 'Unknown IANA time zone, e.g. America/Detroit'),
  phone: z.string().trim().max(40).optional(),
  businessHours: BusinessHoursInputSchema,
  externalIds: ExternalIdsInputSchema.default([]),
});

export const CreateLocationInputSchema = LocationFieldsSchema;
export type CreateLocationInput = z.infer<typeof CreateLocationInputSchema>;

/** A partial edit; `archived` archives or restores the store (stores are never deleted). */
export const UpdateLocationInputSchema = LocationFieldsSchema.partial().extend({ archived: z.boolean().optional() });
export type UpdateLocationInput = z.infer<typeof UpdateLocationInputSchema>;

/**
 * The key a payload's store id is looked up by: "<sender>:<id>". Shopify's mapper already
 * namespaces its ids ("shopify:123"); the others pass the sender's id through as sent.
 */
export function locationKeyFor(source: string, rawLocationId: string | null | undefined): string | null {
  if (!rawLocationId) return null;
  const sender = source === 'track_api' ? 'standard' : source;
  return rawLocationId.startsWith(`${sender}:`) ? rawLocationId : `${sender}:${rawLocationId}`;
}

/** Common US zones first in the settings form; any other IANA zone may be typed. */
export const COMMON_US_TIME_ZONES = [
  'America/New_York',
  'America/Detroit',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
] as const;

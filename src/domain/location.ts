import { z } from 'zod';
import { AddressSchema, IdSchema, TimeZoneSchema } from './common';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour)');
export const OpeningSchema = z.object({ open: HHMM, close: HHMM });
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const BusinessHoursSchema = z.object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(OpeningSchema)])) as Record<Weekday, z.ZodArray<typeof OpeningSchema>>,
);

export const LocationSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  address: AddressSchema,
  timeZone: TimeZoneSchema,
  phone: z.string().optional(),
  businessHours: BusinessHoursSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Location = z.infer<typeof LocationSchema>;
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

import { z } from 'zod';

export const IdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_\-:.]+$/, 'Use letters, digits, _ - : .');

export const TimeZoneSchema = z.string().refine(isTimeZone, 'Unknown IANA time zone');

/** Zones already found valid: every stored document with a time zone is checked on each read and write. */
const knownZones = new Set<string>();

export function isTimeZone(tz: string): boolean {
  if (knownZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    return false;
  }
  if (knownZones.size < 1_000) knownZones.add(tz);
  return true;
}

export const AddressSchema = z.object({
  line1: z.string().min(1),
  line2: z.string().optional(),
  city: z.string().min(1),
  region: z.string().min(1),
  postalCode: z.string().min(1),
  country: z.string().length(2).default('US'),
});
export type Address = z.infer<typeof AddressSchema>;

export function formatAddress(a: Address): string {
  return [a.line1, a.line2, `${a.city}, ${a.region} ${a.postalCode}`].filter(Boolean).join(', ');
}

/** A calendar date with no time of day, e.g. a date of birth: "1990-04-21". */
export const CalendarDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');

export const TimestampsSchema = z.object({
  createdAt: z.date(),
  updatedAt: z.date(),
});

import { z } from 'zod';
import { IdSchema } from '../common';
import { customerDisplayName, type Customer } from '../customer';
import { wallClock } from '../messaging/local-time';
import { csvRow } from './csv';

/** The export's columns in order; contact and spend only for roles that see revenue (owners, admins). */
const COLUMNS = {
  // No contact fallback for a nameless profile: the name column goes to every role.
  name: { header: 'Name', cell: (c: Customer) => customerDisplayName({ ...c, email: null, phone: null }) },
  segment: { header: 'Segment', cell: (c: Customer) => c.segment ?? '' },
  tier: { header: 'Tier', cell: (c: Customer) => c.loyalty?.tierName ?? '' },
  points: { header: 'Points', cell: (c: Customer) => c.pointsBalance },
  lastOrder: { header: 'Last order', cell: (c: Customer, tz: string) => (c.lastOrderAt ? localDate(tz, c.lastOrderAt) : '') },
  tags: { header: 'Tags', cell: (c: Customer) => c.tags.join('; ') },
  email: { header: 'Email', cell: (c: Customer) => c.email ?? '' },
  phone: { header: 'Phone', cell: (c: Customer) => c.phone ?? '' },
  spend: { header: 'Lifetime spend', cell: (c: Customer) => (c.lifetimeValueCents / 100).toFixed(2) },
} as const;
export type ExportColumn = keyof typeof COLUMNS;

const COUNTER_COLUMNS: ExportColumn[] = ['name', 'segment', 'tier', 'points', 'lastOrder', 'tags'];
const FULL_COLUMNS: ExportColumn[] = [...COUNTER_COLUMNS, 'email', 'phone', 'spend'];

export function exportColumns(revenue: boolean): ExportColumn[] {
  return revenue ? FULL_COLUMNS : COUNTER_COLUMNS;
}

export function exportHeader(columns: readonly ExportColumn[]): string {
  return csvRow(columns.map((k) => COLUMNS[k].header));
}

/** One customer as a CSV line; the last order is a date in the dispensary's time zone. */
export function exportRow(c: Customer, columns: readonly ExportColumn[], timeZone: string): string {
  return csvRow(columns.map((k) => COLUMNS[k].cell(c, timeZone)));
}

function localDate(timeZone: string, at: Date): string {
  const w = wallClock(timeZone, at);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** "customers-2026-11-30.csv", dated in the dispensary's zone. */
export function exportFilename(now: Date, timeZone: string): string {
  return `customers-${localDate(timeZone, now)}.csv`;
}

/**
 * tenants/{orgId}/customer_exports/{id}: who exported which filter, when, and how many rows. Written
 * when the export starts (so one abandoned halfway is still on record) and completed at its end.
 */
export const CustomerExportLogSchema = z.object({
  id: IdSchema,
  actorUid: z.string().min(1).max(200),
  actorEmail: z.string().max(320).nullable(),
  role: z.string().max(40),
  at: z.date(),
  /** The filter as given in the query string (search, filters, sort). */
  filter: z.record(z.string(), z.string().max(200)),
  columns: z.array(z.string().max(40)).max(20),
  status: z.enum(['started', 'completed', 'failed']),
  rowCount: z.number().int().nonnegative(),
  completedAt: z.date().nullable(),
});
export type CustomerExportLog = z.infer<typeof CustomerExportLogSchema>;

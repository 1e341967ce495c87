import { z } from 'zod';
import { IdSchema } from '../common';
import { toCsv } from '../csv';

/**
 * What an opening-balance import stores and reports: the import (tenants/{orgId}/loyalty_imports),
 * its rows' outcomes in chunks (…/loyalty_imports/{id}/rows), the per-customer marker that lets
 * an opening balance be posted once across imports (loyalty_opening_balances/{customerId}), and
 * the reconciliation of imported points against balances now.
 */

export const IMPORT_ROW_STATUSES = ['pending', 'imported', 'replaced', 'skipped', 'unmatched', 'invalid', 'duplicate', 'failed'] as const;
export const ImportRowStatusSchema = z.enum(IMPORT_ROW_STATUSES);
export type ImportRowStatus = z.infer<typeof ImportRowStatusSchema>;

/** The words a row's outcome is shown in, as it happened and as a dry run would have it. */
export const IMPORT_ROW_WORDS: Record<ImportRowStatus, { label: string; dryRun: string; tone: 'success' | 'info' | 'warning' | 'danger' | 'neutral' }> = {
  pending: { label: 'Waiting', dryRun: 'Waiting', tone: 'info' },
  imported: { label: 'Imported', dryRun: 'Would import', tone: 'success' },
  replaced: { label: 'Replaced', dryRun: 'Would replace', tone: 'success' },
  skipped: { label: 'Already imported', dryRun: 'Already imported', tone: 'neutral' },
  unmatched: { label: 'No such customer', dryRun: 'No such customer', tone: 'warning' },
  invalid: { label: 'Error', dryRun: 'Error', tone: 'danger' },
  duplicate: { label: 'Duplicate in file', dryRun: 'Duplicate in file', tone: 'warning' },
  failed: { label: 'Failed', dryRun: 'Would fail', tone: 'danger' },
};

export const ImportRowResultSchema = z.object({
  /** The line of the file (the header is line 1). */
  line: z.number().int().positive(),
  status: ImportRowStatusSchema,
  /** Plain words: why it was not imported, or what was done. */
  message: z.string().max(400),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** The points in the file (null when the row could not be read). */
  points: z.number().int().nonnegative().nullable(),
  tierId: z.string().nullable(),
  customerId: IdSchema.nullable(),
  customerName: z.string().max(200).nullable(),
  /** The row as it was in the file (shortened), for rows that could not be read. */
  raw: z.string().max(300).nullable(),
});
export type ImportRowResult = z.infer<typeof ImportRowResultSchema>;

/** Rows per chunk document: 500 rows of ~300 bytes stays far below Firestore's 1 MiB. */
export const IMPORT_CHUNK_ROWS = 500;

export const ImportRowChunkSchema = z.object({
  id: IdSchema,
  index: z.number().int().nonnegative(),
  rows: z.array(ImportRowResultSchema).max(IMPORT_CHUNK_ROWS),
});
export type ImportRowChunk = z.infer<typeof ImportRowChunkSchema>;

export const ImportModeSchema = z.enum(['add', 'replace']);
export type ImportMode = z.infer<typeof ImportModeSchema>;

const countsShape = Object.fromEntries(IMPORT_ROW_STATUSES.map((s) => [s, z.number().int().nonnegative()])) as Record<ImportRowStatus, z.ZodNumber>;
export const ImportCountsSchema = z.object(countsShape);
export type ImportCounts = z.infer<typeof ImportCountsSchema>;

export const LoyaltyImportSchema = z.object({
  id: IdSchema,
  fileName: z.string().min(1).max(200),
  mode: ImportModeSchema,
  status: z.enum(['running', 'completed', 'failed']),
  createdBy: z.object({ uid: z.string(), name: z.string().max(120) }),
  createdAt: z.date(),
  updatedAt: z.date(),
  finishedAt: z.date().nullable(),
  totalRows: z.number().int().nonnegative(),
  processedRows: z.number().int().nonnegative(),
  chunkCount: z.number().int().nonnegative(),
  counts: ImportCountsSchema,
  /** Points credited by this import: opening balances plus the net of replacements. */
  pointsPosted: z.number().int(),
  error: z.string().max(400).nullable(),
});
export type LoyaltyImport = z.infer<typeof LoyaltyImportSchema>;

/** One opening balance per customer across imports: which import brought it and how many points. */
export const OpeningBalanceMarkerSchema = z.object({
  id: IdSchema,
  importId: z.string(),
  fileName: z.string().max(200),
  points: z.number().int().nonnegative(),
  at: z.date(),
  updatedAt: z.date(),
});
export type OpeningBalanceMarker = z.infer<typeof OpeningBalanceMarkerSchema>;

export function countRows(rows: readonly Pick<ImportRowResult, 'status'>[]): ImportCounts {
  const counts = Object.fromEntries(IMPORT_ROW_STATUSES.map((s) => [s, 0])) as ImportCounts;
  for (const r of rows) counts[r.status]++;
  return counts;
}

export interface ReconciliationRow {
  line: number;
  customerId: string;
  customerName: string | null;
  identifier: string;
  imported: number;
  /** The customer's points now (spendable and pending). */
  balance: number;
  /** balance − imported: what changed since (earned, spent, expired, adjusted), or a wrong import. */
  difference: number;
}

/** Imported points against balances now, for every row that names a customer. */
export function reconcile(rows: readonly ImportRowResult[], balances: ReadonlyMap<string, number>): ReconciliationRow[] {
  return rows
    .filter((r) => r.customerId && r.points !== null && (r.status === 'imported' || r.status === 'replaced' || r.status === 'skipped'))
    .map((r) => {
      const balance = balances.get(r.customerId!) ?? 0;
      return {
        line: r.line,
        customerId: r.customerId!,
        customerName: r.customerName,
        identifier: r.phone ?? r.email ?? '',
        imported: r.points!,
        balance,
        difference: balance - r.points!,
      };
    });
}

export function reconciliationCsv(rows: readonly ReconciliationRow[]): string {
  return toCsv([
    ['line', 'customer_id', 'name', 'phone_or_email', 'imported_points', 'balance_now', 'difference'],
    ...rows.map((r) => [r.line, r.customerId, r.customerName, r.identifier, r.imported, r.balance, r.difference]),
  ]);
}

export type OpeningDecision =
  | { kind: 'open'; points: number }
  | { kind: 'skip'; previous: Pick<OpeningBalanceMarker, 'points' | 'fileName' | 'at'> }
  /** `difference` is posted as an adjustment: new imported points − the opening balance posted before. */
  | { kind: 'replace'; previousPoints: number; difference: number };

/**
 * One opening balance per customer, whatever the number of imports: the first import posts it;
 * later imports skip the customer, unless the owner chose "replace", which posts the difference
 * between the new figure and the earlier opening balance (points earned or spent since stay).
 */
export function openingDecision(marker: OpeningBalanceMarker | null, points: number, mode: ImportMode): OpeningDecision {
  if (!marker) return { kind: 'open', points };
  if (mode === 'add') return { kind: 'skip', previous: marker };
  return { kind: 'replace', previousPoints: marker.points, difference: points - marker.points };
}

const pts = (n: number) => `${Math.abs(n).toLocaleString('en-US')} ${Math.abs(n) === 1 ? 'point' : 'points'}`;

/** The row's words for a decision. */
export function decisionMessage(d: OpeningDecision, dryRun: boolean): { status: ImportRowStatus; message: string } {
  switch (d.kind) {
    case 'open':
      return { status: 'imported', message: `${dryRun ? 'Would start' : 'Started'} with ${pts(d.points)}.` };
    case 'skip':
      return {
        status: 'skipped',
        message: `Already has an opening balance of ${pts(d.previous.points)} from ${d.previous.fileName}; nothing ${dryRun ? 'would change' : 'changed'}. Choose "replace" to change it.`,
      };
    case 'replace':
      return {
        status: 'replaced',
        message:
          d.difference === 0
            ? `Opening balance already ${pts(d.previousPoints)}; nothing to change.`
            : `Opening balance ${pts(d.previousPoints)} → ${pts(d.previousPoints + d.difference)}: ${pts(d.difference)} ${d.difference > 0 ? 'added' : 'taken off'}${dryRun ? ' (dry run)' : ''}.`,
      };
  }
}

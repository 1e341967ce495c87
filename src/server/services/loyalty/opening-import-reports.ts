import type { DocumentReference } from 'firebase-admin/firestore';
import type { LoyaltyAccount } from '@/domain/loyalty/ledger';
import {
  reconcile,
  reconciliationCsv,
  type ImportRowResult,
  type ImportRowStatus,
  type LoyaltyImport,
  type ReconciliationRow,
} from '@/domain/loyalty/opening-import-records';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';

/** Rows a report answers with as JSON; the CSV download has them all. */
export const REPORT_ROWS_SHOWN = 1_000;
/** A running import not updated for this long has stopped (its instance went away): the page says so. */
const STALLED_AFTER_MS = 5 * 60_000;

export interface ImportSummary extends LoyaltyImport {
  stalled: boolean;
}

const summary = (imp: LoyaltyImport, now: Date): ImportSummary => ({
  ...imp,
  stalled: imp.status === 'running' && now.getTime() - imp.updatedAt.getTime() > STALLED_AFTER_MS,
});

export async function listOpeningImports(ctx: ServiceContext): Promise<ImportSummary[]> {
  const snap = await tenantDb(ctx.orgId).loyaltyImports.ref.orderBy('createdAt', 'desc').limit(20).get();
  return snap.docs.map((d) => summary(d.data(), ctx.clock.now()));
}

async function importRows(ctx: ServiceContext, importId: string): Promise<{ imp: LoyaltyImport; rows: ImportRowResult[] }> {
  const tdb = tenantDb(ctx.orgId);
  const imp = await tdb.loyaltyImports.getOrThrow(importId);
  const chunks = await tdb.loyaltyImportRows(importId).ref.orderBy('index').get();
  return { imp, rows: chunks.docs.flatMap((d) => d.data().rows) };
}

export interface ImportReport {
  import: ImportSummary;
  rows: ImportRowResult[];
  /** Rows matching the filter, before the first REPORT_ROWS_SHOWN were taken. */
  matchingRows: number;
  reconciliation: { rows: ReconciliationRow[]; total: number; withDifference: number };
}

/** Balances now of the customers an import names, read by id in batches. */
async function balancesOf(orgId: string, customerIds: string[]): Promise<Map<string, number>> {
  const tdb = tenantDb(orgId);
  const out = new Map<string, number>();
  for (let i = 0; i < customerIds.length; i += 300) {
    const refs = customerIds.slice(i, i + 300).map((id) => tdb.loyaltyAccounts.doc(id)) as DocumentReference[];
    for (const s of await firestore().getAll(...refs)) {
      const a = s.data() as LoyaltyAccount | undefined;
      if (a) out.set(s.id, a.balance);
    }
  }
  return out;
}

async function reconciliationOf(ctx: ServiceContext, rows: ImportRowResult[]): Promise<ReconciliationRow[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.customerId ? [r.customerId] : [])))];
  return reconcile(rows, await balancesOf(ctx.orgId, ids));
}

/**
 * One import: its progress and counts, its rows (optionally only one outcome), and the
 * reconciliation of each customer's imported points against their balance now.
 */
export async function getOpeningImport(
  ctx: ServiceContext,
  importId: string,
  opts: { status?: ImportRowStatus; onlyDifferences?: boolean } = {},
): Promise<ImportReport> {
  const { imp, rows } = await importRows(ctx, importId);
  const filtered = opts.status ? rows.filter((r) => r.status === opts.status) : rows;
  const rec = await reconciliationOf(ctx, rows);
  const withDifference = rec.filter((r) => r.difference !== 0);
  const shownRec = opts.onlyDifferences ? withDifference : rec;
  return {
    import: summary(imp, ctx.clock.now()),
    rows: filtered.slice(0, REPORT_ROWS_SHOWN),
    matchingRows: filtered.length,
    reconciliation: { rows: shownRec.slice(0, REPORT_ROWS_SHOWN), total: rec.length, withDifference: withDifference.length },
  };
}

/** The reconciliation as a CSV file (every row, or only the differences). */
export async function openingImportReconciliationCsv(ctx: ServiceContext, importId: string, opts: { onlyDifferences?: boolean } = {}) {
  const { imp, rows } = await importRows(ctx, importId);
  const rec = await reconciliationOf(ctx, rows);
  const base =
    imp.fileName
      .replace(/\.csv$/i, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .slice(0, 60) || 'import';
  return { fileName: `reconciliation-${base}.csv`, csv: reconciliationCsv(opts.onlyDifferences ? rec.filter((r) => r.difference !== 0) : rec) };
}

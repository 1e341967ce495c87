import type { DocumentReference } from 'firebase-admin/firestore';
import { expiresAtFor } from '@/domain/loyalty/earning';
import type { LedgerActor } from '@/domain/loyalty/ledger';
import {
  countRows,
  decisionMessage,
  openingDecision,
  type ImportMode,
  type ImportRowResult,
  type OpeningBalanceMarker,
  type OpeningDecision,
} from '@/domain/loyalty/opening-import-records';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { openLedger } from './ledger-in-tx';
import { loyaltyProgramme, type LoyaltyProgramme } from './loyalty-settings';
import { matchImportRows } from './match-import-rows';
import { loyaltyLocks } from './post-points';

/** Customers posted at once: enough to keep a 20,000-row import to minutes, few enough to spare Firestore. */
const CONCURRENCY = 8;

export interface ImportRun {
  importId: string;
  fileName: string;
  mode: ImportMode;
  dryRun: boolean;
  actor: LedgerActor;
}

async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/**
 * Matches a chunk's pending rows to customers and decides each one (open, skip, replace); a dry
 * run stops there, an import posts each customer in its own transaction. Rows already decided
 * (invalid, duplicate in the file) pass through unchanged.
 */
export async function resolveChunk(ctx: ServiceContext, run: ImportRun, rows: ImportRowResult[], seen: Set<string>): Promise<ImportRowResult[]> {
  const tdb = tenantDb(ctx.orgId);
  const pendingIdx = rows.flatMap((r, i) => (r.status === 'pending' ? [i] : []));
  const matches = await matchImportRows(
    ctx.orgId,
    pendingIdx.map((i) => rows[i]!),
  );
  const out = rows.map((r) => ({ ...r }));
  const found: Array<{ i: number; customerId: string }> = [];
  pendingIdx.forEach((i, k) => {
    const m = matches[k]!;
    const row = out[i]!;
    if (m.kind === 'none')
      Object.assign(row, { status: 'unmatched', message: 'No customer with this phone number or email. Add them, then import the file again.' });
    else if (m.kind === 'conflict') Object.assign(row, { status: 'invalid', message: m.message });
    else {
      Object.assign(row, { customerId: m.customer.id, customerName: m.customer.name });
      // Two lines naming one customer by different keys (a phone on one, an email on the other).
      if (seen.has(m.customer.id))
        Object.assign(row, { status: 'duplicate', message: `Another line of the file already names ${m.customer.name}; only that line is imported.` });
      else {
        seen.add(m.customer.id);
        found.push({ i, customerId: m.customer.id });
      }
    }
  });
  const programme = await loyaltyProgramme(ctx);
  if (run.dryRun) {
    const refs = found.map((f) => tdb.openingBalances.doc(f.customerId)) as DocumentReference[];
    const markers = refs.length ? await firestore().getAll(...refs) : [];
    found.forEach((f, k) => {
      const row = out[f.i]!;
      const marker = (markers[k]?.data() as OpeningBalanceMarker | undefined) ?? null;
      Object.assign(row, decisionMessage(openingDecision(marker, row.points!, run.mode), true));
    });
    return out;
  }
  await inParallel(found, CONCURRENCY, async (f) => {
    const row = out[f.i]!;
    try {
      Object.assign(row, await applyOpeningBalance(ctx, programme, run, f.customerId, row));
    } catch (err) {
      ctx.log?.error({ err, importId: run.importId, customerId: f.customerId }, 'opening balance failed');
      Object.assign(row, { status: 'failed', message: 'Could not be posted (an unexpected error); import the file again to retry this line.' });
    }
  });
  return out;
}

/**
 * One customer's opening balance in one transaction: the marker that makes it once per customer,
 * the ledger line (opening_balance, or an adjustment for a replacement), the account with the
 * tier the file names, and the profile's summary: all commit, or none.
 */
async function applyOpeningBalance(ctx: ServiceContext, programme: LoyaltyProgramme, run: ImportRun, customerId: string, row: ImportRowResult) {
  const tdb = tenantDb(ctx.orgId);
  const openKey = `opening:${run.importId}:${customerId}`;
  const replaceKey = `opening-replace:${run.importId}:${customerId}`;
  return loyaltyLocks.run([`${ctx.orgId}:${customerId}`], () =>
    firestore().runTransaction(async (tx) => {
      const now = ctx.clock.now();
      const markerRef = tdb.openingBalances.doc(customerId);
      const marker = (await tx.get(markerRef)).data() ?? null;
      const session = await openLedger(tx, ctx.orgId, customerId, [openKey, replaceKey], programme, now);
      // This import already did this customer (a retried chunk): report what it did.
      if (marker?.importId === run.importId) {
        const prior = session.already(openKey) ?? session.already(replaceKey);
        return {
          ...decisionMessage(
            prior?.type === 'adjust'
              ? { kind: 'replace', previousPoints: marker.points - prior.points, difference: prior.points }
              : { kind: 'open', points: marker.points },
            false,
          ),
          posted: 0,
        };
      }
      const decision: OpeningDecision = openingDecision(marker, row.points!, run.mode);
      if (decision.kind === 'skip') return { ...decisionMessage(decision, false), posted: 0 };
      const reason =
        decision.kind === 'open'
          ? `Balance brought over from the previous loyalty programme (${run.fileName})`
          : `Opening balance replaced by ${run.fileName}: ${decision.previousPoints} → ${row.points} points`;
      const amount = decision.kind === 'open' ? decision.points : decision.difference;
      if (amount > 0)
        session.post({
          key: decision.kind === 'open' ? openKey : replaceKey,
          posting: {
            kind: 'credit',
            type: decision.kind === 'open' ? 'opening_balance' : 'adjust',
            points: amount,
            // Points already earned elsewhere: spendable at once, expiring on the programme's schedule from today.
            availableAt: now,
            expiresAt: expiresAtFor(now, programme.settings.points.expiryMonths, programme.timeZone),
          },
          source: { importId: run.importId },
          actor: run.actor,
          reason: reason.slice(0, 300),
        });
      else if (amount < 0)
        session.post({
          key: replaceKey,
          posting: { kind: 'deduct', type: 'adjust', points: -amount },
          source: { importId: run.importId },
          actor: run.actor,
          reason: reason.slice(0, 300),
        });
      if (row.tierId) session.startTier(row.tierId);
      session.write(tx);
      tx.set(markerRef, {
        id: customerId,
        importId: run.importId,
        fileName: run.fileName.slice(0, 200),
        points: row.points!,
        at: marker?.at ?? now,
        updatedAt: now,
      });
      return { ...decisionMessage(decision, false), posted: session.lines.reduce((s, l) => s + l.points, 0) };
    }),
  );
}

/**
 * Works through a stored import chunk by chunk (500 rows), saving each chunk's outcomes and the
 * progress on the import as it goes, so the page can show a bar. Safe to run again: a customer
 * this import already did is recognised by the marker and the line keys.
 */
export async function processOpeningImport(ctx: ServiceContext, run: ImportRun): Promise<void> {
  const tdb = tenantDb(ctx.orgId);
  const ref = tdb.loyaltyImports.doc(run.importId);
  const seen = new Set<string>();
  const imp = await tdb.loyaltyImports.getOrThrow(run.importId);
  const all: ImportRowResult[] = [];
  let posted = 0;
  try {
    for (let index = 0; index < imp.chunkCount; index++) {
      const chunkRef = tdb.loyaltyImportRows(run.importId).doc(String(index).padStart(4, '0'));
      const chunk = await tdb.loyaltyImportRows(run.importId).getOrThrow(chunkRef.id);
      const rows = await resolveChunk(ctx, run, chunk.rows as ImportRowResult[], seen);
      const postedHere = (rows as Array<ImportRowResult & { posted?: number }>).reduce((s, r) => s + (r.posted ?? 0), 0);
      posted += postedHere;
      all.push(...rows);
      const clean = rows.map(({ posted: _p, ...r }: ImportRowResult & { posted?: number }) => r);
      const batch = firestore().batch();
      batch.set(chunkRef, { ...chunk, rows: clean });
      batch.update(ref, {
        processedRows: all.length,
        counts: countRows([...all, ...Array.from({ length: imp.totalRows - all.length }, () => ({ status: 'pending' as const }))]),
        pointsPosted: posted,
        updatedAt: ctx.clock.now(),
      });
      await batch.commit();
    }
    await ref.update({ status: 'completed', finishedAt: ctx.clock.now(), updatedAt: ctx.clock.now() });
    ctx.log?.info({ importId: run.importId, rows: all.length, posted }, 'opening balances imported');
  } catch (err) {
    ctx.log?.error({ err, importId: run.importId }, 'opening balance import stopped');
    await ref.update({
      status: 'failed',
      finishedAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
      error: `Stopped after ${all.length.toLocaleString('en-US')} rows. Import the same file again: customers already done are skipped.`,
    });
  }
}

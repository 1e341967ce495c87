import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError, errors } from '@/domain/errors';
import { ImportFileError, MAX_IMPORT_BYTES, parseOpeningBalances } from '@/domain/loyalty/opening-import';
import {
  countRows,
  IMPORT_CHUNK_ROWS,
  ImportModeSchema,
  type ImportCounts,
  type ImportRowResult,
  type LoyaltyImport,
} from '@/domain/loyalty/opening-import-records';
import { can } from '@/domain/roles';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import type { FollowUp } from '../follow-up';
import { ledgerActorOf } from './loyalty-actor';
import { loyaltyProgramme } from './loyalty-settings';
import { processOpeningImport, resolveChunk, type ImportRun } from './process-opening-import';

export const ImportRequestSchema = z.object({
  fileName: z.string().trim().min(1, 'Give the file name').max(200),
  csvText: z.string().min(1, 'The file is empty'),
  dryRun: z.boolean().default(true),
  /** "replace" lets this file change opening balances an earlier import posted (owners choose it on purpose). */
  mode: ImportModeSchema.default('add'),
});
export type ImportRequest = z.input<typeof ImportRequestSchema>;

/** Rows a dry run sends back: the counts cover every row; the table shows the first ones. */
export const DRY_RUN_ROWS_SHOWN = 1_000;

export interface DryRunReport {
  dryRun: true;
  fileName: string;
  totalRows: number;
  counts: ImportCounts;
  rows: ImportRowResult[];
  truncated: boolean;
}

export type ImportAccepted = { dryRun: false; import: LoyaltyImport; followUp: FollowUp };

function newImportId(): string {
  return `imp_${randomBytes(9)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'x')}`;
}

/**
 * Opening balances from another provider's CSV export. The file is read and checked row by row
 * here (a file refused as a whole is a 413/422 naming why). A dry run matches every row and says
 * what would happen, writing nothing. An import is stored with its rows (in chunks) and handed
 * back as follow-up work that posts them in batches and records progress.
 */
export async function importOpeningBalances(ctx: ServiceContext, raw: ImportRequest): Promise<DryRunReport | ImportAccepted> {
  if (ctx.actor.kind === 'staff' && (!ctx.actor.role || !can(ctx.actor.role, 'loyalty-import:write')))
    throw errors.forbidden('Only owners can import opening balances.');
  const parsedReq = ImportRequestSchema.safeParse(raw);
  if (!parsedReq.success) throw errors.validation(parsedReq.error);
  const req = parsedReq.data;
  const bytes = Buffer.byteLength(req.csvText, 'utf8');
  if (bytes > MAX_IMPORT_BYTES)
    throw new AppError(
      'payload_too_large',
      `The file is ${(bytes / 1_048_576).toFixed(1)} MB; at most ${MAX_IMPORT_BYTES / 1_048_576} MB can be imported at once. Split it.`,
      {
        maxBytes: MAX_IMPORT_BYTES,
      },
    );
  const programme = await loyaltyProgramme(ctx);
  let parsed;
  try {
    parsed = parseOpeningBalances(req.csvText, programme.settings.tiers.tiers);
  } catch (err) {
    if (err instanceof ImportFileError) throw new AppError('validation_failed', err.message, { issues: [{ path: 'csvText', message: err.message }] });
    throw err;
  }
  const rows: ImportRowResult[] = parsed.rows.map((r) =>
    r.status === 'ok'
      ? {
          line: r.line,
          status: 'pending',
          message: '',
          phone: r.phone,
          email: r.email,
          points: r.points,
          tierId: r.tierId,
          customerId: null,
          customerName: null,
          raw: null,
        }
      : {
          line: r.line,
          status: r.status,
          message: r.message,
          phone: null,
          email: null,
          points: null,
          tierId: null,
          customerId: null,
          customerName: null,
          raw: r.raw,
        },
  );
  if (!rows.length) throw new AppError('validation_failed', 'The file has a header but no rows.', { issues: [{ path: 'csvText', message: 'No rows' }] });
  const run: ImportRun = { importId: newImportId(), fileName: req.fileName, mode: req.mode, dryRun: req.dryRun, actor: ledgerActorOf(ctx) };

  if (req.dryRun) {
    const seen = new Set<string>();
    const out: ImportRowResult[] = [];
    for (let i = 0; i < rows.length; i += IMPORT_CHUNK_ROWS) out.push(...(await resolveChunk(ctx, run, rows.slice(i, i + IMPORT_CHUNK_ROWS), seen)));
    return {
      dryRun: true,
      fileName: req.fileName,
      totalRows: out.length,
      counts: countRows(out),
      rows: out.slice(0, DRY_RUN_ROWS_SHOWN),
      truncated: out.length > DRY_RUN_ROWS_SHOWN,
    };
  }

  const tdb = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const chunkCount = Math.ceil(rows.length / IMPORT_CHUNK_ROWS);
  const record: LoyaltyImport = {
    id: run.importId,
    fileName: req.fileName,
    mode: req.mode,
    status: 'running',
    createdBy: { uid: ctx.actor.uid, name: run.actor.name },
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    totalRows: rows.length,
    processedRows: 0,
    chunkCount,
    counts: countRows(rows),
    pointsPosted: 0,
    error: null,
  };
  // The record and every chunk in one batch (at most ~6 MB for 20,000 rows): an import is stored whole or not at all.
  const batch = firestore().batch();
  batch.create(tdb.loyaltyImports.doc(record.id), record);
  for (let index = 0; index < chunkCount; index++) {
    const id = String(index).padStart(4, '0');
    batch.create(tdb.loyaltyImportRows(record.id).doc(id), { id, index, rows: rows.slice(index * IMPORT_CHUNK_ROWS, (index + 1) * IMPORT_CHUNK_ROWS) });
  }
  await batch.commit();
  ctx.log?.info({ importId: record.id, rows: rows.length, mode: req.mode }, 'opening balance import accepted');
  return { dryRun: false, import: record, followUp: { name: 'loyalty-import', run: () => processOpeningImport(ctx, run) } };
}

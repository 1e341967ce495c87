import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError, errors } from '@/domain/errors';
import { ColumnMappingSchema, MAX_CUSTOMER_IMPORT_BYTES } from '@/domain/crm/import-mapping';
import { CustomerImportFileError, MAX_IMPORT_COLUMNS, readImportFile, type ReadImportFile } from '@/domain/crm/import-file';
import { chunkId, CUSTOMER_IMPORT_CHUNK_ROWS, type CustomerImportJob, type ImportRowRecord } from '@/domain/crm/import-records';
import type { ImportCustomerRow } from '@/domain/crm/import-rows';
import { can } from '@/domain/roles';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import type { FollowUp } from '../follow-up';
import { processCustomerImport } from './process-customer-import';

export const CustomerImportRequestSchema = z.object({
  fileName: z.string().trim().min(1, 'Give the file name').max(200),
  csvText: z.string().min(1, 'The file is empty'),
  /** Column per field; left out, the mapping is guessed from the header. */
  mapping: ColumnMappingSchema.optional(),
});
export type CustomerImportRequest = z.input<typeof CustomerImportRequestSchema>;

/** JSON escaping can double a CSV's size; the service then measures the file itself and names its limit. */
export const MAX_IMPORT_BODY_BYTES = 2 * MAX_CUSTOMER_IMPORT_BYTES + 64 * 1024;

/** Rows the preview shows as they will be imported, and bad rows it lists (the counts cover every row). */
export const PREVIEW_SAMPLE_ROWS = 20;
export const PREVIEW_BAD_ROWS = 200;

export interface CustomerImportPreview {
  fileName: string;
  header: string[];
  mapping: Record<string, number | undefined>;
  mappingProblem: string | null;
  totalRows: number;
  goodRows: number;
  badRows: number;
  sample: Array<{ line: number; row: ImportCustomerRow | null; reason: string | null; notes: string[] }>;
  bad: Array<{ line: number; reason: string }>;
  /** Each note once, with how many rows carry it ("Email consent imported as unknown: it needs a date." × 12). */
  notes: Array<{ note: string; rows: number }>;
}

function guard(ctx: ServiceContext) {
  if (ctx.actor.kind === 'staff' && (!ctx.actor.role || !can(ctx.actor.role, 'customers:write')))
    throw errors.forbidden('Only owners and admins can import customers.');
}

function read(ctx: ServiceContext, raw: CustomerImportRequest): { req: z.infer<typeof CustomerImportRequestSchema>; file: ReadImportFile } {
  guard(ctx);
  const parsed = CustomerImportRequestSchema.safeParse(raw);
  if (!parsed.success) throw errors.validation(parsed.error);
  const req = parsed.data;
  const bytes = Buffer.byteLength(req.csvText, 'utf8');
  if (bytes > MAX_CUSTOMER_IMPORT_BYTES)
    throw new AppError(
      'payload_too_large',
      `The file is ${(bytes / 1_048_576).toFixed(1)} MB; at most ${MAX_CUSTOMER_IMPORT_BYTES / 1_048_576} MB can be imported at once. Split it.`,
      { maxBytes: MAX_CUSTOMER_IMPORT_BYTES },
    );
  try {
    return { req, file: readImportFile(req.csvText, req.mapping, ctx.clock.now()) };
  } catch (err) {
    if (err instanceof CustomerImportFileError) throw new AppError(err.tooLarge ? 'payload_too_large' : 'bad_request', err.message);
    throw err;
  }
}

/** Reads and checks every row of the file against the mapping; writes nothing. */
export function previewCustomerImport(ctx: ServiceContext, raw: CustomerImportRequest): CustomerImportPreview {
  const { req, file } = read(ctx, raw);
  const notes = new Map<string, number>();
  let good = 0;
  const bad: CustomerImportPreview['bad'] = [];
  let badCount = 0;
  for (const r of file.rows) {
    if (r.check.ok) {
      good += 1;
      for (const n of r.check.notes) notes.set(n, (notes.get(n) ?? 0) + 1);
    } else {
      badCount += 1;
      if (bad.length < PREVIEW_BAD_ROWS) bad.push({ line: r.line, reason: r.check.reason });
    }
  }
  return {
    fileName: req.fileName,
    header: file.header,
    mapping: file.mapping,
    mappingProblem: file.mappingProblem,
    totalRows: file.rows.length,
    goodRows: good,
    badRows: badCount,
    sample: file.rows
      .slice(0, PREVIEW_SAMPLE_ROWS)
      .map((r) =>
        r.check.ok ? { line: r.line, row: r.check.row, reason: null, notes: r.check.notes } : { line: r.line, row: null, reason: r.check.reason, notes: [] },
      ),
    bad,
    notes: [...notes].map(([note, rows]) => ({ note, rows })),
  };
}

function newImportId(): string {
  return `cim_${randomBytes(9)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'x')}`;
}

/** Chunk documents written per batch: 10 chunks of 100 rows (at most about 600 KB each) stay under a commit's 10 MiB. */
const CHUNKS_PER_BATCH = 10;
/** A bad row's cells are kept for the download up to this many characters, so a chunk of 100 rows stays under a document's 1 MiB. */
const RAW_ROW_CHARS = 5_000;

function rawCells(fields: string[]): string[] {
  const out: string[] = [];
  let left = RAW_ROW_CHARS;
  for (const f of fields.slice(0, MAX_IMPORT_COLUMNS)) {
    const cell = f.slice(0, Math.max(0, left));
    out.push(cell);
    left -= cell.length;
  }
  return out;
}

/**
 * Stores the checked rows in chunks under a new job, then the job itself (so a job only ever
 * exists with all its rows), and hands back the follow-up that imports them. The tick goes on
 * with a job whose instance went away.
 */
export async function startCustomerImport(ctx: ServiceContext, raw: CustomerImportRequest): Promise<{ job: CustomerImportJob; followUp: FollowUp }> {
  const { req, file } = read(ctx, raw);
  if (file.mappingProblem) throw errors.badRequest(file.mappingProblem);
  const records: ImportRowRecord[] = file.rows.map((r) =>
    r.check.ok
      ? { line: r.line, status: 'pending', reason: null, notes: r.check.notes.slice(0, 5), row: r.check.row, raw: null, customerId: null }
      : {
          line: r.line,
          status: 'bad',
          reason: r.check.reason,
          notes: [],
          row: null,
          raw: rawCells(r.fields),
          customerId: null,
        },
  );
  const tdb = tenantDb(ctx.orgId);
  const id = newImportId();
  const chunkCount = Math.ceil(records.length / CUSTOMER_IMPORT_CHUNK_ROWS);
  for (let start = 0; start < chunkCount; start += CHUNKS_PER_BATCH) {
    const batch = firestore().batch();
    for (let index = start; index < Math.min(chunkCount, start + CHUNKS_PER_BATCH); index++)
      batch.create(tdb.customerImportChunks(id).doc(chunkId(index)), {
        id: chunkId(index),
        index,
        rows: records.slice(index * CUSTOMER_IMPORT_CHUNK_ROWS, (index + 1) * CUSTOMER_IMPORT_CHUNK_ROWS),
      });
    await batch.commit();
  }
  const now = ctx.clock.now();
  const job: CustomerImportJob = {
    id,
    fileName: req.fileName,
    status: 'running',
    header: file.header,
    mapping: file.mapping,
    createdBy: { uid: ctx.actor.uid, name: ctx.actor.email ?? null },
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    totalRows: records.length,
    chunkCount,
    nextChunk: 0,
    processedRows: 0,
    counts: { created: 0, updated: 0, skipped: 0, bad: 0 },
    error: null,
  };
  await tdb.customerImports.create(job);
  ctx.log?.info({ importId: id, rows: records.length }, 'customer import accepted');
  return { job, followUp: { name: 'customer-import', run: () => processCustomerImport(ctx, id, { deadline: Date.now() + 10 * 60_000 }) } };
}

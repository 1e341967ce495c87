import { z } from 'zod';
import { ColumnMappingSchema } from './import-mapping';
import { ImportCustomerRowSchema } from './import-rows';

/**
 * A customer import as stored: the job (tenants/{orgId}/customer_imports/{id}) carries the
 * position and counts; its rows, checked at upload, live in chunk documents under it
 * (customer_imports/{id}/chunks/{0000}), one chunk per transaction. docs/crm.md, Import.
 */

/** Rows per chunk, and so per transaction: a row writes its profile and up to three identity keys, kept under Firestore's 500 writes. */
export const CUSTOMER_IMPORT_CHUNK_ROWS = 100;

export const ImportRowStatusSchema = z.enum(['pending', 'bad', 'created', 'updated', 'skipped']);
export type ImportRowStatus = z.infer<typeof ImportRowStatusSchema>;

export const ImportRowRecordSchema = z.object({
  /** The 1-based line of the file. */
  line: z.number().int().positive(),
  status: ImportRowStatusSchema,
  /** Why a bad row was refused. */
  reason: z.string().max(500).nullable(),
  notes: z.array(z.string().max(300)).max(5),
  row: ImportCustomerRowSchema.nullable(),
  /** The file's cells, kept for bad rows only (the download hands them back to be corrected). */
  raw: z.array(z.string().max(5_000)).max(200).nullable(),
  customerId: z.string().nullable(),
});
export type ImportRowRecord = z.infer<typeof ImportRowRecordSchema>;

export const CustomerImportChunkSchema = z.object({
  id: z.string(),
  index: z.number().int().nonnegative(),
  rows: z.array(ImportRowRecordSchema).max(CUSTOMER_IMPORT_CHUNK_ROWS),
  /** Set in the transaction that imports the chunk's rows; the job's position then moves over it. */
  done: z.boolean().optional(),
});
export type CustomerImportChunk = z.infer<typeof CustomerImportChunkSchema>;

export const ImportCountsSchema = z.object({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  bad: z.number().int().nonnegative(),
});
export type ImportCounts = z.infer<typeof ImportCountsSchema>;

export const CustomerImportJobSchema = z.object({
  id: z.string(),
  fileName: z.string().max(200),
  status: z.enum(['running', 'completed', 'failed']),
  header: z.array(z.string().max(200)).max(200),
  mapping: ColumnMappingSchema,
  createdBy: z.object({ uid: z.string(), name: z.string().nullable() }),
  createdAt: z.date(),
  updatedAt: z.date(),
  finishedAt: z.date().nullable(),
  totalRows: z.number().int().nonnegative(),
  chunkCount: z.number().int().nonnegative(),
  /** The first chunk not yet counted: every chunk before it is done and in the counts (chunks after it may be done too). */
  nextChunk: z.number().int().nonnegative(),
  processedRows: z.number().int().nonnegative(),
  counts: ImportCountsSchema,
  error: z.string().max(500).nullable(),
});
export type CustomerImportJob = z.infer<typeof CustomerImportJobSchema>;

export const chunkId = (index: number) => String(index).padStart(5, '0');

export function countRows(rows: readonly Pick<ImportRowRecord, 'status'>[]): ImportCounts {
  const c: ImportCounts = { created: 0, updated: 0, skipped: 0, bad: 0 };
  for (const r of rows) if (r.status !== 'pending') c[r.status] += 1;
  return c;
}

export function addCounts(a: ImportCounts, b: ImportCounts): ImportCounts {
  return { created: a.created + b.created, updated: a.updated + b.updated, skipped: a.skipped + b.skipped, bad: a.bad + b.bad };
}

export function importPercent(job: Pick<CustomerImportJob, 'processedRows' | 'totalRows' | 'status'>): number {
  if (job.status === 'completed' || !job.totalRows) return 100;
  return Math.min(100, Math.floor((job.processedRows / job.totalRows) * 100));
}

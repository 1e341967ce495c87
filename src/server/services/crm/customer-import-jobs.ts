import { toCsv } from '@/domain/csv';
import { errors } from '@/domain/errors';
import { importPercent, type CustomerImportJob, type ImportRowRecord } from '@/domain/crm/import-records';
import { can } from '@/domain/roles';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import type { FollowUp } from '../follow-up';
import { processCustomerImport } from './process-customer-import';

/** A running import not moved for this long has lost its instance: opening the page or the tick goes on with it. */
export const STALLED_AFTER_MS = 60_000;
/** Bad rows a job's answer lists; the CSV download has them all. */
export const JOB_BAD_ROWS_SHOWN = 200;

export interface CustomerImportSummary extends CustomerImportJob {
  percent: number;
  stalled: boolean;
}

function guard(ctx: ServiceContext) {
  if (ctx.actor.kind === 'staff' && (!ctx.actor.role || !can(ctx.actor.role, 'customers:write')))
    throw errors.forbidden('Only owners and admins can import customers.');
}

const summary = (job: CustomerImportJob, now: Date): CustomerImportSummary => ({
  ...job,
  percent: importPercent(job),
  stalled: job.status === 'running' && now.getTime() - job.updatedAt.getTime() > STALLED_AFTER_MS,
});

export async function listCustomerImports(ctx: ServiceContext): Promise<CustomerImportSummary[]> {
  guard(ctx);
  const snap = await tenantDb(ctx.orgId).customerImports.ref.orderBy('createdAt', 'desc').limit(10).get();
  return snap.docs.map((d) => summary(d.data(), ctx.clock.now()));
}

async function rowsOf(ctx: ServiceContext, importId: string): Promise<ImportRowRecord[]> {
  const chunks = await tenantDb(ctx.orgId).customerImportChunks(importId).ref.orderBy('index').get();
  return chunks.docs.flatMap((d) => d.data().rows);
}

/** A job's progress and counts, and its first bad rows with their reasons (read only once it is finished or stopped). */
export async function getCustomerImport(ctx: ServiceContext, importId: string) {
  guard(ctx);
  const job = await tenantDb(ctx.orgId).customerImports.getOrThrow(importId);
  const bad =
    job.status === 'running' ? [] : (await rowsOf(ctx, importId)).filter((r) => r.status === 'bad').map((r) => ({ line: r.line, reason: r.reason ?? '' }));
  return { import: summary(job, ctx.clock.now()), badRows: bad.slice(0, JOB_BAD_ROWS_SHOWN), badRowCount: bad.length };
}

/** The bad rows as a CSV: the file's own header and cells with the line and the reason in front, to correct and import again. */
export async function customerImportBadRowsCsv(ctx: ServiceContext, importId: string): Promise<{ fileName: string; csv: string }> {
  guard(ctx);
  const job = await tenantDb(ctx.orgId).customerImports.getOrThrow(importId);
  const bad = (await rowsOf(ctx, importId)).filter((r) => r.status === 'bad');
  const cellsOf = (r: ImportRowRecord): string[] => {
    if (r.raw) return r.raw;
    // A row refused while importing (it named two customers): its cells are rebuilt from what was read.
    const m = job.mapping;
    const out = job.header.map(() => '');
    const put = (i: number | undefined, v: string | null | undefined) => {
      if (i !== undefined && v) out[i] = v;
    };
    put(m.firstName, r.row?.firstName);
    put(m.lastName, r.row?.lastName);
    put(m.email, r.row?.email);
    put(m.phone, r.row?.phone);
    put(m.dateOfBirth, r.row?.dateOfBirth);
    put(m.externalId, r.row?.externalId);
    put(m.tags, r.row?.tags.join(';'));
    return out;
  };
  const base =
    job.fileName
      .replace(/\.csv$/i, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .slice(0, 60) || 'import';
  return { fileName: `bad-rows-${base}.csv`, csv: toCsv([['line', 'reason', ...job.header], ...bad.map((r) => [r.line, r.reason ?? '', ...cellsOf(r)])]) };
}

/**
 * Goes on with an import: a stopped one ("Try again") is set running from its position; a
 * running one whose instance went away (stalled) is picked up. A running import that is moving
 * is left to the instance moving it. Answers the job and, when there is work, the follow-up.
 */
export async function continueCustomerImport(ctx: ServiceContext, importId: string): Promise<{ import: CustomerImportSummary; followUp: FollowUp | null }> {
  guard(ctx);
  const tdb = tenantDb(ctx.orgId);
  let job = await tdb.customerImports.getOrThrow(importId);
  const now = ctx.clock.now();
  if (job.status === 'failed') {
    job = { ...job, status: 'running', error: null, updatedAt: now };
    await tdb.customerImports.set(job);
  } else if (!(job.status === 'running' && summary(job, now).stalled)) return { import: summary(job, now), followUp: null };
  return {
    import: summary(job, now),
    followUp: { name: 'customer-import', run: () => processCustomerImport(ctx, importId, { deadline: Date.now() + 10 * 60_000 }) },
  };
}

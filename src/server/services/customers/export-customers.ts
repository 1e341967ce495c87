import { randomUUID } from 'node:crypto';
import { FILTER_KEYS, type CustomerListQuery } from '@/domain/crm/customer-list-filter';
import { exportColumns, exportFilename, exportHeader, exportRow } from '@/domain/crm/customer-export';
import { seesRevenue, viewerOf } from '@/domain/views/viewer';
import type { ServiceContext } from '../../context';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { buildCustomerListQuery, readCustomerPage } from './customer-list-query';
import { assertMayQuery } from './list-customers';

/** Rows read per listing query: a page of profiles is held at a time, never the whole list. */
export const EXPORT_PAGE_SIZE = 500;

export interface CustomerExport {
  filename: string;
  logId: string;
  /** The CSV text, one chunk per page read (the header first); pulled, so nothing is read ahead. */
  chunks: AsyncIterable<string>;
}

/**
 * Exports the list under the same filter as the page, through the same listing query, page by
 * page. Refusals (a budtender's spend filter, a bad filter) happen before anything is logged or
 * sent. The log entry is written first and completed with the row count at the end; an export
 * that stops halfway (the browser went away, a read failed) is left marked failed with its count.
 */
export async function startCustomerExport(ctx: ServiceContext, query: CustomerListQuery): Promise<CustomerExport> {
  const viewer = viewerOf(ctx.actor);
  assertMayQuery(viewer, query);
  const [built, tenant] = await Promise.all([buildCustomerListQuery(ctx, query), tenantsCollection().getOrThrow(ctx.orgId)]);
  const columns = exportColumns(seesRevenue(viewer));
  const now = ctx.clock.now();
  const filter: Record<string, string> = { sort: query.sort };
  for (const k of FILTER_KEYS) if (query[k] !== undefined) filter[k] = String(query[k]).slice(0, 200);
  const logs = tenantDb(ctx.orgId).customerExports;
  const logId = randomUUID();
  await logs.create({
    id: logId,
    actorUid: ctx.actor.uid,
    actorEmail: ctx.actor.email ?? null,
    role: viewer,
    at: now,
    filter,
    columns,
    status: 'started',
    rowCount: 0,
    completedAt: null,
  });

  async function* chunks(): AsyncGenerator<string> {
    let rowCount = 0;
    let done = false;
    try {
      // A byte-order mark, so spreadsheet programs read the names' accents as UTF-8.
      yield `\uFEFF${exportHeader(columns)}`;
      let cursor: string | undefined;
      while (built.query) {
        const page = await readCustomerPage(built.query, built.plan, { cursor, limit: EXPORT_PAGE_SIZE });
        rowCount += page.customers.length;
        if (page.customers.length) yield page.customers.map((c) => exportRow(c, columns, tenant.timeZone)).join('');
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      done = true;
    } finally {
      await logs.update(logId, { status: done ? 'completed' : 'failed', rowCount, completedAt: ctx.clock.now() });
      ctx.log?.info({ event: 'customers.exported', logId, rowCount, completed: done }, 'customer export finished');
    }
  }

  return { filename: exportFilename(now, tenant.timeZone), logId, chunks: chunks() };
}

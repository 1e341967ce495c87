import { systemActor } from '@/domain/roles';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
import { STALLED_AFTER_MS } from './customer-import-jobs';
import { processCustomerImport } from './process-customer-import';

/**
 * Every minute: goes on with customer imports whose instance went away (not moved for a minute),
 * from the position their job records. An import being worked elsewhere is not due; were two to
 * work one import, each chunk's transaction reads the position, so a chunk is imported once.
 */
export async function continueCustomerImports(deps: CronDeps) {
  const r = await workDue(deps, {
    collection: 'customer_imports',
    outcomes: ['finished', 'continued'] as const,
    pageSize: 10,
    concurrency: 2,
    due: (q, now) =>
      q
        .where('status', '==', 'running')
        .where('updatedAt', '<', new Date(now.getTime() - STALLED_AFTER_MS))
        .orderBy('updatedAt', 'asc'),
    async work(doc, orgId) {
      const ctx = { orgId, actor: systemActor('customer-import'), clock: deps.clock, log: deps.log };
      return (await processCustomerImport(ctx, doc.id, { deadline: deps.deadline })).done ? 'finished' : 'continued';
    },
  });
  return { due: r.due, finished: r.finished, continued: r.continued, errors: r.errors };
}

export const customerImportTask: CronTask = { name: 'crm.customer-import', run: (deps) => continueCustomerImports(deps) };

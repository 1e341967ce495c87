import { DuplicateCheckSchema, type DuplicateCheck } from '@/domain/crm/duplicate-proposal';
import { tenantDb } from '../../db/tenant-db';
import { modelConverter } from '../../db/typed-collection';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
import { proposeDuplicatesOf } from './find-duplicates';

/** Markers per page, pages per call: a bounded batch per tick, the rest waits for the next. */
const PAGE = 100;
const MAX_PAGES = 3;

/**
 * Every minute: the duplicate check of the profiles signed webhooks created (their markers in
 * duplicate_checks, written in the creating commit), so the check's queries are not paid inside
 * a delivery. Each marker's profile gets the check and the marker goes; a profile gone, erased or
 * merged since only loses its marker. A failure leaves the marker for the next tick. One query
 * without filters or order over every tenant's markers (no index to declare), or one tenant's.
 */
export async function checkNewProfiles(deps: CronDeps) {
  let proposed = 0;
  const r = await workDue(deps, {
    collection: 'duplicate_checks',
    outcomes: ['checked', 'gone'] as const,
    pageSize: PAGE,
    maxPages: MAX_PAGES,
    concurrency: 4,
    due: (q) => q.withConverter(modelConverter(DuplicateCheckSchema, 'duplicate_checks')),
    async work(doc, orgId) {
      const check = doc.data() as DuplicateCheck; // validated by the converter
      const tdb = tenantDb(orgId);
      const customer = await tdb.customers.get(check.customerId);
      const live = customer && !customer.mergedInto && !customer.erasedAt;
      if (live) {
        const ctx = { orgId, clock: deps.clock };
        proposed += (await proposeDuplicatesOf(ctx, customer, { identityIndexComplete: check.identityIndexComplete })).length;
      }
      await tdb.duplicateChecks.doc(doc.id).delete();
      return live ? 'checked' : 'gone';
    },
  });
  return { checked: r.checked, gone: r.gone, proposed, failed: r.errors, left: r.errors + r.leftForNextTick };
}

export const duplicateChecksTask: CronTask = { name: 'crm.duplicate-checks', run: (deps) => checkNewProfiles(deps) };

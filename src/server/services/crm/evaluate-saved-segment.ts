import { FieldPath } from 'firebase-admin/firestore';
import type { Clock } from '@/domain/clock';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import { matchesSavedSegment } from '@/domain/crm/saved-segment';
import { savedSegmentEnteredEvent } from '@/domain/crm/saved-segment-entry';
import type { Logger } from '../../log';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
import { storeEventInTx } from '../loyalty/loyalty-events';
import { dispatchSegmentEvents } from './recompute-segments';

export interface SavedSegmentJobDeps {
  orgId: string;
  clock: Clock;
  log?: Logger;
}

/** Customers per transaction, as in the segment pass: an order's transaction waits little for a page. */
const PAGE = 100;

/**
 * Works a saved segment's pass a page at a time until done or the deadline (the tick goes on from
 * the cursor). Each page is one transaction: every customer of the page is read, and only those
 * whose membership differs are written (their `savedSegmentIds` alone), with an entered event
 * for each who newly enters (its id carries the definition's version, so a rerun page stores
 * nothing twice). An archived segment's pass only clears. The member count is counted at the end.
 */
export async function continueSavedSegmentJob(deps: SavedSegmentJobDeps, id: string, deadline: number): Promise<{ done: boolean; pages: number }> {
  const tdb = tenantDb(deps.orgId);
  const ref = tdb.savedSegments.doc(id);
  let pages = 0;
  while (Date.now() < deadline) {
    const page = await firestore().runTransaction(async (tx) => {
      const seg = (await tx.get(ref)).data();
      if (!seg || !seg.jobRunning) return null;
      const job = seg.job;
      let query = tdb.customers.ref.orderBy(FieldPath.documentId()).limit(PAGE);
      if (job.cursor) query = query.startAfter(job.cursor);
      const snap = await tx.get(query);
      const now = deps.clock.now();
      const events: CanonicalEvent[] = [];
      for (const doc of snap.docs) {
        const customer = doc.data();
        const ids = customer.savedSegmentIds ?? [];
        const member = !seg.archived && matchesSavedSegment(seg.definition, customer, now);
        if (member === ids.includes(id)) continue;
        tdb.customers.updateIn(tx, customer.id, { savedSegmentIds: member ? [...ids, id] : ids.filter((x) => x !== id) });
        if (member) {
          const event = savedSegmentEnteredEvent(customer.id, seg, 'job', `job:v${job.version}`, now);
          storeEventInTx(tx, deps.orgId, event, now);
          events.push(event);
        }
      }
      const done = snap.size < PAGE;
      tdb.savedSegments.updateIn(tx, id, {
        job: {
          ...job,
          cursor: snap.docs.at(-1)?.id ?? job.cursor,
          processed: job.processed + snap.size,
          total: Math.max(job.total, job.processed + snap.size),
          entered: job.entered + events.length,
          status: done ? 'done' : 'running',
          finishedAt: done ? now : null,
          updatedAt: now,
        },
        jobRunning: !done,
      });
      return { done, events };
    });
    if (!page) return { done: true, pages };
    pages += 1;
    await dispatchSegmentEvents(deps, page.events);
    if (page.done) {
      await recordMemberCount(deps, id);
      return { done: true, pages };
    }
  }
  return { done: false, pages };
}

/** The count after a pass, for places that show it without counting (the campaign picker). */
export async function recordMemberCount(deps: SavedSegmentJobDeps, id: string): Promise<number> {
  const tdb = tenantDb(deps.orgId);
  const count = (await tdb.customers.ref.where('savedSegmentIds', 'array-contains', id).count().get()).data().count;
  await tdb.savedSegments.update(id, { memberCount: count, evaluatedAt: deps.clock.now() });
  return count;
}

/** Every minute: goes on with any saved segment's pass left running (a save whose follow-up ran out of time). */
export async function continueSavedSegmentJobs(deps: CronDeps) {
  const r = await workDue(deps, {
    collection: 'saved_segments',
    outcomes: ['finished'] as const,
    pageSize: 20,
    concurrency: 2,
    due: (q) => q.where('jobRunning', '==', true).orderBy('updatedAt', 'asc'),
    async work(doc, orgId) {
      return (await continueSavedSegmentJob({ orgId, clock: deps.clock, log: deps.log }, doc.id, deps.deadline)).done ? 'finished' : null;
    },
  });
  return { due: r.due, finished: r.finished, errors: r.errors };
}

export const savedSegmentJobTask: CronTask = { name: 'crm.saved-segment-jobs', run: (deps) => continueSavedSegmentJobs(deps) };

import { FieldPath } from 'firebase-admin/firestore';
import { tenantsCollection } from '../../db/tenant-db';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
import { continueSegmentRecompute, startSegmentRecompute } from './recompute-segments';

const TENANT_PAGE = 100;

/**
 * Nightly: days since the last order change without any event, so every tenant gets a pass over
 * its customers, keyed on the UTC date (a second run the same day keeps the pass it started).
 * It works what it can within the daily budget; the tick's task finishes the rest.
 */
export async function startNightlySegments(deps: CronDeps) {
  const runKey = `nightly:${deps.clock.now().toISOString().slice(0, 10)}`;
  let started = 0;
  let after: string | null = null;
  const orgIds: string[] = [];
  for (;;) {
    let q = deps.orgId
      ? tenantsCollection().ref.where(FieldPath.documentId(), '==', deps.orgId)
      : tenantsCollection().ref.orderBy(FieldPath.documentId()).limit(TENANT_PAGE);
    if (after) q = q.startAfter(after);
    const snap = await q.get();
    for (const doc of snap.docs) {
      if (Date.now() >= deps.deadline) return { started, finished: 0, leftForTick: true };
      await startSegmentRecompute({ orgId: doc.id, clock: deps.clock, log: deps.log }, 'nightly', runKey);
      orgIds.push(doc.id);
      started += 1;
    }
    if (deps.orgId || snap.size < TENANT_PAGE) break;
    after = snap.docs.at(-1)!.id;
  }
  let finished = 0;
  for (const orgId of orgIds) {
    if (Date.now() >= deps.deadline) break;
    if ((await continueSegmentRecompute({ orgId, clock: deps.clock, log: deps.log }, 'nightly', deps.deadline)).done) finished += 1;
  }
  return { started, finished, leftForTick: finished < started };
}

/** Every minute: goes on with any pass left running (a thresholds save, a nightly pass cut short). */
export async function continueSegmentRecomputes(deps: CronDeps) {
  const r = await workDue(deps, {
    collection: 'segment_recompute',
    outcomes: ['finished'] as const,
    pageSize: 20,
    concurrency: 2,
    due: (q) => q.where('status', '==', 'running').orderBy('updatedAt', 'asc'),
    async work(doc, orgId) {
      const kind = doc.id === 'nightly' ? 'nightly' : 'thresholds';
      return (await continueSegmentRecompute({ orgId, clock: deps.clock, log: deps.log }, kind, deps.deadline)).done ? 'finished' : null;
    },
  });
  return { due: r.due, finished: r.finished, errors: r.errors };
}

export const nightlySegmentsTask: CronTask = { name: 'crm.nightly-segments', run: (deps) => startNightlySegments(deps) };
export const segmentRecomputeTask: CronTask = { name: 'crm.segment-recompute', run: (deps) => continueSegmentRecomputes(deps) };

import { forEachConcurrently } from '@/domain/concurrency';
import { FieldPath } from 'firebase-admin/firestore';
import type { Clock } from '@/domain/clock';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import { applySavedSegments } from '@/domain/crm/saved-segment-entry';
import { recomputeSegment } from '@/domain/crm/segment-change';
import { recomputePercent, type SegmentRecompute } from '@/domain/crm/segment-recompute';
import { defaultLoyaltySettings, LOYALTY_SETTINGS_DOC } from '@/domain/loyalty/settings';
import { systemActor } from '@/domain/roles';
import type { Logger } from '../../log';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { segmentChangesDelta } from '@/domain/analytics/rollup';
import { rollupTimeZone, writeRollupDeltaInTx } from '../analytics/rollups-in-tx';
import { storeEventInTx } from '../loyalty/loyalty-events';
import { triggerPlaybooksForEvent } from '../playbooks/trigger-playbooks-for-event';
import { loadActiveSavedSegments } from './saved-segments-cache';

type Kind = SegmentRecompute['id'];
export interface RecomputeDeps {
  orgId: string;
  clock: Clock;
  log?: Logger;
}

/** Customers per transaction: small enough that an order's transaction waits little for the page. */
/** Segment-change events dispatched at once after a page commits. */
const DISPATCH_CONCURRENCY = 8;
const PAGE = 100;

/**
 * Starts a pass over every customer, or keeps the one already started under the same key (a
 * second instance, a rerun of the nightly task). A new key restarts the pass from the first
 * customer: after a second thresholds save everyone must see the newest thresholds.
 */
export async function startSegmentRecompute(deps: RecomputeDeps, kind: Kind, runKey: string): Promise<SegmentRecompute> {
  const tdb = tenantDb(deps.orgId);
  const ref = tdb.segmentRecompute.doc(kind);
  const total = (await tdb.customers.ref.count().get()).data().count;
  return firestore().runTransaction(async (tx) => {
    const current = (await tx.get(ref)).data();
    if (current?.runKey === runKey) return current;
    const now = deps.clock.now();
    const job: SegmentRecompute = {
      id: kind,
      status: 'running',
      runKey,
      startedAt: now,
      updatedAt: now,
      finishedAt: null,
      cursor: null,
      processed: 0,
      changed: 0,
      total,
    };
    tx.set(ref, job);
    return job;
  });
}

/**
 * Works a running pass a page at a time until it is done or the deadline passes (the tick goes
 * on from the cursor). Each page is one transaction: the customers are read, only those whose
 * segment or reason moved are written (segment fields alone, so an order's aggregates written
 * meanwhile are never overwritten), with their history entries, events and the new cursor.
 * The events are dispatched after the commit; one that fails waits for the re-dispatch tick.
 */
export async function continueSegmentRecompute(deps: RecomputeDeps, kind: Kind, deadline: number): Promise<{ done: boolean; pages: number; changed: number }> {
  const tdb = tenantDb(deps.orgId);
  const ref = tdb.segmentRecompute.doc(kind);
  // Read here, not from the per-instance cache, so a pass never works with thresholds older than its save.
  const thresholds = ((await tdb.loyaltySettings.get(LOYALTY_SETTINGS_DOC)) ?? defaultLoyaltySettings()).segments;
  // Saved segments ride along: days since the last order move them too (docs/crm.md, Saved segments).
  const saved = await loadActiveSavedSegments(deps.orgId);
  const timeZone = await rollupTimeZone(deps.orgId);
  let pages = 0;
  let changed = 0;
  while (Date.now() < deadline) {
    const page = await firestore().runTransaction(async (tx) => {
      const job = (await tx.get(ref)).data();
      if (!job || job.status !== 'running') return null;
      let query = tdb.customers.ref.orderBy(FieldPath.documentId()).limit(PAGE);
      if (job.cursor) query = query.startAfter(job.cursor);
      const snap = await tx.get(query);
      const now = deps.clock.now();
      const events: CanonicalEvent[] = [];
      let moved = 0;
      for (const doc of snap.docs) {
        const customer = doc.data();
        // A profile merged into another is in no segment (docs/crm.md, Duplicate merge): no campaign reaches it twice.
        if (customer.mergedInto) continue;
        const change = recomputeSegment(customer, thresholds, now, kind, job.runKey);
        const withSaved = applySavedSegments(change.customer, saved, now, kind, job.runKey);
        if (withSaved.customer === customer) continue;
        if (change.customer !== customer) moved += 1;
        const { segment, segmentReason, segmentSince, savedSegmentIds } = withSaved.customer;
        tdb.customers.updateIn(tx, customer.id, {
          segment,
          segmentReason: segmentReason ?? null,
          segmentSince: segmentSince ?? null,
          ...(savedSegmentIds ? { savedSegmentIds } : {}),
        });
        if (change.entry) tx.set(tdb.segmentHistory(customer.id).doc(change.entry.id), change.entry);
        for (const event of [...(change.event ? [change.event] : []), ...withSaved.events]) {
          storeEventInTx(tx, deps.orgId, event, now);
          events.push(event);
        }
      }
      // The page's segment moves, counted with the events that record them (docs/analytics.md).
      writeRollupDeltaInTx(tx, deps.orgId, segmentChangesDelta(events, timeZone), now);
      const done = snap.size < PAGE;
      tx.set(ref, {
        ...job,
        cursor: snap.docs.at(-1)?.id ?? job.cursor,
        processed: job.processed + snap.size,
        changed: job.changed + moved,
        total: Math.max(job.total, job.processed + snap.size),
        status: done ? 'done' : 'running',
        finishedAt: done ? now : null,
        updatedAt: now,
      });
      return { done, moved, events };
    });
    if (!page) return { done: true, pages, changed };
    pages += 1;
    changed += page.moved;
    await dispatchSegmentEvents(deps, page.events);
    if (page.done) {
      deps.log?.info({ kind, pages, changed }, 'segment recompute finished');
      return { done: true, pages, changed };
    }
  }
  return { done: false, pages, changed };
}

/** Dispatches a committed page's segment events (changes and saved-segment entries) to playbooks. */
export async function dispatchSegmentEvents(deps: RecomputeDeps, events: CanonicalEvent[]) {
  const ctx = { orgId: deps.orgId, actor: systemActor('segments'), clock: deps.clock, log: deps.log };
  // A page moves up to 100 customers at once (a thresholds change, the first placement): their
  // events are dispatched several at a time, each for its own customer, so order does not matter.
  await forEachConcurrently(events, DISPATCH_CONCURRENCY, async (event) => {
    try {
      await triggerPlaybooksForEvent(ctx, event, { stored: true });
    } catch (err) {
      deps.log?.error({ err, eventId: event.id }, 'dispatching a segment change failed; the tick will retry');
    }
  });
}

/** What the settings page shows under its progress bar: the latest thresholds pass (null: none yet). */
export async function getSegmentRecompute(deps: Pick<RecomputeDeps, 'orgId'>) {
  const job = await tenantDb(deps.orgId).segmentRecompute.get('thresholds');
  return job
    ? { status: job.status, processed: job.processed, total: job.total, changed: job.changed, percent: recomputePercent(job), finishedAt: job.finishedAt }
    : null;
}

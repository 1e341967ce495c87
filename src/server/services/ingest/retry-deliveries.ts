import type { QueryDocumentSnapshot, Timestamp } from 'firebase-admin/firestore';
import { FINAL_STATUSES, DeliverySchema, type Delivery } from '@/domain/integrations/delivery';
import { deliveryFeedEntry } from '@/domain/integrations/delivery-feed';
import { PROCESSING_LEASE_MS } from '@/domain/integrations/retry-policy';
import { GroupCommit } from '../../db/group-commit';
import { tenantDb } from '../../db/tenant-db';
import { modelConverter } from '../../db/typed-collection';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
import { processDelivery } from './process-delivery';

const PAGE = 100;
/** Deliveries one tick processes at once. */
export const RETRY_CONCURRENCY = 8;

const claims = new GroupCommit();
const releases = new GroupCommit();

/**
 * Claims one delivery: processing, leased, conditional on the copy the query returned (the live
 * list's copy changes with it). Resolves with the claim's write time, or null when someone else
 * claimed or finished it since the query; any other failure is the tick's to log.
 */
function claim(doc: QueryDocumentSnapshot, orgId: string, d: Delivery, t: Date): Promise<Timestamp | null> {
  return claims.commitIfUnchanged(
    (batch) => {
      batch.update(doc.ref, { status: 'processing', nextAttemptAt: new Date(t.getTime() + PROCESSING_LEASE_MS) }, { lastUpdateTime: doc.updateTime });
      batch.set(tenantDb(orgId).deliveryFeed.doc(d.id), deliveryFeedEntry({ ...d, status: 'processing' }));
    },
    { writes: 2 },
  );
}

/**
 * The tick's retry function. One query finds every delivery due for another look: failed ones
 * whose backoff has passed, and received or processing ones whose worker never finished (an
 * instance that died after acknowledging). Each is claimed with a lease, a write conditional on
 * the copy the query returned, so concurrent ticks never process one twice at the same time.
 * A page's claims are made together as soon as the page is fetched, while the page before is
 * worked (they share commits: one round trip for the page rather than one per delivery, each
 * still conditional on its own copy); what the deadline leaves, in this page or the one fetched
 * ahead, is handed back at once rather than waiting out its lease.
 */
export const retryDeliveriesTask: CronTask = {
  name: 'signals.retry-deliveries',
  run: (deps) => retryDueDeliveries(deps),
};

type Claims = Map<string, Promise<Timestamp | null>>;

/** The same work, optionally for one tenant only (the admin CLI and tests use that). */
export async function retryDueDeliveries(deps: CronDeps & { orgId?: string }) {
  const { clock, log } = deps;
  const report = await workDue<'processed' | 'failed' | 'deadLettered' | 'ignored', Claims>(deps, {
    collection: 'webhook_deliveries',
    outcomes: ['processed', 'failed', 'deadLettered', 'ignored'] as const,
    pageSize: PAGE,
    concurrency: RETRY_CONCURRENCY,
    // The next page is claimed while this one is worked (a claim is conditional on its own copy,
    // so claiming early decides nothing else); a page the deadline drops is handed back.
    prepareAhead: true,
    due: (deliveries, now) =>
      deliveries.withConverter(modelConverter(DeliverySchema, 'webhook_deliveries')).where('nextAttemptAt', '<=', now).orderBy('nextAttemptAt', 'asc'),
    async preparePage(docs) {
      const t = clock.now();
      const claims: Claims = new Map();
      for (const doc of docs) {
        const d = doc.data() as Delivery;
        const orgId = doc.ref.parent.parent?.id;
        if (!orgId || FINAL_STATUSES.includes(d.status) || !d.nextAttemptAt || d.nextAttemptAt > t) continue;
        const claimed = claim(doc, orgId, d, t);
        claimed.catch(() => undefined); // awaited (and its failure raised) when the delivery is worked or released
        claims.set(doc.id, claimed);
      }
      return claims;
    },
    async release(docs, claims) {
      const now = clock.now();
      await Promise.all(
        docs.map(async (doc) => {
          const claimedAt = await claims.get(doc.id);
          const orgId = doc.ref.parent.parent?.id;
          if (!claimedAt || !orgId) return;
          const d = doc.data() as Delivery;
          // Back as the query found it, due now; conditional on the claim being the last write.
          // Null (not released) when the delivery moved since: someone else's now.
          await releases.commitIfUnchanged(
            (batch) => {
              batch.update(doc.ref, { status: d.status, nextAttemptAt: now }, { lastUpdateTime: claimedAt });
              batch.set(tenantDb(orgId).deliveryFeed.doc(d.id), deliveryFeedEntry(d));
            },
            { writes: 2 },
          );
        }),
      );
    },
    async work(doc, orgId, claims) {
      if (!(await claims.get(doc.id))) return null;
      const outcome = await processDelivery(orgId, doc.data() as Delivery, { by: 'retry', clock, log });
      if (outcome.status === 'processed') return 'processed';
      if (outcome.status === 'dead_letter') return 'deadLettered';
      if (outcome.status === 'ignored') return 'ignored';
      return 'failed';
    },
  });
  const claimed = report.processed + report.failed + report.deadLettered + report.ignored;
  return {
    due: report.due,
    claimed,
    processed: report.processed,
    failed: report.failed + report.errors,
    deadLettered: report.deadLettered,
    ignored: report.ignored,
    leftForNextTick: report.leftForNextTick,
  };
}

import { FieldValue, type Transaction, type WriteBatch } from 'firebase-admin/firestore';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import { systemClock, type Clock } from '@/domain/clock';
import type { Attempt, Delivery } from '@/domain/integrations/delivery';
import { deliveryFeedEntry } from '@/domain/integrations/delivery-feed';
import { afterFailure, PROCESSING_LEASE_MS } from '@/domain/integrations/retry-policy';
import { systemActor } from '@/domain/roles';
import { mapDelivery } from '@/domain/signals/map-delivery';
import { parseJsonLossless } from '@/domain/signals/parse-json';
import { MappingError } from '@/domain/signals/signal';
import { ConcurrencyLimiter } from '../../concurrency/keyed-mutex';
import { config } from '../../config';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { lazyChild, logger, type Logger } from '../../log';
import { createNotification } from '../notifications/create-notification';
import { triggerPlaybooksForEvent } from '../playbooks/trigger-playbooks-for-event';
import { applySignal } from '../signals/apply-signal';
import type { SignalContext } from '../signals/signal-context';
import { StageTimer, timed, type StageTimes } from '../stage-timer';
import { loadDeliveryBody } from './store-delivery';

export type DeliveryRef = Pick<
  Delivery,
  'id' | 'source' | 'endpointId' | 'topic' | 'eventKey' | 'receivedAt' | 'attempts' | 'bodyChunks' | 'body' | 'customerIds'
>;

export interface ProcessOutcome {
  status: 'processed' | 'ignored' | 'failed' | 'dead_letter';
  eventIds: string[];
  error: string | null;
}

let limiter: ConcurrencyLimiter | undefined;
/** Caps how many deliveries one instance processes at once; the rest wait their turn in memory. */
export function processingLimiter(): ConcurrencyLimiter {
  limiter ??= new ConcurrencyLimiter(config().ingestConcurrency);
  return limiter;
}

type AfterAckOptions = Parameters<typeof processDelivery>[2];

/**
 * The receiver's path: queue behind the instance's processing limit, then process. A delivery
 * waits as data (its stored record and raw bytes), not as a pending promise: a receiver answers
 * thousands of deliveries in a burst faster than it processes them, and a promise made inside a
 * request keeps that request's context (everything Next holds for it) alive until it settles,
 * which in a burst of 10,000 more than doubled the heap (docs/performance.md). A delivery that has
 * to wait lets go of its parsed body too; it is parsed again from the raw bytes when its turn comes.
 * One that waited longer than the retry function's lease may already have been taken over by the
 * tick; it is then left to it. Failures are the processing's own to record (a delivery is marked
 * failed and retried); anything else is logged.
 */
export function queueAfterAck(orgId: string, delivery: DeliveryRef, opts: AfterAckOptions): void {
  // The logger alone is kept for the failure (not `opts`, whose parsed body a waiting delivery lets go of).
  const log = opts.log ?? logger();
  startAfterAck(orgId, delivery, opts, (err) => log.error({ err, deliveryId: delivery.id }, 'processing a delivery failed'));
}

/** The same, with the outcome to wait on (null when the tick took the delivery over): for scripts and tests. */
export function processAfterAck(orgId: string, delivery: DeliveryRef, opts: AfterAckOptions): Promise<ProcessOutcome | null> {
  return new Promise((resolve, reject) => startAfterAck(orgId, delivery, opts, reject, resolve));
}

function startAfterAck(
  orgId: string,
  delivery: DeliveryRef,
  opts: AfterAckOptions,
  failed: (err: unknown) => void,
  done?: (outcome: ProcessOutcome | null) => void,
): void {
  const limiter = processingLimiter();
  const queuedAt = Date.now();
  const o = limiter.full ? { ...opts, parsed: undefined } : opts;
  limiter.start(async () => {
    try {
      if (Date.now() - queuedAt > PROCESSING_LEASE_MS / 2) {
        // Its status alone (not the stored record and body): in a burst most waiting deliveries ask.
        const ref = firestore().doc(`${tenantDb(orgId).deliveries.path}/${delivery.id}`);
        const [current] = await firestore().getAll(ref, { fieldMask: ['status'] });
        if (current?.get('status') !== 'received') return done?.(null);
      }
      // Processed first, then reported: `done?.(await …)` would skip the processing when there is no `done`.
      const outcome = await processDelivery(orgId, delivery, o);
      done?.(outcome);
    } catch (err) {
      failed(err);
    }
  });
}

/**
 * Processes one stored delivery: map it to signals, apply each signal's effects, store and
 * dispatch the events, then record the outcome with the attempt. A failure is retried with
 * exponential backoff and dead-lettered after the last attempt; a payload that cannot be
 * mapped is dead-lettered at once (retrying cannot fix it; a replay after a fix can).
 */
export async function processDelivery(
  orgId: string,
  delivery: DeliveryRef,
  opts: { by: Attempt['by']; raw?: Uint8Array; parsed?: unknown; clock?: Clock; log?: Logger },
): Promise<ProcessOutcome> {
  const timer = new StageTimer();
  return timer.measure(() => processTimed(orgId, delivery, opts, timer));
}

async function processTimed(
  orgId: string,
  delivery: DeliveryRef,
  opts: { by: Attempt['by']; raw?: Uint8Array; parsed?: unknown; clock?: Clock; log?: Logger },
  timer: StageTimer,
): Promise<ProcessOutcome> {
  const clock = opts.clock ?? systemClock;
  const log = lazyChild(opts.log ?? logger(), { orgId, deliveryId: delivery.id, source: delivery.source });
  const ctx: SignalContext = {
    orgId,
    actor: systemActor('signals'),
    clock,
    log,
    source: delivery.source,
    receivedAt: delivery.receivedAt,
    deliveryId: delivery.id,
  };
  const started = Date.now();
  const eventIds: string[] = [];
  const customerIds = new Set<string>();
  let outcome: ProcessOutcome;
  try {
    const mapped = await timed('read', async () => {
      let body = opts.parsed;
      if (body === undefined) {
        const raw = opts.raw ?? (await loadDeliveryBody(orgId, delivery as Delivery));
        try {
          body = parseJsonLossless(Buffer.from(raw).toString('utf8'));
        } catch {
          throw new MappingError('The stored body is not valid JSON.');
        }
      }
      return mapDelivery({ source: delivery.source, topic: delivery.topic, body, eventKey: delivery.eventKey, receivedAt: delivery.receivedAt });
    });
    if (mapped.outcome === 'ignored') {
      outcome = { status: 'ignored', eventIds, error: mapped.reason };
    } else {
      const deliveries = tenantDb(orgId).deliveries;
      // A delivery of one signal whose events need no dispatch ends with the signal's own commit.
      const finish =
        mapped.signals.length === 1
          ? (w: Transaction | WriteBatch, events: CanonicalEvent[]) => {
              const ids = new Set(events.map((e) => e.customerId).filter((c): c is string => !!c));
              const patch = outcomePatch(
                delivery,
                { status: 'processed', eventIds: events.map((e) => e.id), error: null },
                {
                  by: opts.by,
                  ms: Date.now() - started,
                  at: clock.now(),
                  nextAttemptAt: null,
                  customerIds: ids,
                  stages: timer.report(),
                },
              );
              (w as WriteBatch).update(deliveries.doc(delivery.id), deliveries.patch(delivery.id, patch));
              // The live list's copy changes in the same commit, so it never shows a state the delivery is not in.
              (w as WriteBatch).set(
                tenantDb(orgId).deliveryFeed.doc(delivery.id),
                feedEntry(delivery, { status: 'processed', eventIds: [], error: null }, ids),
              );
              return true;
            }
          : undefined;
      let finished = false;
      for (const signal of mapped.signals) {
        const recorded = await applySignal(ctx, signal, { deliveryId: delivery.id, finish });
        finished = recorded.finished;
        for (const event of recorded.events) {
          eventIds.push(event.id);
          if (event.customerId) customerIds.add(event.customerId);
        }
        for (const event of recorded.toDispatch)
          await timed('dispatch', () =>
            triggerPlaybooksForEvent(ctx, event, { stored: true, customer: recorded.customer, planned: recorded.planned?.get(event.id) }),
          );
        if (recorded.afterDispatch) await timed('apply', recorded.afterDispatch);
      }
      outcome = { status: 'processed', eventIds, error: null };
      if (finished) {
        log.debug({ status: outcome.status, events: eventIds.length, ms: Date.now() - started, stages: timer.report() }, 'delivery processed');
        return outcome;
      }
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const attempts = delivery.attempts + 1;
    const failedAt = clock.now();
    const decision = err instanceof MappingError ? { kind: 'dead_letter' as const } : afterFailure(attempts, failedAt);
    log.warn({ err, attempts, decision: decision.kind }, 'delivery processing failed');
    outcome = { status: decision.kind === 'dead_letter' ? 'dead_letter' : 'failed', eventIds, error: message.slice(0, 2000) };
    await timed('outcome', () =>
      recordOutcome(orgId, delivery, outcome, {
        by: opts.by,
        ms: Date.now() - started,
        at: failedAt,
        nextAttemptAt: decision.kind === 'retry' ? decision.at : null,
        customerIds,
        stages: timer.report(),
      }),
    );
    if (decision.kind === 'dead_letter') await notifyDeadLetter(ctx, delivery, message, attempts);
    return outcome;
  }
  await timed('outcome', () =>
    recordOutcome(orgId, delivery, outcome, {
      by: opts.by,
      ms: Date.now() - started,
      at: clock.now(),
      nextAttemptAt: null,
      customerIds,
      stages: timer.report(),
    }),
  );
  log.debug({ status: outcome.status, events: eventIds.length, ms: Date.now() - started, stages: timer.report() }, 'delivery processed');
  return outcome;
}

type OutcomeDetails = { by: Attempt['by']; ms: number; at: Date; nextAttemptAt: Date | null; customerIds: Set<string>; stages: StageTimes };

async function recordOutcome(orgId: string, delivery: DeliveryRef, outcome: ProcessOutcome, o: OutcomeDetails) {
  const tdb = tenantDb(orgId);
  // The live list's copy changes in the same batch, so it never shows a state the delivery is not in.
  const batch = firestore().batch();
  batch.update(tdb.deliveries.doc(delivery.id), tdb.deliveries.patch(delivery.id, outcomePatch(delivery, outcome, o)));
  batch.set(tdb.deliveryFeed.doc(delivery.id), feedEntry(delivery, outcome, o.customerIds));
  await batch.commit();
}

function feedEntry(delivery: DeliveryRef, outcome: ProcessOutcome, customerIds: Set<string>) {
  return deliveryFeedEntry({
    ...delivery,
    status: outcome.status,
    attempts: delivery.attempts + 1,
    lastError: outcome.status === 'processed' || outcome.status === 'ignored' ? null : outcome.error,
    customerIds: [...new Set([...(delivery.customerIds ?? []), ...customerIds])],
  });
}

/** The delivery's fields after an attempt: its status, the attempt in its log, its events and customers. */
function outcomePatch(delivery: DeliveryRef, outcome: ProcessOutcome, o: OutcomeDetails): Record<string, unknown> {
  const now = o.at;
  const attempt: Attempt = {
    at: now,
    by: o.by,
    outcome: outcome.status === 'processed' ? 'processed' : outcome.status === 'ignored' ? 'ignored' : 'failed',
    error: outcome.error,
    ms: Math.max(0, Math.round(o.ms)),
    stages: o.stages,
  };
  return {
    status: outcome.status,
    attempts: delivery.attempts + 1,
    attemptLog: FieldValue.arrayUnion(attempt),
    lastError: outcome.status === 'processed' ? null : outcome.status === 'ignored' ? null : outcome.error,
    ignoredReason: outcome.status === 'ignored' ? outcome.error : null,
    nextAttemptAt: o.nextAttemptAt,
    processedAt: outcome.status === 'processed' || outcome.status === 'ignored' ? now : null,
    ...(outcome.eventIds.length ? { eventIds: FieldValue.arrayUnion(...outcome.eventIds) } : {}),
    ...(o.customerIds.size ? { customerIds: FieldValue.arrayUnion(...o.customerIds) } : {}),
  };
}

async function notifyDeadLetter(ctx: SignalContext, delivery: DeliveryRef, error: string, attempts: number) {
  await createNotification(ctx, {
    kind: 'delivery_dead_letter',
    severity: 'critical',
    // The error may quote the payload (order amounts), and the link is an integrations page.
    audience: 'owners_admins',
    title: `A ${delivery.source} delivery could not be processed`,
    body: `${delivery.topic ?? 'Delivery'} failed ${attempts} time${attempts === 1 ? '' : 's'}: ${error.slice(0, 300)}. Open it to see the payload and replay it.`,
    link: `/dashboard/integrations/deliveries/${delivery.id}`,
    sourceId: delivery.id,
    dedupeKey: `dead:${delivery.id}:${attempts}`,
  }).catch((err: unknown) => ctx.log?.error({ err }, 'could not notify staff of a dead-lettered delivery'));
}

import { FieldValue } from 'firebase-admin/firestore';
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
import { logger, type Logger } from '../../log';
import { createNotification } from '../notifications/create-notification';
import { triggerPlaybooksForEvent } from '../playbooks/trigger-playbooks-for-event';
import { applySignal } from '../signals/apply-signal';
import { recordEvent } from '../signals/record-event';
import type { SignalContext } from '../signals/signal-context';
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

/**
 * The receiver's path: queue behind the instance's processing limit, then process. A delivery
 * that waited longer than the retry function's lease may already have been taken over by the
 * tick; it is then left to it.
 */
export function processAfterAck(orgId: string, delivery: DeliveryRef, opts: Parameters<typeof processDelivery>[2]): Promise<ProcessOutcome | null> {
  const queuedAt = Date.now();
  return processingLimiter().run(async () => {
    if (Date.now() - queuedAt > PROCESSING_LEASE_MS / 2) {
      const current = await tenantDb(orgId).deliveries.get(delivery.id);
      if (current?.status !== 'received') return null;
    }
    return processDelivery(orgId, delivery, opts);
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
  const clock = opts.clock ?? systemClock;
  const log = (opts.log ?? logger()).child({ orgId, deliveryId: delivery.id, source: delivery.source });
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
    let body = opts.parsed;
    if (body === undefined) {
      const raw = opts.raw ?? (await loadDeliveryBody(orgId, delivery as Delivery));
      try {
        body = parseJsonLossless(Buffer.from(raw).toString('utf8'));
      } catch {
        throw new MappingError('The stored body is not valid JSON.');
      }
    }
    const mapped = mapDelivery({ source: delivery.source, topic: delivery.topic, body, eventKey: delivery.eventKey, receivedAt: delivery.receivedAt });
    if (mapped.outcome === 'ignored') {
      outcome = { status: 'ignored', eventIds, error: mapped.reason };
    } else {
      for (const signal of mapped.signals) {
        const events = await applySignal(ctx, signal);
        for (const event of events) {
          await recordEvent(ctx, event, delivery.id);
          eventIds.push(event.id);
          if (event.customerId) customerIds.add(event.customerId);
        }
        for (const event of events) await triggerPlaybooksForEvent(ctx, event);
      }
      outcome = { status: 'processed', eventIds, error: null };
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const attempts = delivery.attempts + 1;
    const failedAt = clock.now();
    const decision = err instanceof MappingError ? { kind: 'dead_letter' as const } : afterFailure(attempts, failedAt);
    log.warn({ err, attempts, decision: decision.kind }, 'delivery processing failed');
    outcome = { status: decision.kind === 'dead_letter' ? 'dead_letter' : 'failed', eventIds, error: message.slice(0, 2000) };
    await recordOutcome(orgId, delivery, outcome, {
      by: opts.by,
      ms: Date.now() - started,
      at: failedAt,
      nextAttemptAt: decision.kind === 'retry' ? decision.at : null,
      customerIds,
    });
    if (decision.kind === 'dead_letter') await notifyDeadLetter(ctx, delivery, message, attempts);
    return outcome;
  }
  await recordOutcome(orgId, delivery, outcome, { by: opts.by, ms: Date.now() - started, at: clock.now(), nextAttemptAt: null, customerIds });
  log.debug({ status: outcome.status, events: eventIds.length, ms: Date.now() - started }, 'delivery processed');
  return outcome;
}

async function recordOutcome(
  orgId: string,
  delivery: DeliveryRef,
  outcome: ProcessOutcome,
  o: { by: Attempt['by']; ms: number; at: Date; nextAttemptAt: Date | null; customerIds: Set<string> },
) {
  const now = o.at;
  const attempt: Attempt = {
    at: now,
    by: o.by,
    outcome: outcome.status === 'processed' ? 'processed' : outcome.status === 'ignored' ? 'ignored' : 'failed',
    error: outcome.error,
    ms: Math.max(0, Math.round(o.ms)),
  };
  const tdb = tenantDb(orgId);
  const lastError = outcome.status === 'processed' ? null : outcome.status === 'ignored' ? null : outcome.error;
  // The live list's copy changes in the same batch, so it never shows a state the delivery is not in.
  const batch = firestore().batch();
  batch.update(
    tdb.deliveries.doc(delivery.id),
    tdb.deliveries.patch(delivery.id, {
      status: outcome.status,
      attempts: delivery.attempts + 1,
      attemptLog: FieldValue.arrayUnion(attempt),
      lastError,
      ignoredReason: outcome.status === 'ignored' ? outcome.error : null,
      nextAttemptAt: o.nextAttemptAt,
      processedAt: outcome.status === 'processed' || outcome.status === 'ignored' ? now : null,
      ...(outcome.eventIds.length ? { eventIds: FieldValue.arrayUnion(...outcome.eventIds) } : {}),
      ...(o.customerIds.size ? { customerIds: FieldValue.arrayUnion(...o.customerIds) } : {}),
    }),
  );
  batch.set(
    tdb.deliveryFeed.doc(delivery.id),
    deliveryFeedEntry({
      ...delivery,
      status: outcome.status,
      attempts: delivery.attempts + 1,
      lastError,
      customerIds: [...new Set([...(delivery.customerIds ?? []), ...o.customerIds])],
    }),
  );
  await batch.commit();
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

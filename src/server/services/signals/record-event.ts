import type { Transaction, WriteBatch } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import type { z } from 'zod';
import { toCanonicalEvent, type StoredEventSchema } from '@/domain/events/stored-event';
import { isAlreadyExists } from '../../db/typed-collection';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { needsDispatch, type RegistryView } from '../playbooks/engine/listener-registry';
import type { PlannedStarts, RunStartPlan } from '../playbooks/engine/plan-run-starts';

/** How a signal's events are stored, in the same transaction (or batch) as its effects. */
export interface EventRecording {
  deliveryId: string | null;
  /** The listener registry (read alongside the signal's own reads; usually cached). */
  registry: Promise<RegistryView>;
  /**
   * Adds the delivery's outcome to the same write, when nothing is left to do after it (no event
   * needs dispatch): processing then ends with one commit. Returns whether it did.
   */
  finish?: (w: Transaction | WriteBatch, events: CanonicalEvent[]) => boolean;
}

type StoredEvent = z.infer<typeof StoredEventSchema>;

export interface RecordedEvents {
  events: CanonicalEvent[];
  /** Stored and not dispatched yet: the caller dispatches them. */
  toDispatch: CanonicalEvent[];
  /** The delivery's outcome went with the events. */
  finished: boolean;
  /** The events' customer as the transaction left them, when it read them (saves dispatch a read). */
  customer?: Customer | null;
  /**
   * Work the signal needs once its events are dispatched (attribution): run by the caller after
   * dispatch, so the first message never waits for it; a failure fails the delivery like any step.
   */
  afterDispatch?: () => Promise<unknown>;
  /** Runs started in the signal's commit, by event id (plan-run-starts.ts): dispatch executes them instead of starting them. */
  planned?: Map<string, PlannedStarts>;
}

/**
 * The stored form of an event. One that nothing listens for, ends or wakes is dispatched the
 * moment it is stored: there is nothing to dispatch it to (so the re-dispatch tick never sees it).
 */
function stored(orgId: string, event: CanonicalEvent, registry: RegistryView, rec: EventRecording, now: Date): StoredEvent {
  const dispatched = !needsDispatch(registry, event);
  return tenantDb(orgId).events.parse({ ...event, deliveryId: rec.deliveryId, processedAt: now, dispatchedAt: dispatched ? now : null });
}

/** Creates the events in the caller's transaction (after its reads). */
export async function recordEventsInTx(
  tx: Transaction,
  orgId: string,
  events: CanonicalEvent[],
  rec: EventRecording,
  now: Date,
  /** Runs these events start, planned before the transaction's writes (planRunStartsInTx): written in the same commit. */
  plan?: RunStartPlan | null,
): Promise<RecordedEvents> {
  const events$ = tenantDb(orgId).events;
  const registry = await rec.registry;
  const docs = events.map((e) => stored(orgId, e, registry, rec, now));
  docs.forEach((d) => tx.create(events$.doc(d.id), d));
  plan?.write(tx);
  const toDispatch = events.filter((_, i) => !docs[i]!.dispatchedAt);
  const finished = !toDispatch.length && !!rec.finish?.(tx, events);
  return { events, toDispatch, finished, ...(plan ? { planned: plan.byEvent } : {}) };
}

/**
 * The events an earlier attempt already stored (a redelivery, a retry after a crash): their
 * effects are not applied again; those not dispatched yet still are.
 */
export function alreadyRecorded(storedEvents: StoredEvent[]): RecordedEvents {
  const events = storedEvents.map(toCanonicalEvent);
  return { events, toDispatch: storedEvents.filter((s) => !s.dispatchedAt).map(toCanonicalEvent), finished: false };
}

/**
 * Stores the events of a signal whose effects had their own transaction, in one batch. Any of
 * them stored already (the same event again) makes the batch fail as a whole; they are then
 * stored one by one, and those found are dispatched if they have not been.
 */
export async function recordEventsInBatch(orgId: string, events: CanonicalEvent[], rec: EventRecording, now: Date): Promise<RecordedEvents> {
  const events$ = tenantDb(orgId).events;
  const registry = await rec.registry;
  const docs = events.map((e) => stored(orgId, e, registry, rec, now));
  const batch = firestore().batch();
  docs.forEach((d) => batch.create(events$.doc(d.id), d));
  const toDispatch = events.filter((_, i) => !docs[i]!.dispatchedAt);
  const finished = !toDispatch.length && !!rec.finish?.(batch, events);
  try {
    await batch.commit();
    return { events, toDispatch, finished };
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
  const again: CanonicalEvent[] = [];
  for (const d of docs) {
    try {
      await events$.ref.doc(d.id).create(d);
      if (!d.dispatchedAt) again.push(toCanonicalEvent(d));
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      const found = await events$.get(d.id);
      if (found && !found.dispatchedAt) again.push(toCanonicalEvent(found));
    }
  }
  return { events, toDispatch: again, finished: false };
}

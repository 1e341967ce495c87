import type { Customer } from '@/domain/customer';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { dispatchEventToPlaybooks, type DispatchReport } from './engine/dispatch-event';
import type { PlannedStarts } from './engine/plan-run-starts';

export interface TriggerResult {
  /** False when this event had already been dispatched (a redelivery, a replay, a second worker). */
  dispatched: boolean;
  report?: DispatchReport;
}

export interface TriggerOptions {
  /** The caller has just stored the event undispatched (or found it so): it is not read again. */
  stored?: boolean;
  /** The event's customer as the caller just left them, so dispatch does not read them again. */
  customer?: Customer | null;
  /** What the signal's commit decided for the event's listeners (runs it started, or why not). */
  planned?: PlannedStarts;
}

/**
 * The one entry point from processed events to playbooks, called once per event after its
 * effects are committed. Dispatch comes first and dispatchedAt is recorded after it: run ids
 * depend only on playbook, key and event, so a second dispatch (a worker that died before
 * recording, the re-dispatch tick, a replay) starts nothing new, and no event is ever dropped
 * between being stored and starting its runs.
 */
export async function triggerPlaybooksForEvent(ctx: ServiceContext, event: CanonicalEvent, opts: TriggerOptions = {}): Promise<TriggerResult> {
  const events = tenantDb(ctx.orgId).events;
  const stored = opts.stored ? true : await events.get(event.id);
  if (stored !== true && stored?.dispatchedAt) return { dispatched: false };
  const report = await dispatchEventToPlaybooks(ctx, event, { customer: opts.customer, planned: opts.planned });
  const now = ctx.clock.now();
  if (stored) await events.update(event.id, { dispatchedAt: now });
  else await events.set({ ...event, deliveryId: null, processedAt: now, dispatchedAt: now });
  return { dispatched: true, report };
}

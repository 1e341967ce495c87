import type { CanonicalEvent } from '@/domain/events/canonical-event';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { dispatchEventToPlaybooks, type DispatchReport } from './engine/dispatch-event';

export interface TriggerResult {
  /** False when this event had already been dispatched (a redelivery, a replay, a second worker). */
  dispatched: boolean;
  report?: DispatchReport;
}

/**
 * The one entry point from processed events to playbooks, called once per event after its
 * effects are committed. Dispatch comes first and dispatchedAt is recorded after it: run ids
 * depend only on playbook, key and event, so a second dispatch (a worker that died before
 * recording, the re-dispatch tick, a replay) starts nothing new, and no event is ever dropped
 * between being stored and starting its runs.
 */
export async function triggerPlaybooksForEvent(ctx: ServiceContext, event: CanonicalEvent): Promise<TriggerResult> {
  const events = tenantDb(ctx.orgId).events;
  const stored = await events.get(event.id);
  if (stored?.dispatchedAt) return { dispatched: false };
  const report = await dispatchEventToPlaybooks(ctx, event);
  const now = ctx.clock.now();
  if (stored) await events.update(event.id, { dispatchedAt: now });
  else await events.set({ ...event, deliveryId: null, processedAt: now, dispatchedAt: now });
  return { dispatched: true, report };
}

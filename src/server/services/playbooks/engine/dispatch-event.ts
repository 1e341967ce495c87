import { randomUUID } from 'node:crypto';
import { savedSegmentIdOfTrigger } from '@/domain/crm/saved-segment';
import { sameSegment } from '@/domain/crm/segments';
import type { Customer } from '@/domain/customer';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import type { PlaybookListener } from '@/domain/playbooks/registry';
import { evaluateCondition } from '@/domain/playbooks/expression';
import type { ServiceContext } from '../../../context';
import { tenantDb } from '../../../db/tenant-db';
import { conditionAst } from '../steps/flow-steps';
import { runKeyForEvent } from '../validate-playbook';
import { applyEventToRuns } from './apply-event-to-runs';
import { executeRun, loadVersion } from './execute-run';
import { listenerRegistry } from './listener-registry';
import { runData } from './run-data';
import type { PlannedStarts } from './plan-run-starts';
import { startRun, type StartRunInput } from './start-run';

export interface DispatchReport {
  exited: number;
  woken: number;
  started: string[];
  notStarted: Array<{ playbookId: string; reason: string }>;
}

/**
 * What an event does to playbooks: first to runs already in flight (exit rules, awaited events),
 * then it starts a run of every active playbook listening for its name, found in the listener
 * registry (never by scanning playbooks; cached per instance, listener-registry.ts). Each new run
 * executes at once, up to its first wait, so the first message goes out while the event is still
 * being processed. Run ids depend only on the playbook, key and event, so dispatching the same
 * event again starts nothing new. An event no exit rule and no wait names skips the run queries.
 */
export async function dispatchEventToPlaybooks(
  ctx: ServiceContext,
  event: CanonicalEvent,
  hints: {
    customer?: Customer | null;
    /** What the signal's own commit decided for this event's listeners, by playbook (plan-run-starts.ts). */
    planned?: PlannedStarts;
  } = {},
): Promise<DispatchReport> {
  const owner = `event:${randomUUID()}`;
  const tdb = tenantDb(ctx.orgId);
  const registry = await listenerRegistry(ctx.orgId);
  const listeners = registry.listeners(event.name);
  const exits = !!event.customerId && registry.mayExit(event.name);
  const wakes = registry.mayWake(event.name);
  const report: DispatchReport = { exited: 0, woken: 0, started: [], notStarted: [] };
  if (!listeners.length && !exits && !wakes) return report;

  const customer =
    hints.customer !== undefined && hints.customer?.id === (event.customerId ?? undefined)
      ? hints.customer
      : event.customerId
        ? await tdb.customers.get(event.customerId)
        : null;
  const applied = await applyEventToRuns(ctx, event, { owner, customer, exits, wakes });
  report.exited = applied.exited.length;
  report.woken = applied.woken.length;

  await Promise.all(
    listeners.map(async (listener) => {
      const planned = hints.planned?.get(listener.playbookId);
      if (planned && 'reason' in planned) {
        report.notStarted.push({ playbookId: listener.playbookId, reason: planned.reason });
        return;
      }
      if (planned) {
        // Started in the signal's own commit (plan-run-starts.ts): executed at once, without a start transaction.
        report.started.push(planned.runId);
        await executeRun(ctx, planned.runId, { owner: planned.owner, started: { run: planned.run, customer, begun: planned.begun } });
        return;
      }
      const decision = await decideListener(ctx, listener, event, customer);
      if (decision.kind === 'ignore') return;
      if (decision.kind === 'refused') {
        report.notStarted.push({ playbookId: listener.playbookId, reason: decision.reason });
        return;
      }
      const result = await startRun(ctx, { ...decision.input, customer, owner });
      if (!result.started) {
        report.notStarted.push({ playbookId: listener.playbookId, reason: result.reason });
        return;
      }
      report.started.push(result.runId);
      await executeRun(ctx, result.runId, { owner, started: { run: result.run, customer } });
    }),
  );
  if (report.started.length || report.exited || report.woken) {
    ctx.log?.info(
      { event: 'playbooks.dispatched', eventId: event.id, name: event.name, started: report.started.length, exited: report.exited, woken: report.woken },
      'event dispatched to playbooks',
    );
  }
  return report;
}

export type ListenerDecision =
  /** A segment listener for another segment: not a refusal, nothing to say. */
  { kind: 'ignore' } | { kind: 'refused'; reason: string } | { kind: 'start'; input: Omit<StartRunInput, 'customer' | 'owner'> };

/**
 * What one listener makes of an event, before any entry rule: whether its trigger's filter
 * matches (against the customer as the event left them), and which key the run would take.
 */
export async function decideListener(
  ctx: ServiceContext,
  listener: PlaybookListener,
  event: CanonicalEvent,
  customer: Customer | null,
): Promise<ListenerDecision> {
  // A segment_entered listener starts only for its own segment; the others say nothing (not a refusal).
  const entered = listener.segment ? segmentEntered(event, listener.segment) : null;
  if (entered === false) return { kind: 'ignore' };
  const { version } = await loadVersion(ctx.orgId, listener.playbookId, listener.version);
  const data = runData(
    { context: { event: event as unknown as Record<string, unknown>, customer: null, vars: {} } },
    customer as Record<string, unknown> | null,
  );
  if (listener.filter && !evaluateCondition(conditionAst(listener.filter), data, { now: ctx.clock.now() }))
    return { kind: 'refused', reason: 'Trigger filter did not match' };
  const keyKind = entered ? (version.entry.runKey === 'eventId' ? 'eventId' : 'customerId') : runKeyForEvent(event.name, version.entry.runKey);
  const runKey = keyKind === 'eventId' ? event.id : (event.keys[keyKind] ?? (keyKind === 'customerId' ? event.customerId : null));
  if (!runKey) return { kind: 'refused', reason: `The event has no ${keyKind}` };
  return {
    kind: 'start',
    input: {
      version,
      // The run's context keeps the event, so steps and conditions see event.data.previousSegment.
      trigger: { type: entered ? 'segment_entered' : 'event', eventName: event.name, eventId: event.id },
      event,
      customerId: event.customerId,
      keyKind,
      runKey,
      occurrence: event.id,
    },
  };
}

/** Whether a customer.segment_changed (or, for `saved:<id>`, customer.saved_segment_entered) event is an entry into `segment` (null: not that event). */
function segmentEntered(event: CanonicalEvent, segment: string): boolean | null {
  const savedId = savedSegmentIdOfTrigger(segment);
  if (savedId) return event.name === 'customer.saved_segment_entered' ? (event.data as { savedSegmentId?: string }).savedSegmentId === savedId : null;
  if (event.name !== 'customer.segment_changed') return null;
  return sameSegment((event.data as { segment?: string }).segment, segment);
}

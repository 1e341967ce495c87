import { randomUUID } from 'node:crypto';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import { evaluateCondition } from '@/domain/playbooks/expression';
import type { ServiceContext } from '../../../context';
import { tenantDb } from '../../../db/tenant-db';
import { conditionAst } from '../steps/flow-steps';
import { runKeyForEvent } from '../validate-playbook';
import { applyEventToRuns } from './apply-event-to-runs';
import { executeRun, loadVersion } from './execute-run';
import { runData } from './run-data';
import { startRun } from './start-run';

export interface DispatchReport {
  exited: number;
  woken: number;
  started: string[];
  notStarted: Array<{ playbookId: string; reason: string }>;
}

/**
 * What an event does to playbooks: first to runs already in flight (exit rules, awaited events),
 * then it starts a run of every active playbook listening for its name, found in the listener
 * registry (never by scanning playbooks). Each new run executes at once, up to its first wait,
 * so the first message goes out while the event is still being processed. Run ids depend only on
 * the playbook, key and event, so dispatching the same event again starts nothing new.
 */
export async function dispatchEventToPlaybooks(ctx: ServiceContext, event: CanonicalEvent): Promise<DispatchReport> {
  const owner = `event:${randomUUID()}`;
  const tdb = tenantDb(ctx.orgId);
  const applied = await applyEventToRuns(ctx, event, { owner });
  const report: DispatchReport = { exited: applied.exited.length, woken: applied.woken.length, started: [], notStarted: [] };

  const listeners = await tdb.listeners.ref.where('eventName', '==', event.name).where('active', '==', true).get();
  if (listeners.empty) return report;
  const customer = event.customerId ? await tdb.customers.get(event.customerId) : null;

  await Promise.all(
    listeners.docs.map(async (doc) => {
      const listener = doc.data();
      const { version } = await loadVersion(ctx.orgId, listener.playbookId, listener.version);
      const data = runData(
        { context: { event: event as unknown as Record<string, unknown>, customer: null, vars: {} } },
        customer as Record<string, unknown> | null,
      );
      if (listener.filter && !evaluateCondition(conditionAst(listener.filter), data, { now: ctx.clock.now() })) {
        report.notStarted.push({ playbookId: listener.playbookId, reason: 'Trigger filter did not match' });
        return;
      }
      const keyKind = runKeyForEvent(event.name, version.entry.runKey);
      const runKey = keyKind === 'eventId' ? event.id : (event.keys[keyKind] ?? (keyKind === 'customerId' ? event.customerId : null));
      if (!runKey) {
        report.notStarted.push({ playbookId: listener.playbookId, reason: `The event has no ${keyKind}` });
        return;
      }
      const result = await startRun(ctx, {
        version,
        trigger: { type: 'event', eventName: event.name, eventId: event.id },
        event,
        customerId: event.customerId,
        keyKind,
        runKey,
        occurrence: event.id,
        owner,
      });
      if (!result.started) {
        report.notStarted.push({ playbookId: listener.playbookId, reason: result.reason });
        return;
      }
      report.started.push(result.runId);
      await executeRun(ctx, result.runId, { owner });
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

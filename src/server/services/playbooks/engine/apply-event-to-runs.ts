import type { Customer } from '@/domain/customer';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import { AppError } from '@/domain/errors';
import { evaluateCondition } from '@/domain/playbooks/expression';
import { ACTIVE_RUN_STATUSES, exitReason, type PlaybookRun } from '@/domain/playbooks/run';
import type { ServiceContext } from '../../../context';
import { tenantDb } from '../../../db/tenant-db';
import { cancelPendingSends, pendingSendsWhere } from '../../messaging/cancel-sends';
import { conditionAst } from '../steps/flow-steps';
import { executeRun, loadVersion } from './execute-run';
import { exitRun, playbookDeletedExit } from './exit-run';
import { runData } from './run-data';

const KEY_KINDS = ['orderId', 'customerId', 'checkoutToken', 'productId'] as const;

function eventData(run: PlaybookRun, event: CanonicalEvent, customer: Record<string, unknown> | null) {
  return runData({ context: { ...run.context, event: event as unknown as Record<string, unknown> } }, customer);
}

/**
 * What an event means for runs already in flight: it ends runs whose exit rules name it (for
 * the same customer), cancelling the messages they still had waiting, and it wakes runs waiting
 * for it on the same key. Exiting wins over a run that is executing at that moment: the exit is
 * recorded on the run and its executor applies it at its next commit instead of advancing.
 */
export async function applyEventToRuns(
  ctx: ServiceContext,
  event: CanonicalEvent,
  opts: {
    owner: string;
    /** The event's customer, already read by the caller (undefined: read it here). */
    customer?: Customer | null;
    /** False when no exit rule names the event (the listener registry says so): the exit query is skipped. */
    exits?: boolean;
    /** False when no wait names the event: the wake queries are skipped. */
    wakes?: boolean;
  },
): Promise<{ exited: string[]; woken: string[] }> {
  const tdb = tenantDb(ctx.orgId);
  const exited: string[] = [];
  const woken: string[] = [];
  const { exits = true, wakes = true } = opts;
  if (!exits && !wakes) return { exited, woken };
  const customer = (opts.customer !== undefined ? opts.customer : event.customerId ? await tdb.customers.get(event.customerId) : null) as Record<
    string,
    unknown
  > | null;

  // The exit query and the wake queries go out together; exits are applied first.
  const wakeKinds = wakes ? KEY_KINDS.filter((k) => !!event.keys[k]) : [];
  const [exitSnap, ...wakeSnaps] = await Promise.all([
    event.customerId && exits ? tdb.runs.ref.where('customerId', '==', event.customerId).where('exitEvents', 'array-contains', event.name).get() : null,
    ...wakeKinds.map((keyKind) =>
      tdb.runs.ref
        .where('waitingFor.eventName', '==', event.name)
        .where('waitingFor.keyKind', '==', keyKind)
        .where('waitingFor.key', '==', event.keys[keyKind]!)
        .get(),
    ),
  ]);

  if (exitSnap) {
    const snap = exitSnap;
    const completed: PlaybookRun[] = [];
    for (const doc of snap.docs) {
      const run = doc.data();
      if (run.trigger.eventId === event.id || run.startedAt > event.occurredAt) continue;
      if (!ACTIVE_RUN_STATUSES.includes(run.status)) {
        if (run.status === 'completed') completed.push(run);
        continue;
      }
      const rule = await exitRuleHolds(ctx, run, event, customer);
      if (rule === 'version_gone') {
        // Versions go only with their playbook, so this run's playbook was deleted without ending it.
        // It cannot go on, and must not hold up this customer's events: end it and carry on.
        ctx.log?.warn({ runId: run.id, playbookId: run.playbookId, version: run.version, eventId: event.id }, 'ended a run whose playbook version is gone');
        await exitRun(ctx, run.id, playbookDeletedExit(run.playbookId));
        continue;
      }
      if (rule && (await exitRun(ctx, run.id, { exitedBy: { eventName: event.name, eventId: event.id } }))) exited.push(run.id);
    }
    if (completed.length) await cancelLateSends(ctx, event, completed, customer);
  }

  for (const snap of wakeSnaps) {
    for (const doc of snap!.docs) {
      const run = doc.data();
      if (run.status !== 'waiting' || !run.waitingFor || run.waitingFor.matchedEventId) continue;
      if (run.waitingFor.filter && !evaluateCondition(conditionAst(run.waitingFor.filter), eventData(run, event, customer), { now: ctx.clock.now() })) continue;
      const ok = await tdb.runs.updateIfUnchanged(
        run.id,
        { 'waitingFor.matchedEventId': event.id, resumeAt: ctx.clock.now(), updatedAt: ctx.clock.now() },
        doc.updateTime,
      );
      if (!ok) continue;
      woken.push(run.id);
      // The run is due now; if this pickup fails the tick resumes it, so the event carries on.
      await executeRun(ctx, run.id, { owner: opts.owner }).catch((err: unknown) =>
        ctx.log?.error({ err, runId: run.id, eventId: event.id }, 'resuming a woken run failed; the tick will retry it'),
      );
    }
  }
  return { exited, woken };
}

/** Whether one of the run's exit rules for this event holds ('version_gone' when its playbook was deleted). */
async function exitRuleHolds(
  ctx: ServiceContext,
  run: PlaybookRun,
  event: CanonicalEvent,
  customer: Record<string, unknown> | null,
): Promise<boolean | 'version_gone'> {
  const loaded = await loadVersion(ctx.orgId, run.playbookId, run.version).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  });
  if (!loaded) return 'version_gone';
  const rules = loaded.version.exit.onEvents.filter((e) => e.eventName === event.name);
  return rules.some((r) => !r.filter || evaluateCondition(conditionAst(r.filter), eventData(run, event, customer), { now: ctx.clock.now() }));
}

/**
 * A run that completed while its last message waited (quiet hours, a retry) has nothing left to
 * exit, but the message is still the journey's: an exit rule that fires before it goes cancels
 * it, as it would have ended the run a moment earlier. One query of the customer's waiting sends.
 */
async function cancelLateSends(ctx: ServiceContext, event: CanonicalEvent, completed: PlaybookRun[], customer: Record<string, unknown> | null) {
  const pending = await pendingSendsWhere(ctx, 'customerId', event.customerId!);
  const byRun = new Map<string, string[]>();
  for (const send of pending) if (send.source.type === 'playbook') byRun.set(send.source.runId, [...(byRun.get(send.source.runId) ?? []), send.id]);
  for (const run of completed) {
    const sendIds = byRun.get(run.id);
    if (!sendIds) continue;
    const rule = await exitRuleHolds(ctx, run, event, customer);
    if (rule === 'version_gone') await cancelPendingSends(ctx, sendIds, 'The playbook was deleted.');
    else if (rule) await cancelPendingSends(ctx, sendIds, exitReason({ eventName: event.name, eventId: event.id }));
  }
}

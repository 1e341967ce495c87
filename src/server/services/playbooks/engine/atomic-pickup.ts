import type { DocumentSnapshot } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import { isJournalled } from '@/domain/playbooks/journal';
import type { Flow } from '@/domain/playbooks/flow';
import type { Playbook, PlaybookVersion } from '@/domain/playbooks/playbook';
import type { PlaybookRun } from '@/domain/playbooks/run';
import { stepType } from '@/domain/playbooks/steps';
import type { ServiceContext } from '../../../context';
import { firestore } from '../../../db/firestore';
import { isAlreadyExists, isFailedPrecondition } from '../../../db/typed-collection';
import { tenantDb } from '../../../db/tenant-db';
import { advance } from './advance';
import { runData } from './run-data';
import { stepHandler, type PlannedStep } from './step-handler';
import type { ExecuteOutcome } from './execute-run';

const MAX_STEPS = 250;

export type AtomicResult = { done: ExecuteOutcome } | { done: null; customer?: Customer | null; stale?: boolean };

/**
 * A pickup that acts on nothing but Firestore documents: from the cursor to the run's next wait
 * (or its end) every step is pure flow (a wait, a condition, a split) or can plan its writes (a
 * tag). Such a pickup needs no lease, claim or journal: it is worked out from the run as the
 * tick's query found it and committed as one batch (the run's record, the steps' writes and their
 * journal entries, outcome included) on condition that nobody wrote the run since. Then it
 * happened exactly once; if anyone did write it (an exit, a wake, another tick), nothing is
 * written and the pickup goes the ordinary way. One read (the customer) and one commit per run,
 * where the ordinary way needs a claim, a journal entry, the step's write and a commit, in turn.
 *
 * `done: null` means "not like this": a step acts outside Firestore, a step threw (the ordinary
 * way retries it), or the run was not as found. The customer read here is handed on.
 */
export async function tryAtomicPickup(
  ctx: ServiceContext,
  found: DocumentSnapshot<PlaybookRun>,
  o: { owner: string; playbook: Playbook | null; version: PlaybookVersion; flow: Flow; customer?: Customer | null },
): Promise<AtomicResult> {
  const run0 = found.data();
  const now = ctx.clock.now();
  if (!run0 || !found.updateTime || run0.status !== 'waiting' || run0.pendingExit) return { done: null };
  if (run0.resumeAt && run0.resumeAt > now) return { done: null };
  if (run0.lease && run0.lease.until > now) return { done: null };
  if (!o.playbook || o.playbook.status !== 'active') return { done: null };
  // Only worth it when the step at the cursor can be planned at all.
  const firstNode = run0.cursor ? o.flow.nodes.get(run0.cursor) : undefined;
  const first = firstNode && stepHandler(firstNode.step.action);
  if (!firstNode || !first || (isJournalled(stepType(firstNode.step.action)) && !first.plan)) return { done: null };

  const customers = tenantDb(ctx.orgId).customers;
  let customer =
    o.customer !== undefined && (o.customer?.id ?? null) === (run0.customerId ?? null)
      ? o.customer
      : run0.customerId
        ? await customers.get(run0.customerId)
        : null;
  const handedOn = { done: null, customer } as const;
  let run: PlaybookRun = { ...run0, status: 'running', attempts: run0.attempts + 1, lease: null };
  const patch: Record<string, unknown> = { attempts: run.attempts, lease: null };
  const planned: Array<PlannedStep & { journal?: { stepId: string; action: string; startedAt: Date } }> = [];
  let outcome: ExecuteOutcome | null = null;
  for (let i = 0; i < MAX_STEPS && !outcome; i++) {
    const stepNow = ctx.clock.now();
    if (run.cursor === null) {
      Object.assign(patch, { status: 'completed', lease: null, resumeAt: null, waitingFor: null, finishedAt: stepNow, updatedAt: stepNow });
      outcome = 'completed';
      break;
    }
    const node = o.flow.nodes.get(run.cursor);
    const handler = node && stepHandler(node.step.action);
    if (!node || !handler) return handedOn;
    const journalled = isJournalled(stepType(node.step.action));
    if (journalled && !handler.plan) return handedOn;
    const stepCtx = {
      ...ctx,
      run,
      version: o.version,
      flow: o.flow,
      node,
      step: node.step,
      idempotencyKey: `${run.id}:${node.step.id}`,
      data: runData(run, customer as Record<string, unknown> | null),
      profile: customer,
      dryRun: false,
    };
    let step: PlannedStep;
    try {
      step = journalled ? await handler.plan!(stepCtx) : { outcome: await handler.execute(stepCtx) };
    } catch {
      return handedOn;
    }
    planned.push(journalled ? { ...step, journal: { stepId: node.step.id, action: node.step.action, startedAt: stepNow } } : step);
    if (step.profile !== undefined) customer = step.profile;
    const advanced = advance(run, node, step.outcome, stepNow, ctx.clock.now());
    Object.assign(patch, advanced.patch);
    run = advanced.next;
    if (run.status === 'completed') outcome = 'completed';
    else if (run.status === 'waiting') outcome = 'waiting';
  }
  if (!outcome) {
    // A very long flow yields; the next tick carries on from the cursor.
    Object.assign(patch, { status: 'waiting', resumeAt: ctx.clock.now(), lease: null, updatedAt: ctx.clock.now() });
    outcome = 'waiting';
  }

  const runs = tenantDb(ctx.orgId).runs;
  const batch = firestore().batch();
  batch.update(runs.doc(run.id), runs.patch(run.id, patch), { lastUpdateTime: found.updateTime });
  const journal = tenantDb(ctx.orgId).runJournal(run.id);
  const at = ctx.clock.now();
  for (const step of planned) {
    step.write?.(batch);
    // The side-effect step's journal entry, created with its outcome: a step some executor started
    // before (its entry exists) makes the whole batch fail, and the ordinary way consults the journal.
    if (step.journal)
      batch.create(
        journal.doc(step.journal.stepId),
        journal.parse({
          id: step.journal.stepId,
          action: step.journal.action,
          owner: o.owner,
          startedAt: step.journal.startedAt,
          outcome: step.outcome as never,
          finishedAt: at,
        }),
      );
  }
  try {
    await batch.commit();
  } catch (err) {
    // Someone wrote the run since the query, a document a step writes is gone, or a step was
    // started before: nothing was written.
    if (isFailedPrecondition(err)) return { ...handedOn, stale: true };
    if (isAlreadyExists(err)) return handedOn;
    throw err;
  }
  return { done: outcome };
}

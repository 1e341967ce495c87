import { compileFlow, type Flow } from '@/domain/playbooks/flow';
import type { Playbook, PlaybookVersion } from '@/domain/playbooks/playbook';
import { ACTIVE_RUN_STATUSES, type PlaybookRun, type StepResult } from '@/domain/playbooks/run';
import { stepType } from '@/domain/playbooks/steps';
import type { ServiceContext } from '../../../context';
import { tenantDb } from '../../../db/tenant-db';
import { afterRunEnded, pendingExitOf, playbookDeletedExit } from './exit-run';
import { runData } from './run-data';
import { DEFAULT_LEASE_MS, leaseMs, RunLease } from './run-lease';
import { runStep } from './run-step';
import { recordOutcome } from './step-journal';
import { stepHandler, type StepOutcome } from './step-handler';
// Every route that can execute a run must have the handlers registered, whatever else it imports.
import '../steps';

/** The default lease; `setLeaseMs` (run-lease.ts) shortens it in tests. */
export const LEASE_MS = DEFAULT_LEASE_MS;
/** Consecutive failures of one step before the run fails. */
const MAX_FAILURES = 5;
const MAX_STEPS_PER_PICKUP = 250;
const PAUSED_RECHECK_MS = 10 * 60_000;

export type ExecuteOutcome = 'completed' | 'waiting' | 'failed' | 'exited' | 'busy' | 'not_due' | 'lost' | 'gone' | 'retrying';

// Versions never change once written, so each instance keeps the compiled ones it has used.
const versionCache = new Map<string, { version: PlaybookVersion; flow: Flow }>();

export async function loadVersion(orgId: string, playbookId: string, version: number) {
  const key = `${orgId}/${playbookId}/${version}`;
  let hit = versionCache.get(key);
  if (!hit) {
    const v = await tenantDb(orgId).playbookVersions(playbookId).getOrThrow(String(version));
    hit = { version: v, flow: compileFlow(v.steps) };
    if (versionCache.size > 500) versionCache.clear();
    versionCache.set(key, hit);
  }
  return hit;
}

/** A restart loses what an instance cached; tests simulate one with this. */
export function forgetCachedVersions() {
  versionCache.clear();
}

/** The wait after the nth consecutive failure: 30 s, doubling, at most an hour. */
function backoffMs(failures: number) {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, failures - 1));
}

/**
 * Advances one run as far as it can go now: claims its lease (optimistically, against the
 * document's last write time), executes steps in order, and commits after every step, again
 * only if nobody else took the run over (RunLease). A run that waits is parked with resumeAt; a
 * crash leaves the lease to expire and the next tick resumes at the cursor. Side-effect steps are
 * journalled and their handlers kept alive by a heartbeat (runStep), so a step never acts twice;
 * an exit recorded on the run is applied at the next commit instead of advancing.
 */
export interface ExecuteOptions {
  owner: string;
  /**
   * Playbook documents read during one resume pass, shared across its runs. A pause made during
   * the pass applies from the next tick; outside a pass every pickup reads the playbook afresh.
   */
  playbooks?: Map<string, Promise<Playbook | null>>;
}

export async function executeRun(ctx: ServiceContext, runId: string, opts: ExecuteOptions): Promise<ExecuteOutcome> {
  const runs = tenantDb(ctx.orgId).runs;
  const snap = await runs.doc(runId).get();
  let run = snap.data();
  if (!run || !snap.updateTime) return 'gone';
  const now = ctx.clock.now();
  if (!ACTIVE_RUN_STATUSES.includes(run.status)) return 'gone';
  if (run.lease && run.lease.until > now && run.lease.owner !== opts.owner) return 'busy';
  if (run.status === 'waiting' && run.resumeAt && run.resumeAt > now) return 'not_due';

  const claimedLease = { owner: opts.owner, until: new Date(now.getTime() + leaseMs()) };
  const claimed = await runs.updateIfUnchanged(runId, { status: 'running', lease: claimedLease, attempts: run.attempts + 1, updatedAt: now }, snap.updateTime);
  if (!claimed) return 'busy';
  run = { ...run, status: 'running', lease: claimedLease, attempts: run.attempts + 1 };
  const lease = new RunLease(ctx, runId, opts.owner, claimedLease, claimed, run.pendingExit);
  if (lease.pendingExit) return exitNow(ctx, lease, run);

  // A paused playbook holds its runs where they are; a deleted one ends them.
  const playbookKey = `${ctx.orgId}/${run.playbookId}`;
  let playbookRead = opts.playbooks?.get(playbookKey);
  if (!playbookRead) {
    playbookRead = tenantDb(ctx.orgId).playbooks.get(run.playbookId);
    opts.playbooks?.set(playbookKey, playbookRead);
  }
  const playbook = await playbookRead;
  if (!playbook) {
    lease.pendingExit = pendingExitOf(playbookDeletedExit(run.playbookId), ctx.clock.now());
    return (await exitNow(ctx, lease, run)) === 'exited' ? 'gone' : 'lost';
  }
  if (playbook.status !== 'active') {
    const at = ctx.clock.now();
    return settle(ctx, lease, run, { status: 'waiting', resumeAt: new Date(at.getTime() + PAUSED_RECHECK_MS), lease: null, updatedAt: at }, 'waiting');
  }

  const { version, flow } = await loadVersion(ctx.orgId, run.playbookId, run.version);
  const customers = tenantDb(ctx.orgId).customers;
  let customer = run.customerId ? await customers.get(run.customerId) : null;

  for (let executed = 0; executed < MAX_STEPS_PER_PICKUP; executed++) {
    const stepNow = ctx.clock.now();
    if (run.cursor === null) {
      return settle(
        ctx,
        lease,
        run,
        { status: 'completed', lease: null, resumeAt: null, waitingFor: null, finishedAt: stepNow, updatedAt: stepNow },
        'completed',
      );
    }
    const node = flow.nodes.get(run.cursor);
    const handler = node && stepHandler(node.step.action);
    if (!node || !handler) {
      const error = `No step ${run.cursor} (${node?.step.action ?? 'unknown'}) in version ${run.version}`;
      return settle(ctx, lease, { ...run, error }, { status: 'failed', error, lease: null, finishedAt: stepNow, updatedAt: stepNow }, 'failed');
    }

    const step = await runStep(
      {
        ...ctx,
        run,
        version,
        flow,
        node,
        step: node.step,
        idempotencyKey: `${run.id}:${node.step.id}`,
        data: runData(run, customer as Record<string, unknown> | null),
        dryRun: false,
      },
      lease,
      node,
      handler,
    );
    if (step.kind === 'lost') return 'lost';
    if (step.kind === 'threw') return retryLater(ctx, lease, run, node.step.id, step.err);
    const { outcome } = step;

    const finished = ctx.clock.now();
    const result = stepResult(node.step, outcome, stepNow, finished);
    // The step succeeded (it advanced, ended or parked the run): its retry budget starts afresh.
    const patch: Record<string, unknown> = { updatedAt: finished, error: null, failures: 0 };
    let next: PlaybookRun;
    if (outcome.kind === 'next') {
      const cursor = outcome.branch !== undefined ? (node.branches[outcome.branch] ?? node.next) : node.next;
      const vars = outcome.vars ? { ...run.context.vars, ...outcome.vars } : run.context.vars;
      next = { ...run, cursor, waitingFor: null, stepResults: [...run.stepResults, result], context: { ...run.context, vars } };
      Object.assign(patch, { cursor, waitingFor: null, stepResults: next.stepResults, 'context.vars': vars });
      if (cursor === null) {
        // The last step: record it and the completion in one write.
        Object.assign(patch, { status: 'completed', lease: null, resumeAt: null, finishedAt: finished });
        next.status = 'completed';
      } else if (lease.lease && finished.getTime() > lease.lease.until.getTime() - leaseMs() / 3) {
        // A lease running low is extended in the step's own write.
        patch.lease = { owner: opts.owner, until: new Date(finished.getTime() + leaseMs()) };
      }
    } else if (outcome.kind === 'end') {
      next = { ...run, cursor: null, status: 'completed', stepResults: [...run.stepResults, result] };
      Object.assign(patch, {
        cursor: null,
        stepResults: next.stepResults,
        status: 'completed',
        lease: null,
        resumeAt: null,
        waitingFor: null,
        finishedAt: finished,
      });
    } else if (outcome.kind === 'wait') {
      next = { ...run, cursor: node.next, status: 'waiting', resumeAt: outcome.until, lease: null, stepResults: [...run.stepResults, result] };
      Object.assign(patch, { cursor: node.next, status: 'waiting', resumeAt: outcome.until, lease: null, stepResults: next.stepResults });
    } else {
      next = { ...run, status: 'waiting', resumeAt: outcome.waitingFor.timeoutAt, waitingFor: outcome.waitingFor, lease: null };
      Object.assign(patch, { status: 'waiting', resumeAt: outcome.waitingFor.timeoutAt, waitingFor: outcome.waitingFor, lease: null });
    }
    const committed = await lease.commit(patch);
    if (committed === 'lost') {
      // Whoever has the run now takes this outcome from the journal instead of acting again.
      if (step.journalled) await recordOutcome(ctx, run.id, node.step.id, outcome);
      return 'lost';
    }
    if (committed === 'exit') {
      // An exit arrived while the step ran: the step is logged, the run ends instead of advancing.
      const ended = await exitNow(ctx, lease, run, outcome.kind === 'wait_for_event' ? {} : { stepResults: [...run.stepResults, result] });
      if (ended === 'lost' && step.journalled) await recordOutcome(ctx, run.id, node.step.id, outcome);
      return ended;
    }
    run = { ...next, failures: 0 };
    if (run.status === 'waiting') return 'waiting';
    if (run.status === 'completed') return 'completed';
    if (stepType(node.step.action)?.category === 'data' && run.customerId) customer = await customers.get(run.customerId);
  }
  // A very long flow yields; the next tick carries on from the cursor.
  return settle(ctx, lease, run, { status: 'waiting', resumeAt: ctx.clock.now(), lease: null }, 'waiting');
}

function stepResult(step: { id: string; action: string }, outcome: StepOutcome, startedAt: Date, finishedAt: Date): StepResult {
  return {
    stepId: step.id,
    action: step.action,
    status: outcome.kind === 'next' ? outcome.status : outcome.kind === 'end' ? 'skipped' : 'done',
    startedAt,
    finishedAt,
    ms: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
    detail: outcome.detail.slice(0, 500),
    skipReason: outcome.kind === 'next' || outcome.kind === 'end' ? (outcome.skipReason ?? null) : null,
    branch: outcome.kind === 'next' ? (outcome.branch ?? null) : null,
    refs: outcome.kind === 'next' ? (outcome.refs ?? {}) : {},
  };
}

/** Commits a patch that parks or ends the run; an exit asked for meanwhile wins. */
async function settle(ctx: ServiceContext, lease: RunLease, run: PlaybookRun, patch: Record<string, unknown>, as: ExecuteOutcome): Promise<ExecuteOutcome> {
  const committed = await lease.commit(patch);
  if (committed === 'lost') return 'lost';
  if (committed === 'exit') return exitNow(ctx, lease, run);
  if (as === 'failed') await afterRunEnded(ctx, { ...run, status: 'failed', error: (patch.error as string | undefined) ?? run.error });
  return as;
}

/** Ends the run as the pending exit says, and withdraws the messages it still had waiting. */
async function exitNow(ctx: ServiceContext, lease: RunLease, run: PlaybookRun, extra: Record<string, unknown> = {}): Promise<ExecuteOutcome> {
  const exit = lease.pendingExit!;
  if (!(await lease.finishExited(extra))) return 'lost';
  await afterRunEnded(ctx, { ...run, status: 'exited', exitedBy: exit.exitedBy, pendingExit: null });
  return 'exited';
}

async function retryLater(ctx: ServiceContext, lease: RunLease, run: PlaybookRun, stepId: string, err: Error): Promise<ExecuteOutcome> {
  const now = ctx.clock.now();
  const failures = run.failures + 1;
  ctx.log?.warn({ err, runId: run.id, stepId, failures, attempts: run.attempts }, 'playbook step failed');
  if (failures >= MAX_FAILURES) {
    const error = `Step ${stepId} failed ${failures} times: ${err.message}`.slice(0, 500);
    return settle(ctx, lease, run, { status: 'failed', failures, error, lease: null, finishedAt: now, updatedAt: now }, 'failed');
  }
  return settle(
    ctx,
    lease,
    run,
    {
      status: 'waiting',
      failures,
      resumeAt: new Date(now.getTime() + backoffMs(failures)),
      error: `Step ${stepId}: ${err.message}`.slice(0, 500),
      lease: null,
      updatedAt: now,
    },
    'retrying',
  );
}

import { compileFlow, type Flow } from '@/domain/playbooks/flow';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import type { Playbook, PlaybookVersion } from '@/domain/playbooks/playbook';
import { ACTIVE_RUN_STATUSES, type PlaybookRun } from '@/domain/playbooks/run';
import { stepType } from '@/domain/playbooks/steps';
import type { ServiceContext } from '../../../context';
import { tenantDb } from '../../../db/tenant-db';
import { afterRunEnded, pendingExitOf, playbookDeletedExit } from './exit-run';
import { forgetCachedRegistries } from './listener-registry';
import { advance } from './advance';
import { tryAtomicPickup } from './atomic-pickup';
import { runData } from './run-data';
import { DEFAULT_LEASE_MS, leaseMs, RunLease } from './run-lease';
import { runStep } from './run-step';
import { recordOutcome } from './step-journal';
import { stepHandler } from './step-handler';
import { timed } from '../../stage-timer';
// Every route that can execute a run must have the handlers registered, whatever else it imports.
import '../steps';

/** The playbook, read once per resume pass when there is one. */
function readPlaybook(ctx: ServiceContext, playbookId: string, opts: ExecuteOptions): Promise<Playbook | null> {
  const key = `${ctx.orgId}/${playbookId}`;
  let read = opts.playbooks?.get(key);
  if (!read) {
    read = tenantDb(ctx.orgId).playbooks.get(playbookId);
    opts.playbooks?.set(key, read);
  }
  return read;
}

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

/** A restart loses what an instance cached (versions, listener registries); tests simulate one with this. */
export function forgetCachedVersions() {
  versionCache.clear();
  forgetCachedRegistries();
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
  /** The run as a query has just found it (the tick): the claim is made against this copy, which is not read again. */
  found?: DocumentSnapshot<PlaybookRun>;
  /**
   * A run this owner has just started: created leased to it and counted as picked up, with the
   * customer the starter read and a playbook the listener registry has just called active. It is
   * executed without a claim; its write time is read alongside its first step.
   */
  started?: { run: PlaybookRun; customer: Customer | null; begun?: string | null };
  /** The found run's customer, read with its page (resume-due-runs.ts): not read again. */
  customer?: Customer | null;
}

export function executeRun(ctx: ServiceContext, runId: string, opts: ExecuteOptions): Promise<ExecuteOutcome> {
  return timed('run', () => execute(ctx, runId, opts));
}

async function execute(ctx: ServiceContext, runId: string, opts: ExecuteOptions): Promise<ExecuteOutcome> {
  const runs = tenantDb(ctx.orgId).runs;
  const customers = tenantDb(ctx.orgId).customers;
  let run: PlaybookRun;
  let lease: RunLease;
  let customer: Customer | null;
  if (opts.started) {
    run = opts.started.run;
    customer = opts.started.customer;
    const writeTime = runs
      .doc(runId)
      .get()
      .then((snap) => (snap.data()?.lease?.owner === opts.owner && snap.data()?.status === 'running' ? (snap.updateTime ?? null) : null));
    lease = new RunLease(ctx, runId, opts.owner, run.lease, writeTime, run.pendingExit);
  } else {
    let snap = opts.found;
    let known: Customer | null | undefined;
    const found = opts.found?.data();
    if (opts.found && found) {
      // Try first to do the whole pickup in one conditional commit (engine/atomic-pickup.ts).
      const [playbook, loaded] = await Promise.all([
        readPlaybook(ctx, found.playbookId, opts),
        loadVersion(ctx.orgId, found.playbookId, found.version).catch(() => null),
      ]);
      if (loaded) {
        const atomic = await tryAtomicPickup(ctx, opts.found, { owner: opts.owner, playbook, ...loaded, customer: opts.customer });
        if (atomic.done) return atomic.done;
        known = atomic.customer;
        if (atomic.stale) snap = undefined;
      }
    }
    snap ??= await runs.doc(runId).get();
    const current = snap.data();
    if (!current || !snap.updateTime) return 'gone';
    const now = ctx.clock.now();
    if (!ACTIVE_RUN_STATUSES.includes(current.status)) return 'gone';
    if (current.lease && current.lease.until > now && current.lease.owner !== opts.owner) return 'busy';
    if (current.status === 'waiting' && current.resumeAt && current.resumeAt > now) return 'not_due';

    const claimedLease = { owner: opts.owner, until: new Date(now.getTime() + leaseMs()) };
    // The customer is read alongside the claim (wasted only when the claim fails).
    const [claimed, profile] = await Promise.all([
      runs.updateIfUnchanged(runId, { status: 'running', lease: claimedLease, attempts: current.attempts + 1, updatedAt: now }, snap.updateTime),
      known !== undefined && known?.id === (current.customerId ?? undefined) ? known : current.customerId ? customers.get(current.customerId) : null,
    ]);
    if (!claimed) return 'busy';
    run = { ...current, status: 'running', lease: claimedLease, attempts: current.attempts + 1 };
    customer = profile;
    lease = new RunLease(ctx, runId, opts.owner, claimedLease, claimed, run.pendingExit);
    if (lease.pendingExit) return exitNow(ctx, lease, run);

    // A paused playbook holds its runs where they are; a deleted one ends them.
    const playbook = await readPlaybook(ctx, run.playbookId, opts);
    if (!playbook) {
      lease.pendingExit = pendingExitOf(playbookDeletedExit(run.playbookId), ctx.clock.now());
      return (await exitNow(ctx, lease, run)) === 'exited' ? 'gone' : 'lost';
    }
    if (playbook.status !== 'active') {
      const at = ctx.clock.now();
      return settle(ctx, lease, run, { status: 'waiting', resumeAt: new Date(at.getTime() + PAUSED_RECHECK_MS), lease: null, updatedAt: at }, 'waiting');
    }
  }

  const { version, flow } = await loadVersion(ctx.orgId, run.playbookId, run.version);

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
        profile: customer,
        dryRun: false,
      },
      lease,
      node,
      handler,
      executed === 0 && !!opts.started?.begun && opts.started.begun === node.step.id,
    );
    if (step.kind === 'lost') return 'lost';
    if (step.kind === 'threw') return retryLater(ctx, lease, run, node.step.id, step.err);
    const { outcome } = step;

    const finished = ctx.clock.now();
    const { next, patch, result } = advance(run, node, outcome, stepNow, finished);
    if (next.status === 'running' && lease.lease && finished.getTime() > lease.lease.until.getTime() - leaseMs() / 3) {
      // A lease running low is extended in the step's own write.
      patch.lease = { owner: opts.owner, until: new Date(finished.getTime() + leaseMs()) };
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
    const def = stepType(node.step.action);
    if ((def?.category === 'data' || def?.refreshesProfile) && run.customerId) customer = await customers.get(run.customerId);
  }
  // A very long flow yields; the next tick carries on from the cursor.
  return settle(ctx, lease, run, { status: 'waiting', resumeAt: ctx.clock.now(), lease: null }, 'waiting');
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

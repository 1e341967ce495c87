// The engine, not each handler, keeps a side-effect step from acting twice: it journals the step
// as started (create-if-absent) before calling its handler, keeps the lease alive while the
// handler runs, and never commits once another executor has the run. The step types here are
// registered by the test itself and count their own effects.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, type Clock } from '@/domain/clock';
import { tenantDb } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import { executeRun, LEASE_MS, loadVersion } from '@/server/services/playbooks/engine/execute-run';
import { resumeDueRuns } from '@/server/services/playbooks/engine/resume-due-runs';
import { DEFAULT_LEASE_MS, setLeaseMs } from '@/server/services/playbooks/engine/run-lease';
import { startRun } from '@/server/services/playbooks/engine/start-run';
import { runPlaybookManually } from '@/server/services/playbooks/run-playbook-manually';
import { gate, registerCountingStep } from '../support/counting-step';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { activePlaybook } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';

const once = registerCountingStep('test_acts_once');
const keyed = registerCountingStep('test_acts_by_key', { idempotentByKey: true });

beforeAll(() => setProviderEnv({}));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}
const effectsOf = (step: { effects: string[] }, runId: string) => step.effects.filter((k) => k.startsWith(`${runId}:`));
const tick = (clock: Clock, orgId: string) => resumeDueRuns({ clock, log: logger(), deadline: Date.now() + 30_000 }, { orgId });

/** A run started (not executed) for a new customer, with the lease its starter holds. */
async function startedRun(t: TestTenant, clock: Clock, action: string, owner: string) {
  const playbook = await activePlaybook(
    t,
    {
      name: `Acts ${randomUUID().slice(0, 6)}`,
      triggers: [{ type: 'manual' }],
      steps: [
        { action, id: 'act' },
        { action: 'add_tag', id: 'tag', tag: 'after' },
      ],
    },
    clock,
  );
  const { version } = await loadVersion(t.orgId, playbook.id, playbook.version);
  const customerId = await seedMessagingCustomer(t);
  const started = await startRun(t.ctx('admin', clock), {
    version,
    trigger: { type: 'manual', eventName: null, eventId: null },
    event: null,
    customerId,
    keyKind: 'customerId',
    runKey: customerId,
    occurrence: randomUUID(),
    owner,
  });
  if (!started.started) throw new Error(started.reason);
  return started.runId;
}

describe('the step journal', () => {
  it('a worker frozen between its effect and its commit: the tick takes over and does not act again (at most once)', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-09-01T16:00:00Z');
    const runId = await startedRun(t, clock, once.action, 'worker-a');
    const frozen = gate();
    once.next({ until: frozen.promise });
    // Worker A's clock stands still: it is a process that stopped after acting.
    const workerA = executeRun({ ...t.ctx('admin', new ManualClock(clock.now())), log: logger() }, runId, { owner: 'worker-a' });
    await until(() => effectsOf(once, runId).length === 1, 'the effect');

    clock.advance(LEASE_MS + 1_000);
    expect((await tick(clock, t.orgId)).completed).toBe(1);
    const run = await tenantDb(t.orgId).runs.getOrThrow(runId);
    expect(run.status).toBe('completed');
    expect(run.stepResults.map((r) => [r.stepId, r.status])).toEqual([
      ['act', 'skipped'],
      ['tag', 'done'],
    ]);
    expect(run.stepResults[0]!.skipReason).toBe('Interrupted; not repeated (acts at most once)');
    expect(effectsOf(once, runId)).toEqual([`${runId}:act`]);

    // Worker A wakes up: it finds the run gone from under it and writes nothing to it.
    frozen.open();
    expect(await workerA).toBe('lost');
    expect((await tenantDb(t.orgId).runs.getOrThrow(runId)).stepResults).toHaveLength(2);
    expect(effectsOf(once, runId)).toHaveLength(1);
  });

  it('a handler idempotent by key is called again with the same key after such a crash: exactly once', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-09-02T16:00:00Z');
    const runId = await startedRun(t, clock, keyed.action, 'worker-a');
    const frozen = gate();
    keyed.next({ until: frozen.promise });
    const callsBefore = keyed.calls;
    const workerA = executeRun({ ...t.ctx('admin', new ManualClock(clock.now())), log: logger() }, runId, { owner: 'worker-a' });
    await until(() => keyed.calls === callsBefore + 1, 'the first call');

    clock.advance(LEASE_MS + 1_000);
    expect((await tick(clock, t.orgId)).completed).toBe(1);
    expect(keyed.calls).toBe(callsBefore + 2);
    expect(effectsOf(keyed, runId)).toEqual([`${runId}:act`]);
    expect((await tenantDb(t.orgId).runs.getOrThrow(runId)).stepResults[0]).toMatchObject({ stepId: 'act', status: 'done' });
    frozen.open();
    expect(await workerA).toBe('lost');
  });

  it('a handler that acts and then throws is not retried; flow steps are not journalled', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-09-03T16:00:00Z');
    const playbook = await activePlaybook(
      t,
      {
        name: 'Throws',
        triggers: [{ type: 'manual' }],
        steps: [
          { action: 'condition', id: 'check', if: 'customer.orderCount >= 0', then: [], else: [] },
          { action: once.action, id: 'act' },
          { action: 'wait', id: 'pause', duration: '1h' },
          { action: 'add_tag', id: 'tag', tag: 'after' },
        ],
      },
      clock,
    );
    once.next({ thenThrow: true });
    const customerId = await seedMessagingCustomer(t);
    const { runIds } = await runPlaybookManually({ ...t.ctx('admin', clock), log: logger() }, playbook.id, { customerId });
    const runId = runIds[0]!;
    clock.advance(2 * 3_600_000);
    await tick(clock, t.orgId);
    const run = await tenantDb(t.orgId).runs.getOrThrow(runId);
    expect(run).toMatchObject({ status: 'completed', failures: 0 });
    expect(run.stepResults.find((r) => r.stepId === 'act')).toMatchObject({
      status: 'skipped',
      skipReason: 'Failed; not retried (acts at most once)',
      detail: expect.stringMatching(/^Failed: failed after acting/),
    });
    expect(effectsOf(once, runId)).toHaveLength(1);
    // One journal entry per side-effect step; the condition and the wait cost nothing.
    const journal = await tenantDb(t.orgId).runJournal(runId).ref.get();
    expect(journal.docs.map((d) => d.id).sort()).toEqual(['act', 'tag']);
  });

  it('an executor that loses the run after the step acted journals the outcome, and the next one takes it instead of acting', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-09-04T16:00:00Z');
    const runId = await startedRun(t, clock, once.action, 'worker-a');
    const runs = tenantDb(t.orgId).runs;
    // While the step acts, another worker takes the run over (its lease had run out, say).
    once.next({ onActed: () => runs.update(runId, { lease: { owner: 'worker-b', until: new Date(clock.now().getTime() + LEASE_MS) } }) });
    expect(await executeRun({ ...t.ctx('admin', clock), log: logger() }, runId, { owner: 'worker-a' })).toBe('lost');
    expect(await runs.getOrThrow(runId)).toMatchObject({ cursor: 'act', stepResults: [] });
    const entry = await tenantDb(t.orgId).runJournal(runId).getOrThrow('act');
    expect(entry.outcome).toMatchObject({ kind: 'next', status: 'done', detail: expect.stringMatching(/^Acted \(call \d+\)$/) });

    // Worker B dies in turn; the tick carries the run on with the journalled outcome.
    clock.advance(LEASE_MS + 1_000);
    expect((await tick(clock, t.orgId)).completed).toBe(1);
    const run = await runs.getOrThrow(runId);
    expect(run.stepResults.map((r) => [r.stepId, r.status, r.detail])).toEqual([
      ['act', 'done', entry.outcome!.detail],
      ['tag', 'done', 'Tagged "after"'],
    ]);
    expect(effectsOf(once, runId)).toHaveLength(1);
  });
});

describe('the lease heartbeat', () => {
  // Real time, far in the future: the lease is short, and no other test file's tick looks this far ahead.
  const offset = new Date('2031-09-10T16:00:00Z').getTime() - Date.now();
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  const LEASE = 2_500;
  beforeAll(() => setLeaseMs(LEASE));
  afterAll(() => setLeaseMs(DEFAULT_LEASE_MS));

  it('a step slower than the lease keeps its run: concurrent ticks never start it again', async () => {
    const t = await createTestTenant();
    const runId = await startedRun(t, clock, once.action, 'worker-slow');
    once.next({ delayMs: 2.5 * LEASE });
    const executing = executeRun({ ...t.ctx('admin', clock), log: logger() }, runId, { owner: 'worker-slow' });
    let finished = false;
    void executing.finally(() => (finished = true));
    const taken: number[] = [];
    while (!finished) {
      const reports = await Promise.all([tick(clock, t.orgId), tick(clock, t.orgId), tick(clock, t.orgId)]);
      taken.push(...reports.map((r) => r.found));
      await sleep(100);
    }
    expect(await executing).toBe('completed');
    expect(taken.length).toBeGreaterThan(5);
    expect(taken.every((n) => n === 0)).toBe(true);
    expect(effectsOf(once, runId)).toHaveLength(1);
    const run = await tenantDb(t.orgId).runs.getOrThrow(runId);
    expect(run.stepResults.map((r) => [r.stepId, r.status])).toEqual([
      ['act', 'done'],
      ['tag', 'done'],
    ]);
    expect(run.stepResults[0]!.ms).toBeGreaterThanOrEqual(2.5 * LEASE);
  });

  it('an executor whose heartbeat finds the lease taken does not commit', async () => {
    const t = await createTestTenant();
    const runId = await startedRun(t, clock, once.action, 'worker-slow');
    const runs = tenantDb(t.orgId).runs;
    once.next({ delayMs: 1.5 * LEASE });
    const executing = executeRun({ ...t.ctx('admin', clock), log: logger() }, runId, { owner: 'worker-slow' });
    await until(() => effectsOf(once, runId).length === 1, 'the effect');
    await runs.update(runId, { lease: { owner: 'thief', until: new Date(clock.now().getTime() + 60_000) } });
    expect(await executing).toBe('lost');
    expect(await runs.getOrThrow(runId)).toMatchObject({ cursor: 'act', stepResults: [], lease: { owner: 'thief' } });

    // The thief vanishes; the run is carried on with what the slow step journalled, not acted again.
    await runs.update(runId, { lease: { owner: 'thief', until: new Date(clock.now().getTime() - 1) } });
    expect((await tick(clock, t.orgId)).completed).toBe(1);
    expect((await runs.getOrThrow(runId)).stepResults.map((r) => [r.stepId, r.status])).toEqual([
      ['act', 'done'],
      ['tag', 'done'],
    ]);
    expect(effectsOf(once, runId)).toHaveLength(1);
  });
});

// An exit is never dropped: it is recorded on the run with a write that cannot lose a race, and
// the executor holding the run applies it at its next commit, however busy it is.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/domain/clock';
import { tenantDb } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import { executeRun, loadVersion } from '@/server/services/playbooks/engine/execute-run';
import { exitRun } from '@/server/services/playbooks/engine/exit-run';
import { startRun } from '@/server/services/playbooks/engine/start-run';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { activePlaybook } from '../support/playbooks';
import { createTestTenant } from '../support/tenant';

beforeAll(() => setProviderEnv({}));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('exits against a busy executor', () => {
  it('every exit requested while an executor commits step after step ends its run as exited', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-10-01T16:00:00Z');
    const ctx = { ...t.ctx('admin', clock), log: logger() };
    // A hundred quick decisions: the executor commits to the run document as fast as it can.
    const steps = Array.from({ length: 100 }, (_, i) => ({ action: 'condition', id: `c${i}`, if: 'customer.orderCount >= 0', then: [], else: [] }));
    const playbook = await activePlaybook(
      t,
      { name: 'Busy', triggers: [{ type: 'manual' }], exit: { onEvents: [{ eventName: 'order.created' }] }, steps },
      clock,
    );
    const { version } = await loadVersion(t.orgId, playbook.id, playbook.version);

    const RUNS = 6;
    const runIds = await Promise.all(
      Array.from({ length: RUNS }, async (_, i) => {
        const customerId = await seedMessagingCustomer(t);
        const owner = `worker-${i}`;
        const started = await startRun(ctx, {
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
      }),
    );

    const results = await Promise.all(
      runIds.map(async (runId, i) => {
        const executing = executeRun(ctx, runId, { owner: `worker-${i}` });
        // Once the executor is well under way, three events ask for an exit at the same moment.
        for (let n = 0; n < 400; n++) {
          const run = await tenantDb(t.orgId).runs.getOrThrow(runId);
          if (run.stepResults.length >= 5 || run.status !== 'running') break;
          await sleep(10);
        }
        const asked = await Promise.all(
          ['evt_a', 'evt_b', 'evt_c'].map((eventId) => exitRun(ctx, runId, { exitedBy: { eventName: 'order.created', eventId } })),
        );
        return { runId, asked, outcome: await executing };
      }),
    );

    for (const { runId, asked, outcome } of results) {
      // Each request either was recorded (true) or found the run already exited by another of them.
      expect(asked).toContain(true);
      expect(outcome).toBe('exited');
      const run = await tenantDb(t.orgId).runs.getOrThrow(runId);
      expect(run).toMatchObject({ status: 'exited', exitedBy: { eventName: 'order.created' }, pendingExit: null, lease: null });
      expect(['evt_a', 'evt_b', 'evt_c']).toContain(run.exitedBy!.eventId);
      // It stopped where the exit found it, not at the end of the flow.
      expect(run.stepResults.length).toBeGreaterThanOrEqual(5);
      expect(run.stepResults.length).toBeLessThan(100);
    }
  });

  it('an exit of a run nobody holds is applied at once; one of a finished run changes nothing', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-10-02T16:00:00Z');
    const ctx = { ...t.ctx('admin', clock), log: logger() };
    const playbook = await activePlaybook(t, { name: 'Waits', triggers: [{ type: 'manual' }], steps: [{ action: 'wait', duration: '1d' }] }, clock);
    const { version } = await loadVersion(t.orgId, playbook.id, playbook.version);
    const customerId = await seedMessagingCustomer(t);
    const started = await startRun(ctx, {
      version,
      trigger: { type: 'manual', eventName: null, eventId: null },
      event: null,
      customerId,
      keyKind: 'customerId',
      runKey: customerId,
      occurrence: 'x',
      owner: 'w',
    });
    if (!started.started) throw new Error(started.reason);
    expect(await executeRun(ctx, started.runId, { owner: 'w' })).toBe('waiting');
    expect(await exitRun(ctx, started.runId, { exitedBy: { eventName: 'order.created', eventId: 'evt_1' } })).toBe(true);
    expect(await tenantDb(t.orgId).runs.getOrThrow(started.runId)).toMatchObject({ status: 'exited', exitedBy: { eventId: 'evt_1' }, pendingExit: null });
    expect(await exitRun(ctx, started.runId, { exitedBy: { eventName: 'order.created', eventId: 'evt_2' } })).toBe(false);
    expect((await tenantDb(t.orgId).runs.getOrThrow(started.runId)).exitedBy).toMatchObject({ eventId: 'evt_1' });
  });
});

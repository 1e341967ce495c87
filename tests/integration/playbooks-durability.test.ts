// No step ever acts twice: after a crash, under 20 concurrent ticks, and through the messaging
// gate. Emails go to a local server speaking Mailjet's Send API through the real node-mailjet
// SDK, so "once" is counted where it matters: at the provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, HOUR, MINUTE } from '@/domain/clock';
import { systemActor } from '@/domain/roles';
import { compileFlow } from '@/domain/playbooks/flow';
import { tenantDb } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import { executeRun, LEASE_MS, loadVersion } from '@/server/services/playbooks/engine/execute-run';
import { resumeDueRuns } from '@/server/services/playbooks/engine/resume-due-runs';
import { startRun } from '@/server/services/playbooks/engine/start-run';
import { runData } from '@/server/services/playbooks/engine/run-data';
import { stepHandler } from '@/server/services/playbooks/engine/step-handler';
import { runPlaybookManually } from '@/server/services/playbooks/run-playbook-manually';
import '@/server/services/playbooks/steps';
import { startHttpFake } from '../support/fakes/http-fake';
import { startMailjetFake, type MailjetFake } from '../support/fakes/mailjet';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { setOutboundAllowHosts } from '../support/outbound';
import { activePlaybook, sendsTo, tick } from '../support/playbooks';
import { createTestTenant } from '../support/tenant';

let mailjet: MailjetFake;

beforeAll(async () => {
  // The webhook receivers below listen on loopback, which the outbound guard refuses unless allow-listed.
  setOutboundAllowHosts('127.0.0.1');
  mailjet = await startMailjetFake();
  setProviderEnv({ MAILJET_API_KEY: mailjet.apiKey, MAILJET_API_SECRET: mailjet.apiSecret, MAILJET_API_URL: mailjet.url });
});
afterAll(async () => {
  setOutboundAllowHosts(undefined);
  setProviderEnv({});
  await mailjet.close();
});

/** How many times Mailjet accepted each of these sends. */
function acceptedPer(sendIds: string[]): number[] {
  return sendIds.map((id) => mailjet.accepted.filter((a) => a.message.CustomID === id).length);
}

const email = (subject: string) => ({ action: 'send_email', subject, body: `<p>${subject}, {{ customer.first_name }}</p>`, kind: 'transactional' as const });

describe('durable runs', () => {
  it('a run killed after a side effect, or between steps, resumes at its cursor and each step acts once', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-06-10T16:00:00Z');
    const playbook = await activePlaybook(
      t,
      { name: 'Crashy', triggers: [{ type: 'manual' }], steps: [email('First'), { action: 'add_tag', tag: 'thanked' }, email('Second')] },
      clock,
    );
    const ctx = { ...t.ctx('admin', clock), log: logger() };
    const { version } = await loadVersion(t.orgId, playbook.id, playbook.version);
    const flow = compileFlow(version.steps);

    // Worker A claims a run, sends the first email, and dies before recording it.
    const alice = await seedMessagingCustomer(t);
    const a = await startRun(ctx, {
      version,
      trigger: { type: 'manual', eventName: null, eventId: null },
      event: null,
      customerId: alice,
      keyKind: 'customerId',
      runKey: alice,
      occurrence: 'x',
      owner: 'worker-a',
    });
    const runA = (await tenantDb(t.orgId).runs.getOrThrow(a.started ? a.runId : ''))!;
    const first = flow.nodes.get(runA.cursor!)!;
    await stepHandler('send_email')!.execute({
      ...ctx,
      run: runA,
      version,
      flow,
      node: first,
      step: first.step,
      idempotencyKey: `${runA.id}:${first.step.id}`,
      data: runData(runA, (await tenantDb(t.orgId).customers.get(alice)) as never),
      dryRun: false,
    });
    expect(mailjet.accepted.filter((m) => m.message.Subject === 'First' && m.message.To[0]!.Email.startsWith('jamie'))).toHaveLength(1);

    // Worker B finishes the first step, commits, and dies between steps with the lease still held.
    const bob = await seedMessagingCustomer(t);
    const b = await startRun(ctx, {
      version,
      trigger: { type: 'manual', eventName: null, eventId: null },
      event: null,
      customerId: bob,
      keyKind: 'customerId',
      runKey: bob,
      occurrence: 'x',
      owner: 'worker-b',
    });
    const runB = (await tenantDb(t.orgId).runs.getOrThrow(b.started ? b.runId : ''))!;
    const secondStep = flow.nodes.get(runB.cursor!)!.next!;
    await executeRun(ctx, runB.id, { owner: 'worker-b' }).then(() => undefined);
    await tenantDb(t.orgId).runs.update(runB.id, {
      status: 'running',
      cursor: secondStep,
      lease: { owner: 'worker-b', until: new Date(clock.now().getTime() + LEASE_MS) },
      stepResults: [(await tenantDb(t.orgId).runs.getOrThrow(runB.id)).stepResults[0]],
    });

    // Nothing resumes while the dead workers' leases last; afterwards the tick takes both over.
    expect((await resumeDueRuns({ clock, log: logger(), deadline: Date.now() + 10_000 }, { orgId: t.orgId })).completed).toBe(0);
    clock.advance(LEASE_MS + 1_000);
    expect((await resumeDueRuns({ clock, log: logger(), deadline: Date.now() + 10_000 }, { orgId: t.orgId })).completed).toBe(2);

    for (const [customerId, runId] of [
      [alice, runA.id],
      [bob, runB.id],
    ] as const) {
      const run = await tenantDb(t.orgId).runs.getOrThrow(runId);
      expect(run.status).toBe('completed');
      expect(run.stepResults.map((r) => r.action)).toEqual(['send_email', 'add_tag', 'send_email']);
      const sends = await sendsTo(t.orgId, customerId);
      expect(sends.map((s) => s.message.subject).sort()).toEqual(['First', 'Second']);
      expect(acceptedPer(sends.map((s) => s.id))).toEqual([1, 1]);
      expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).tags).toEqual(['thanked']);
    }
  });

  it('20 concurrent ticks never execute a step twice', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-06-11T16:00:00Z');
    const playbook = await activePlaybook(
      t,
      {
        name: 'Busy',
        triggers: [{ type: 'manual' }],
        steps: [
          { action: 'wait', duration: '1h' },
          email('One'),
          { action: 'add_tag', tag: 'busy' },
          email('Two'),
          { action: 'notify_staff', title: 'Done with {{ customer.first_name }}' },
        ],
      },
      clock,
    );
    const customers = await Promise.all(Array.from({ length: 10 }, () => seedMessagingCustomer(t)));
    const started = await runPlaybookManually({ ...t.ctx('admin', clock), log: logger() }, playbook.id, { customerIds: customers });
    expect(started.started).toBe(10);

    clock.advance(HOUR + MINUTE);
    const reports = await Promise.all(
      Array.from({ length: 20 }, () => resumeDueRuns({ clock, log: logger(), deadline: Date.now() + 30_000 }, { orgId: t.orgId })),
    );
    expect(reports.reduce((n, r) => n + r.completed, 0)).toBe(10);

    const runs = (await tenantDb(t.orgId).runs.ref.where('playbookId', '==', playbook.id).get()).docs.map((d) => d.data());
    for (const run of runs) {
      expect(run.status).toBe('completed');
      const ids = run.stepResults.map((r) => r.stepId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(5);
    }
    for (const customerId of customers) {
      const sends = await sendsTo(t.orgId, customerId);
      expect(sends.map((s) => s.message.subject).sort()).toEqual(['One', 'Two']);
      expect(acceptedPer(sends.map((s) => s.id))).toEqual([1, 1]);
    }
    const notifications = await tenantDb(t.orgId)
      .notifications.ref.where('sourceId', 'in', runs.map((r) => r.id).slice(0, 10))
      .get();
    expect(notifications.size).toBe(10);
  });

  it('quiet hours defer a marketing message to the next allowed minute, and the cap skips the next one', async () => {
    const t = await createTestTenant();
    // 23:00 in Detroit: inside quiet hours.
    const clock = new ManualClock('2031-06-13T03:00:00Z');
    const marketing = (subject: string) => ({ action: 'send_email', subject, body: `<p>${subject}</p>`, kind: 'marketing' as const });
    const playbook = await activePlaybook(
      t,
      { name: 'Late night', triggers: [{ type: 'manual' }], steps: [marketing('Tonight'), marketing('Also tonight')] },
      clock,
    );
    const customer = await seedMessagingCustomer(t);
    const result = await runPlaybookManually({ ...t.ctx('admin', clock), log: logger() }, playbook.id, { customerId: customer });
    const run = await tenantDb(t.orgId).runs.getOrThrow(result.runIds[0]!);
    expect(run.status).toBe('completed');
    expect(run.stepResults[0]).toMatchObject({ status: 'done', detail: expect.stringMatching(/deferred.*Quiet hours/i) });
    expect(run.stepResults[1]).toMatchObject({ status: 'skipped', skipReason: expect.stringMatching(/Frequency cap/) });

    const sends = await sendsTo(t.orgId, customer);
    const deferred = sends.find((s) => s.message.subject === 'Tonight');
    const capped = sends.find((s) => s.message.subject === 'Also tonight');
    expect(deferred).toMatchObject({ status: 'deferred', dueAt: new Date('2031-06-13T12:00:00Z') });
    expect(capped).toMatchObject({ status: 'skipped', decision: { reason: 'frequency_cap' } });

    // Still deferred at 07:59; delivered once at 08:00 local.
    clock.set('2031-06-13T11:59:00Z');
    await tick(t.orgId, clock);
    expect(acceptedPer([deferred!.id])).toEqual([0]);
    clock.set('2031-06-13T12:00:30Z');
    await tick(t.orgId, clock);
    await tick(t.orgId, clock);
    expect(acceptedPer([deferred!.id, capped!.id])).toEqual([1, 0]);
    expect((await tenantDb(t.orgId).sends.getOrThrow(deferred!.id)).status).toBe('sent');
  });

  it('a step that throws is retried with backoff and never repeats the steps before it', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-06-12T16:00:00Z');
    // A webhook endpoint that is down: the step throws, the executor parks the run and retries.
    const playbook = await activePlaybook(
      t,
      { name: 'Down', triggers: [{ type: 'manual' }], steps: [email('Before'), { action: 'webhook', url: 'http://127.0.0.1:9/unreachable' }] },
      clock,
    );
    const customer = await seedMessagingCustomer(t);
    const { runIds } = await runPlaybookManually({ ...t.ctx('admin', clock), actor: systemActor('test'), log: logger() }, playbook.id, {
      customerId: customer,
    });
    let run = await tenantDb(t.orgId).runs.getOrThrow(runIds[0]!);
    expect(run).toMatchObject({ status: 'waiting', error: expect.stringMatching(/Webhook to 127.0.0.1:9 failed/) });
    for (let i = 0; i < 6; i++) {
      clock.advance(2 * HOUR);
      await tick(t.orgId, clock);
    }
    run = await tenantDb(t.orgId).runs.getOrThrow(runIds[0]!);
    expect(run.status).toBe('failed');
    expect(run.stepResults.map((r) => r.action)).toEqual(['send_email']);
    expect(acceptedPer((await sendsTo(t.orgId, customer)).map((s) => s.id))).toEqual([1]);
  });

  it('a step that first fails after several waits still gets its full retry budget, backing off from 30 s', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-06-14T16:00:00Z');
    // A receiver that is up but failing: every call answers 500, so the step throws and is retried.
    const receiver = await startHttpFake((_r, _b, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"down"}');
    });
    try {
      const waits = Array.from({ length: 4 }, () => ({ action: 'wait', duration: '1h' }));
      const playbook = await activePlaybook(
        t,
        { name: 'Patient', triggers: [{ type: 'manual' }], steps: [...waits, { action: 'webhook', url: `${receiver.url}/hook` }] },
        clock,
      );
      const customer = await seedMessagingCustomer(t);
      const { runIds } = await runPlaybookManually({ ...t.ctx('admin', clock), log: logger() }, playbook.id, { customerId: customer });
      const runId = runIds[0]!;
      // Four waits: the run is picked up five times before it reaches the webhook.
      for (let i = 0; i < 4; i++) {
        clock.advance(HOUR);
        await tick(t.orgId, clock);
      }
      expect(receiver.calls).toBe(1);
      let run = await tenantDb(t.orgId).runs.getOrThrow(runId);
      expect(run).toMatchObject({ status: 'waiting', attempts: 5, failures: 1, error: expect.stringMatching(/answered 500/) });
      expect(run.resumeAt!.getTime() - clock.now().getTime()).toBe(30_000);

      // Retries at 30 s, 1 min, 2 min, 4 min after each failure; the fifth failure fails the run.
      for (const [n, delay] of [
        [2, 60_000],
        [3, 120_000],
        [4, 240_000],
      ] as const) {
        clock.set(run.resumeAt!);
        await tick(t.orgId, clock);
        run = await tenantDb(t.orgId).runs.getOrThrow(runId);
        expect(receiver.calls).toBe(n);
        expect(run).toMatchObject({ status: 'waiting', failures: n });
        expect(run.resumeAt!.getTime() - clock.now().getTime()).toBe(delay);
      }
      clock.set(run.resumeAt!);
      await tick(t.orgId, clock);
      run = await tenantDb(t.orgId).runs.getOrThrow(runId);
      expect(receiver.calls).toBe(5);
      expect(run).toMatchObject({ status: 'failed', failures: 5, attempts: 9, error: expect.stringMatching(/failed 5 times/) });
      expect(run.stepResults.map((r) => r.action)).toEqual(['wait', 'wait', 'wait', 'wait']);
    } finally {
      await receiver.close();
    }
  });

  it('a failure counter resets when the step finally succeeds', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-06-15T16:00:00Z');
    const receiver = await startHttpFake((_r, behaviour, res) => {
      const status = typeof behaviour === 'object' ? behaviour.status : 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{}');
    });
    try {
      receiver.next({ status: 500 }, { status: 500 }, { status: 500 }, 'ok', { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
      const hook = { action: 'webhook', url: `${receiver.url}/hook` };
      const playbook = await activePlaybook(
        t,
        { name: 'Flaky', triggers: [{ type: 'manual' }], steps: [hook, { action: 'wait', duration: '1h' }, hook] },
        clock,
      );
      const customer = await seedMessagingCustomer(t);
      const { runIds } = await runPlaybookManually({ ...t.ctx('admin', clock), log: logger() }, playbook.id, { customerId: customer });
      // Three failures, then success; the second webhook may fail four times of its own.
      for (let i = 0; i < 10; i++) {
        const run = await tenantDb(t.orgId).runs.getOrThrow(runIds[0]!);
        if (run.status !== 'waiting') break;
        clock.set(run.resumeAt!);
        await tick(t.orgId, clock);
      }
      const run = await tenantDb(t.orgId).runs.getOrThrow(runIds[0]!);
      expect(receiver.calls).toBe(9);
      expect(run).toMatchObject({ status: 'completed', failures: 0 });
      expect(run.stepResults.map((r) => r.action)).toEqual(['webhook', 'wait', 'webhook']);
    } finally {
      await receiver.close();
    }
  });
});

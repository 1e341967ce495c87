// npm run bench:trigger: how fast playbooks react, against the production build (next build +
// next start) on the real Firestore emulator.
//  1. Trigger latency: time from a signed order.created delivery being received to the first
//     message of an active order.created playbook being recorded, p50/p99 over 1,000 events. The
//     floor, measured in the same run, is the same delivery with no playbook: received to fully
//     processed. Events go one at a time (each handled before the next is sent), so the figures
//     are latency, not queueing; both ends are server timestamps.
//  2. Resume throughput: one cron tick with 10,000 waiting runs due; runs resumed per second.
//     The floor is the bare work of claiming each run once: a read and a conditional write per
//     run, at the same concurrency, from this process into the same emulator.
// Writes bench/results/trigger.json.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startStack } from '../scripts/lib/stack';

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    events: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '10000' },
  },
});
const EVENTS = Number(values.events);
const RUNS = Number(values.runs);
const PORTS = { next: 3270, firestore: 18270, auth: 19270, hub: 14470, logging: 14570 };
const say = (line: string) => process.stdout.write(`${line}\n`);

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    n: s.length,
    p50: round(at(50)),
    p90: round(at(90)),
    p99: round(at(99)),
    max: round(s.at(-1) ?? 0),
    mean: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
  };
}

async function main() {
  process.env.NEXT_DIST_DIR ??= '.next-bench';
  process.env.LOG_LEVEL ??= 'warn';
  say(`Starting the stack (next ${values['no-build'] ? 'start' : 'build + start'}, Firestore emulator) on ${PORTS.next}…`);
  const stack = await startStack({
    host: '127.0.0.1',
    ports: PORTS,
    projectId: 'demo-bakedbot-bench-trigger',
    fresh: true,
    mode: 'prod',
    build: !values['no-build'],
    ticker: false,
    say: (l) => say(`  ${l}`),
  });
  try {
    const { createTenant } = await import('../src/server/services/tenants/create-tenant');
    const { createEndpoint } = await import('../src/server/services/integrations/create-endpoint');
    const { createPlaybook } = await import('../src/server/services/playbooks/create-playbook');
    const { setPlaybookStatus } = await import('../src/server/services/playbooks/set-playbook-status');
    const { tenantDb } = await import('../src/server/db/tenant-db');
    const { firestore } = await import('../src/server/db/firestore');
    const { systemClock } = await import('../src/domain/clock');
    const { systemActor } = await import('../src/domain/roles');
    const { jsonWithBigInts, shopifyOrder } = await import('../src/domain/signals/samples');
    const { signDelivery } = await import('../src/server/services/ingest/sign-delivery');
    const { searchNameOf } = await import('../src/domain/customer');

    const base = `http://127.0.0.1:${PORTS.next}`;
    const tenant = async (name: string) => {
      const t = await createTenant({ clock: systemClock }, { name, timeZone: 'America/Detroit' });
      const ctx = { orgId: t.id, actor: systemActor('bench'), clock: systemClock };
      const { endpoint, secret } = await createEndpoint(ctx, { provider: 'shopify', name: 'Bench', rateLimitPerMinute: 1_000_000 });
      return { ctx, orgId: t.id, endpointId: endpoint.id, secret };
    };

    // --- 1. Trigger latency -------------------------------------------------------------------
    const withPlaybook = await tenant('Bench Trigger');
    const floorTenant = await tenant('Bench Trigger Floor');
    const playbook = await createPlaybook(withPlaybook.ctx, {
      name: 'Thank you',
      triggers: [{ type: 'event', eventName: 'order.created' }],
      steps: [{ action: 'send_email', subject: 'Thanks, {{ customer.first_name }}', body: '<p>Thanks for your order.</p>', kind: 'transactional' }],
    });
    await setPlaybookStatus(withPlaybook.ctx, playbook.id, 'active');

    let uid = 0;
    const send = async (t: typeof withPlaybook) => {
      uid += 1;
      const body = jsonWithBigInts(
        shopifyOrder({
          now: new Date(),
          uid,
          customerId: uid,
          person: {
            firstName: 'Bench',
            lastName: `Buyer ${uid}`,
            email: `buyer-${uid}@example.com`,
            phone: `(313) 2${String(10 + (uid % 89)).padStart(2, '0')}-${String(1000 + (uid % 8999)).slice(-4)}`,
          },
        }),
      );
      const id = randomUUID();
      const res = await fetch(`${base}/api/webhooks/shopify/${t.endpointId}`, {
        method: 'POST',
        headers: signDelivery('shopify', { secret: t.secret, body, topic: 'orders/create', now: new Date(), deliveryId: id, eventId: id }),
        body,
      });
      const json = (await res.json()) as { deliveryId?: string };
      if (!res.ok || !json.deliveryId) throw new Error(`delivery refused: ${res.status} ${JSON.stringify(json)}`);
      return json.deliveryId;
    };
    const settled = async (orgId: string, deliveryId: string) => {
      const ref = tenantDb(orgId).deliveries.doc(deliveryId);
      for (let i = 0; i < 3000; i++) {
        const d = (await ref.get()).data();
        if (d && (d.status === 'processed' || d.status === 'failed' || d.status === 'dead_letter')) return d;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error(`delivery ${deliveryId} not processed in time`);
    };

    say(`Warming up (50 events each)…`);
    for (let i = 0; i < 50; i++) {
      await settled(withPlaybook.orgId, await send(withPlaybook));
      await settled(floorTenant.orgId, await send(floorTenant));
    }
    say(`Trigger latency: ${EVENTS} signed order.created events, one at a time, with and without a playbook…`);
    const ours: number[] = [];
    const floor: number[] = [];
    const sends = tenantDb(withPlaybook.orgId).sends;
    for (let i = 0; i < EVENTS; i++) {
      const floorDelivery = await settled(floorTenant.orgId, await send(floorTenant));
      floor.push(floorDelivery.processedAt!.getTime() - floorDelivery.receivedAt.getTime());
      const delivery = await settled(withPlaybook.orgId, await send(withPlaybook));
      const customerEmail = `buyer-${uid}@example.com`;
      const sent = (await sends.ref.where('to', '==', customerEmail).limit(1).get()).docs[0]?.data();
      if (!sent) throw new Error(`no message recorded for ${customerEmail}`);
      ours.push(sent.createdAt.getTime() - delivery.receivedAt.getTime());
      if ((i + 1) % 200 === 0) say(`  ${i + 1}/${EVENTS}`);
    }
    const latency = { ours: percentiles(ours), floor: percentiles(floor) };

    // --- 2. Resume throughput -----------------------------------------------------------------
    say(`Resume: seeding ${RUNS} customers and ${RUNS} runs waiting on a due step…`);
    const resumeTenant = await tenant('Bench Resume');
    const resumeBook = await createPlaybook(resumeTenant.ctx, {
      name: 'Resume',
      triggers: [{ type: 'manual' }],
      steps: [
        { action: 'wait', id: 'wait', duration: '1m' },
        { action: 'add_tag', id: 'tag', tag: 'resumed' },
      ],
    });
    await setPlaybookStatus(resumeTenant.ctx, resumeBook.id, 'active');
    const tdb = tenantDb(resumeTenant.orgId);
    const now = new Date();
    const due = new Date(now.getTime() - 60_000);
    const writeAll = async (make: (i: number, batch: FirebaseFirestore.WriteBatch) => void) => {
      const pending: Promise<unknown>[] = [];
      for (let start = 0; start < RUNS; start += 400) {
        const batch = firestore().batch();
        for (let i = start; i < Math.min(RUNS, start + 400); i++) make(i, batch);
        pending.push(batch.commit());
        if (pending.length >= 8) await Promise.all(pending.splice(0));
      }
      await Promise.all(pending);
    };
    await writeAll((i, batch) =>
      batch.set(tdb.customers.doc(`bench-${i}`), {
        id: `bench-${i}`,
        firstName: 'Wait',
        lastName: `Er ${i}`,
        email: null,
        phone: null,
        dateOfBirth: null,
        timeZone: null,
        homeLocationId: null,
        searchName: searchNameOf('Wait', `Er ${i}`),
        tags: [],
        externalIds: [],
        consent: { email: { status: 'unknown', source: 'bench', at: null }, sms: { status: 'unknown', source: 'bench', at: null } },
        lifetimeValueCents: 0,
        orderCount: 0,
        avgOrderValueCents: 0,
        firstOrderAt: null,
        lastOrderAt: null,
        pointsBalance: 0,
        segment: null,
        source: 'manual',
        createdAt: now,
        updatedAt: now,
      }),
    );
    await writeAll((i, batch) =>
      batch.set(tdb.runs.doc(`run-bench-${i}`), {
        id: `run-bench-${i}`,
        playbookId: resumeBook.id,
        playbookName: 'Resume',
        version: 1,
        trigger: { type: 'manual', eventName: null, eventId: null },
        keyKind: 'customerId',
        runKey: `bench-${i}`,
        customerId: `bench-${i}`,
        status: 'waiting',
        cursor: 'tag',
        resumeAt: due,
        waitingFor: null,
        exitEvents: [],
        context: { event: null, customer: null, vars: {} },
        stepResults: [
          {
            stepId: 'wait',
            action: 'wait',
            status: 'done',
            startedAt: due,
            finishedAt: due,
            ms: 0,
            detail: 'Waiting 1 minute',
            skipReason: null,
            branch: null,
            refs: {},
          },
        ],
        lease: null,
        attempts: 0,
        failures: 0,
        error: null,
        exitedBy: null,
        pendingExit: null,
        dryRun: false,
        startedAt: due,
        updatedAt: due,
        finishedAt: null,
      }),
    );

    say('Resume: one cron tick…');
    const t0 = Date.now();
    const tickRes = await fetch(`${base}/api/cron/tick`, { method: 'POST', headers: { 'x-cron-secret': stack.env.CRON_SECRET! } });
    const tickMs = Date.now() - t0;
    const tick = (await tickRes.json()) as { tasks: Array<{ name: string; ms: number; report?: Record<string, number> }> };
    const resumeTask = tick.tasks.find((t) => t.name === 'resume-playbook-runs')!;
    const completed = (await tdb.runs.ref.where('status', '==', 'completed').count().get()).data().count;

    say('Resume floor: a read and a conditional write per run, concurrency 32…');
    const ids = Array.from({ length: RUNS }, (_, i) => `run-bench-${i}`);
    const f0 = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < ids.length) {
          const ref = firestore().doc(`${tdb.base}/playbook_executions/${ids[next++]}`);
          const snap = await ref.get();
          await ref.update({ benchFloor: true }, { lastUpdateTime: snap.updateTime! });
        }
      }),
    );
    const floorMs = Date.now() - f0;

    const rate = (n: number, ms: number) => Math.round((n / (ms / 1000)) * 10) / 10;
    const result = {
      ranAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 1e9), node: process.version },
      setup: { target: 'next build + next start (production), Firestore emulator', events: EVENTS, waitingRuns: RUNS },
      triggerLatencyMs: {
        ...latency,
        ratio: { p50: Math.round((latency.ours.p50 / latency.floor.p50) * 100) / 100, p99: Math.round((latency.ours.p99 / latency.floor.p99) * 100) / 100 },
      },
      resume: {
        completed,
        tickMs,
        taskMs: resumeTask.ms,
        report: resumeTask.report,
        perSecond: rate(completed, resumeTask.ms),
        floorPerSecond: rate(RUNS, floorMs),
        ratio: Math.round((rate(completed, resumeTask.ms) / rate(RUNS, floorMs)) * 100) / 100,
      },
    };
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'bench', 'results', 'trigger.json'), `${JSON.stringify(result, null, 2)}\n`);

    const row = (name: string, p: ReturnType<typeof percentiles>) =>
      `  ${name.padEnd(22)} p50 ${String(p.p50).padStart(6)} ms   p90 ${String(p.p90).padStart(6)} ms   p99 ${String(p.p99).padStart(6)} ms   max ${String(p.max).padStart(6)} ms`;
    say('');
    say(`Delivery received → first message recorded (${EVENTS} order.created events):`);
    say(row('with the playbook', latency.ours));
    say(row('floor (no playbook)', latency.floor));
    say(`  ratio                  ${result.triggerLatencyMs.ratio.p50}× p50, ${result.triggerLatencyMs.ratio.p99}× p99 (ours / floor)`);
    say(
      `One tick with ${RUNS} due runs: ${completed} completed in ${resumeTask.ms} ms of the tick's resume task (${result.resume.perSecond} runs/s; the whole tick took ${tickMs} ms).`,
    );
    say(`  floor (read + conditional write per run): ${result.resume.floorPerSecond}/s; ratio ${result.resume.ratio}× (ours / floor)`);
    say('Wrote bench/results/trigger.json');
    if (completed !== RUNS) {
      say(`Not every due run finished within one tick (${completed} of ${RUNS}); the next tick carries on from the rest.`);
    }
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:trigger failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

// npm run bench:trigger: processing and playbooks against the production build (next build + next
// start) on the real Firestore emulator, each figure next to its floor measured in the same run
// (bench/floors.ts; docs/performance.md says what each floor is):
//  1. Processing: signed order.created deliveries one at a time to a dispensary with no playbook,
//     processing start to outcome committed, per stage; floor: one transaction that reads and
//     writes the same documents.
//  2. First message: the same deliveries to a dispensary with an order.created playbook, delivery
//     received to message recorded; floor: received to processed with no playbook.
//  3. One tick with N waiting runs due (resume-playbook-runs); floor: a read and a conditional
//     write per run at the task's concurrency.
//  4. One tick with N deferred sends due (messaging.release-deferred); floor: the same claim per send.
//  5. One tick with N failed deliveries due (signals.retry-deliveries); floor: a claim and one
//     processing-shaped transaction per delivery, at the task's concurrency.
// Writes bench/results/trigger.json. --quick for a short run while developing.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { bracketedFloor, claimFloor, processingShapeOf, processingTxLatencies, retryFloor } from './floors';
import { machine, percentiles, perSecond, printStages, ratio, say, stageTable, startBenchStack, writeResult } from './lib';

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    events: { type: 'string' },
    runs: { type: 'string' },
    sends: { type: 'string' },
    deliveries: { type: 'string' },
  },
});
const quick = values.quick;
const EVENTS = Number(values.events ?? (quick ? 100 : 1000));
const WARMUP = quick ? 20 : 50;
const RUNS = Number(values.runs ?? (quick ? 1000 : 10_000));
const SENDS = Number(values.sends ?? (quick ? 1000 : 10_000));
const DELIVERIES = Number(values.deliveries ?? (quick ? 300 : 2000));
const PORTS = { next: 3270, firestore: 18270, auth: 19270, hub: 14470, logging: 14570 };
const TIME_ZONE = 'America/Detroit';

interface Attempt {
  stages?: Record<string, number>;
}

async function main() {
  const loadAtStart = os.loadavg();
  const stack = await startBenchStack({ ports: PORTS, projectId: 'demo-bakedbot-bench-trigger', build: !values['no-build'] });
  try {
    const { createPlaybook } = await import('../src/server/services/playbooks/create-playbook');
    const { setPlaybookStatus } = await import('../src/server/services/playbooks/set-playbook-status');
    const { tenantDb } = await import('../src/server/db/tenant-db');
    const { firestore } = await import('../src/server/db/firestore');
    const seed = await import('./seed');
    const tasks = await import('./tick-tasks');
    const db = firestore();

    const base = `http://127.0.0.1:${PORTS.next}`;
    const tenant = (name: string) => seed.shopifyTenant(name, TIME_ZONE);
    const tick = async () => {
      const t0 = Date.now();
      const res = await fetch(`${base}/api/cron/tick`, { method: 'POST', headers: { 'x-cron-secret': stack.env.CRON_SECRET! } });
      const body = (await res.json()) as { tasks: Array<{ name: string; ms: number; report?: Record<string, number> }> };
      return { ms: Date.now() - t0, task: (name: string) => body.tasks.find((t) => t.name === name)! };
    };

    // --- 1 and 2. Processing, and the first message -----------------------------------------
    const withPlaybook = await tenant('Bench Trigger');
    const noPlaybook = await tenant('Bench Trigger Floor');
    const playbook = await createPlaybook(withPlaybook.ctx, {
      name: 'Thank you',
      triggers: [{ type: 'event', eventName: 'order.created' }],
      steps: [{ action: 'send_email', subject: 'Thanks, {{ customer.first_name }}', body: '<p>Thanks for your order.</p>', kind: 'transactional' }],
    });
    await setPlaybookStatus(withPlaybook.ctx, playbook.id, 'active');

    let uid = 0;
    const send = async (t: typeof withPlaybook) => {
      uid += 1;
      const person = { firstName: 'Bench', lastName: `Buyer ${uid}`, email: `buyer-${uid}@example.com`, phone: seed.phoneFor(uid) };
      const { path, headers, body } = seed.signedShopifyOrder(t, { uid, customerId: uid, person });
      const res = await fetch(`${base}${path}`, { method: 'POST', headers, body });
      const json = (await res.json()) as { deliveryId?: string };
      if (!res.ok || !json.deliveryId) throw new Error(`delivery refused: ${res.status} ${JSON.stringify(json)}`);
      return json.deliveryId;
    };
    /** Waits for the delivery's outcome; its commit time is the document's update time. */
    const settled = async (orgId: string, deliveryId: string) => {
      const ref = tenantDb(orgId).deliveries.doc(deliveryId);
      for (let i = 0; i < 6000; i++) {
        const snap = await ref.get();
        const d = snap.data();
        if (d && ['processed', 'failed', 'dead_letter'].includes(d.status)) {
          if (d.status !== 'processed') throw new Error(`delivery ${deliveryId} ${d.status}: ${d.lastError}`);
          return { d, committedAt: snap.updateTime!.toDate().getTime() };
        }
        await new Promise((r) => setTimeout(r, 3));
      }
      throw new Error(`delivery ${deliveryId} not processed in time`);
    };

    say(`Warming up (${WARMUP} events each)…`);
    for (let i = 0; i < WARMUP; i++) {
      await settled(withPlaybook.orgId, await send(withPlaybook));
      await settled(noPlaybook.orgId, await send(noPlaybook));
    }
    say(`Processing and first message: ${EVENTS} signed order.created deliveries, one at a time, with and without a playbook…`);
    const processing: number[] = [];
    const endToEnd: number[] = [];
    const firstMessage: number[] = [];
    const toCommit: number[] = [];
    const afterCommit: number[] = [];
    const stagesNoPlaybook: Array<Record<string, number>> = [];
    const stagesWithPlaybook: Array<Record<string, number>> = [];
    let sampleDelivery = '';
    const sends = tenantDb(withPlaybook.orgId).sends;
    for (let i = 0; i < EVENTS; i++) {
      sampleDelivery = await send(noPlaybook);
      const plain = await settled(noPlaybook.orgId, sampleDelivery);
      const attempt = plain.d.attemptLog.at(-1) as Attempt;
      const outcomeMs = Math.max(0, plain.committedAt - plain.d.processedAt!.getTime());
      const stages: Record<string, number> = { ...(attempt.stages ?? {}), outcome: (attempt.stages?.outcome ?? 0) + outcomeMs };
      stages.total = (attempt.stages?.total ?? 0) + outcomeMs;
      stagesNoPlaybook.push(stages);
      processing.push(stages.total!);
      endToEnd.push(plain.committedAt - plain.d.receivedAt.getTime());

      const delivery = await settled(withPlaybook.orgId, await send(withPlaybook));
      const sent = (await sends.ref.where('to', '==', `buyer-${uid}@example.com`).limit(1).get()).docs[0]?.data();
      if (!sent) throw new Error(`no message recorded for buyer-${uid}@example.com`);
      firstMessage.push(sent.createdAt.getTime() - delivery.d.receivedAt.getTime());
      // Where it goes: up to the signal's commit (its order.created event's create time), and from there to the message.
      const ids = (delivery.d.eventIds ?? []) as string[];
      const evs = await Promise.all(ids.map((id) => tenantDb(withPlaybook.orgId).events.ref.doc(id).get()));
      const committed = evs.find((e) => e.data()?.name === 'order.created')?.createTime?.toMillis();
      if (committed) {
        toCommit.push(committed - delivery.d.receivedAt.getTime());
        afterCommit.push(sent.createdAt.getTime() - committed);
      }
      const a = delivery.d.attemptLog.at(-1) as Attempt;
      const outcome = Math.max(0, delivery.committedAt - delivery.d.processedAt!.getTime());
      stagesWithPlaybook.push({ ...(a.stages ?? {}), outcome: (a.stages?.outcome ?? 0) + outcome, total: (a.stages?.total ?? 0) + outcome });
      if ((i + 1) % 100 === 0) say(`  ${i + 1}/${EVENTS}`);
    }

    say(`Floor: ${EVENTS} transactions reading and writing the same documents as processing one order, one at a time…`);
    const shape = await processingShapeOf(db, noPlaybook.orgId, sampleDelivery);
    const floorTx = await processingTxLatencies(db, 'bench-floor', shape, EVENTS, 'lat');

    const processingFigures = {
      ours: percentiles(processing),
      floor: percentiles(floorTx),
      ratio: { p50: ratio(percentiles(processing).p50, percentiles(floorTx).p50), p99: ratio(percentiles(processing).p99, percentiles(floorTx).p99) },
      documents: { read: shape.reads.length, written: shape.writes.length },
      stages: stageTable(stagesNoPlaybook),
    };
    const firstMessageFigures = {
      ours: percentiles(firstMessage),
      floor: percentiles(endToEnd),
      ratio: { p50: ratio(percentiles(firstMessage).p50, percentiles(endToEnd).p50), p99: ratio(percentiles(firstMessage).p99, percentiles(endToEnd).p99) },
      stages: stageTable(stagesWithPlaybook),
      /** Received to the signal's commit (which also starts the run), and the commit to the message's record. */
      split: { toCommit: percentiles(toCommit), afterCommit: percentiles(afterCommit) },
    };

    // --- 3. Resume: one tick with RUNS due runs ----------------------------------------------
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
    await seed.seedCustomers(db, resumeTenant.orgId, Math.max(RUNS, SENDS), new Date());
    await seed.seedWaitingRuns(db, resumeTenant.orgId, resumeBook.id, RUNS, new Date());
    say('Resume: one cron tick…');
    const resumeTick = await tick();
    const resumeTask = resumeTick.task(tasks.RESUME_TASK);
    const completed = (await tdb.runs.ref.where('status', '==', 'completed').count().get()).data().count;
    say(`Resume floor: a read and a conditional write per run, ${tasks.RESUME_CONCURRENCY} at a time…`);
    const resumeFloor = await claimFloor(
      db,
      Array.from({ length: RUNS }, (_, i) => `${tdb.base}/playbook_executions/run-bench-${i}`),
      tasks.RESUME_CONCURRENCY,
    );
    const resume = {
      due: RUNS,
      completed,
      finishedInOneTick: completed === RUNS,
      tickMs: resumeTick.ms,
      taskMs: resumeTask.ms,
      report: resumeTask.report,
      perSecond: perSecond(completed, resumeTask.ms),
      floor: resumeFloor,
      ratio: ratio(perSecond(completed, resumeTask.ms), resumeFloor.perSecond),
    };

    // --- 4. Deferred sends: one tick with SENDS due -------------------------------------------
    say(`Deferred sends: seeding ${SENDS} marketing emails deferred for quiet hours, now due…`);
    const sendIds = await seed.seedDeferredSends(db, resumeTenant.orgId, resumeBook.id, SENDS, TIME_ZONE);
    const sendTick = await tick();
    const sendTask = sendTick.task(tasks.DEFERRED_TASK);
    const sent = (await tdb.sends.ref.where('status', '==', 'sent').count().get()).data().count;
    say(`Deferred sends floor: a read and a conditional write per send, ${tasks.SEND_CONCURRENCY} at a time…`);
    const sendFloor = await claimFloor(
      db,
      sendIds.map((id) => `${tdb.base}/sends/${id}`),
      tasks.SEND_CONCURRENCY,
    );
    const deferred = {
      due: SENDS,
      sent,
      finishedInOneTick: sent === SENDS,
      tickMs: sendTick.ms,
      taskMs: sendTask.ms,
      report: sendTask.report,
      perSecond: perSecond(sent, sendTask.ms),
      floor: sendFloor,
      ratio: ratio(perSecond(sent, sendTask.ms), sendFloor.perSecond),
    };

    // --- 5. Delivery retries: one tick with DELIVERIES due ------------------------------------
    say(`Delivery retries: seeding ${DELIVERIES} signed orders stored as failed deliveries, now due…`);
    const retryTenant = await tenant('Bench Retries');
    const retryIds = await seed.seedFailedDeliveries(db, retryTenant.orgId, { id: retryTenant.endpointId, secret: retryTenant.secret }, DELIVERIES, 1_000_000);
    // The floor is measured before the tick and again after it, on the same deliveries (its claim
    // only adds a field they ignore), as bench:ingest measures its processing floor.
    const retryDb = tenantDb(retryTenant.orgId);
    const retryPaths = retryIds.map((id) => `${retryDb.base}/webhook_deliveries/${id}`);
    say(`Delivery retries floor, before: a claim and one processing-shaped transaction per delivery, ${tasks.RETRY_CONCURRENCY} at a time…`);
    const retryFloorBefore = await retryFloor(db, 'bench-floor', shape, retryPaths, tasks.RETRY_CONCURRENCY, 'retry-before');
    const retryTick = await tick();
    const retryTask = retryTick.task(tasks.RETRY_TASK);
    const retried = (await retryDb.deliveries.ref.where('status', '==', 'processed').count().get()).data().count;
    // Where a retried delivery's time went (its attempt's own stages), to compare with the floor's transaction.
    const retryStages = stageTable(
      (await retryDb.deliveries.ref.where('status', '==', 'processed').limit(500).get()).docs.map((d) => (d.data().attemptLog.at(-1) as Attempt).stages ?? {}),
    );
    say(`Delivery retries floor, after: the same, on the same deliveries…`);
    const retryFloorAfter = await retryFloor(db, 'bench-floor', shape, retryPaths, tasks.RETRY_CONCURRENCY, 'retry-after');
    const retryFloorResult = bracketedFloor(retryFloorBefore, retryFloorAfter);
    const retries = {
      due: DELIVERIES,
      processed: retried,
      finishedInOneTick: retried === DELIVERIES,
      tickMs: retryTick.ms,
      taskMs: retryTask.ms,
      report: retryTask.report,
      perSecond: perSecond(retried, retryTask.ms),
      floor: retryFloorResult,
      ratio: ratio(perSecond(retried, retryTask.ms), retryFloorResult.perSecond),
      stages: retryStages,
    };

    const summary = [
      `processing (no playbook) p50 ${processingFigures.ours.p50} ms = ${processingFigures.ratio.p50}× its transaction floor (target ≤ 2)`,
      `first message p50 ${firstMessageFigures.ours.p50} ms = ${firstMessageFigures.ratio.p50}× the pipeline without a playbook (target ≤ 1.5): ${firstMessageFigures.split.toCommit.p50} ms to the signal's commit, ${firstMessageFigures.split.afterCommit.p50} ms from it to the message`,
      `resume ${resume.perSecond}/s = ${resume.ratio}× the claim floor (target ≥ 0.7), ${completed}/${RUNS} in one tick`,
      `deferred sends ${deferred.perSecond}/s = ${deferred.ratio}× the claim floor, ${sent}/${SENDS} in one tick`,
      `delivery retries ${retries.perSecond}/s = ${retries.ratio}× the claim + transaction floor (${retryFloorResult.before}/s before the tick, ${retryFloorResult.after}/s after; target ≥ 0.7), ${retried}/${DELIVERIES} in one tick`,
    ];
    writeResult('trigger', {
      ranAt: new Date().toISOString(),
      machine: machine(loadAtStart),
      setup: { target: 'next build + next start (production), Firestore emulator', quick, events: EVENTS, runs: RUNS, sends: SENDS, deliveries: DELIVERIES },
      summary,
      processing: processingFigures,
      firstMessage: firstMessageFigures,
      resume,
      deferredSends: deferred,
      deliveryRetries: retries,
    });

    say('');
    printStages(`Processing one order.created, no playbook (ms per stage, ${EVENTS} deliveries):`, processingFigures.stages);
    printStages('With the order.created playbook (dispatch, run and send included):', firstMessageFigures.stages);
    printStages(`A retried delivery in the tick (${DELIVERIES} due, ${tasks.RETRY_CONCURRENCY} at a time):`, retries.stages);
    say('');
    for (const line of summary) say(line);
    say(
      `Machine: ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end.`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:trigger failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

// npm run capacity:measure: the Firestore reads, writes and deletes one event costs, counted from the
// client's own request log (scripts/lib/operation-counter.ts) against the real emulator: an order
// from a new and from a returning customer with and without a thank-you playbook, a tick with
// nothing to do, and a tick that resumes one waiting run and sends its email. docs/capacity.md
// ("Cost") is computed from these numbers; run this again when the pipeline changes.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFirestoreEmulator } from './lib/emulators';
import { guardThisProcess } from './lib/local-env';
import { installOperationCounter, type OperationCount } from './lib/operation-counter';
import { freePort } from './lib/processes';

await guardThisProcess();
const dir = mkdtempSync(path.join(tmpdir(), 'bakedbot-measure-'));
const port = await freePort();
const projectId = 'demo-bakedbot-measure';
const emulator = await startFirestoreEmulator({ host: '127.0.0.1', port, projectId, logFile: path.join(dir, 'firestore.log') });
Object.assign(process.env, { FIRESTORE_EMULATOR_HOST: `127.0.0.1:${port}`, FIREBASE_PROJECT_ID: projectId, GCLOUD_PROJECT: projectId, LOG_LEVEL: 'silent' });

try {
  const { ManualClock, HOUR } = await import('../src/domain/clock');
  const { systemActor } = await import('../src/domain/roles');
  const { samplePayload } = await import('../src/domain/signals/samples');
  const { installIndexGuard } = await import('../src/server/db/index-guard');
  const { drainAfterResponse } = await import('../src/server/http/after-response');
  const { withWebhook } = await import('../src/server/http/with-webhook');
  const { logger } = await import('../src/server/log');
  const { runTick } = await import('../src/server/services/cron/run-tick');
  const { receiveWebhook } = await import('../src/server/services/ingest/receive-webhook');
  const { signDelivery } = await import('../src/server/services/ingest/sign-delivery');
  const { createEndpoint } = await import('../src/server/services/integrations/create-endpoint');
  const { createPlaybook } = await import('../src/server/services/playbooks/create-playbook');
  const { installGalleryPlaybook } = await import('../src/server/services/playbooks/install-gallery-playbook');
  const { setPlaybookStatus } = await import('../src/server/services/playbooks/set-playbook-status');
  const { createTenant } = await import('../src/server/services/tenants/create-tenant');
  const { rotateMessagingWebhook } = await import('../src/server/services/messaging/messaging-webhooks');
  const { tenantDb } = await import('../src/server/db/tenant-db');
  const mailjetRoute = await import('../src/app/api/webhooks/mailjet/[endpointId]/route');
  installIndexGuard();

  const clock = new ManualClock(Date.now());
  const counter = installOperationCounter();
  const tenant = async (name: string) => {
    const orgId = `m-${randomUUID().slice(0, 8)}`;
    await createTenant({ clock }, { id: orgId, name, timeZone: 'America/Detroit' });
    const ctx = { orgId, actor: systemActor('measure'), clock };
    const { endpoint, secret } = await createEndpoint(ctx, { provider: 'alleaves' });
    return { ctx, endpoint: endpoint.id, secret };
  };
  type Tenant = Awaited<ReturnType<typeof tenant>>;
  const receiver = withWebhook('alleaves', receiveWebhook, { clock });
  const order = (t: Tenant, customer: number) => deliver(t, 'order.created', customer);
  const deliver = async (t: Tenant, event: string, customer: number) => {
    const { body } = samplePayload('alleaves', event, { now: clock.now(), uid: Math.floor(Math.random() * 800_000) + 1, customerId: customer });
    const headers = signDelivery('alleaves', { secret: t.secret, body, topic: null, now: clock.now(), deliveryId: `d-${randomUUID()}` });
    const res = await receiver(new Request(`http://localhost/api/webhooks/alleaves/${t.endpoint}`, { method: 'POST', headers, body }), {
      params: Promise.resolve({ endpointId: t.endpoint }),
    });
    if (res.status !== 200) throw new Error(`delivery answered ${res.status}: ${await res.text()}`);
    await drainAfterResponse();
  };
  const measure = async (what: string, fn: () => Promise<unknown>): Promise<[string, OperationCount]> => {
    counter.reset();
    await fn();
    await drainAfterResponse();
    return [what, counter.snapshot()];
  };
  const tick = () => runTick({ clock, log: logger() });

  const plain = await tenant('Measure: no playbooks');
  const thanks = await tenant('Measure: order thank-you');
  const thankYou = await installGalleryPlaybook(thanks.ctx, 'order_thank_you');
  await setPlaybookStatus(thanks.ctx, thankYou.id, 'active');
  const waiting = await tenant('Measure: a wait, then an email');
  const later = await createPlaybook(waiting.ctx, {
    name: 'Thank you an hour later',
    triggers: [{ type: 'event', eventName: 'order.created' }],
    entry: { runKey: 'orderId', reentry: 'never' },
    steps: [
      { action: 'wait', duration: '1h' },
      { action: 'send_email', template: 'thank_you', kind: 'transactional' },
    ],
  });
  await setPlaybookStatus(waiting.ctx, later.id, 'active');
  await tick(); // settle anything set-up left due

  const rows: Array<[string, OperationCount]> = [];
  rows.push(await measure('order, new customer, no playbook', () => order(plain, 5001)));
  rows.push(await measure('order, returning customer, no playbook', () => order(plain, 5001)));
  rows.push(await measure('customer update (customer.created, known customer)', () => deliver(plain, 'customer.created', 5001)));
  rows.push(await measure('stock update (inventory.updated)', () => deliver(plain, 'inventory.updated', 5001)));
  rows.push(await measure('order, new customer, thank-you playbook (1 email)', () => order(thanks, 6001)));
  rows.push(await measure('order, returning customer, thank-you playbook (1 email)', () => order(thanks, 6001)));
  rows.push(await measure('order, new customer, playbook waits 1 h (run parked)', () => order(waiting, 7001)));
  // What Mailjet's event callback costs per event (sent, open, click...), on the thank-you just sent.
  const mj = await rotateMessagingWebhook(thanks.ctx, 'mailjet');
  const send = (await tenantDb(thanks.ctx.orgId).sends.ref.limit(1).get()).docs[0]!.data();
  const messageId = (2n ** 60n + 12345n).toString();
  await tenantDb(thanks.ctx.orgId).sends.update(send.id, { provider: 'mailjet', providerMessageId: messageId });
  rows.push(
    await measure('Mailjet event callback (1 open event)', async () => {
      const body = `{"event":"open","time":${Math.floor(clock.now().getTime() / 1000)},"MessageID":${messageId},"email":"jamie@example.com","CustomID":"${send.id}"}`;
      const res = await mailjetRoute.POST(
        new Request(`http://localhost/api/webhooks/mailjet/${mj.endpointId}`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${mj.username}:${mj.password}`).toString('base64')}`, 'content-type': 'application/json' },
          body,
        }),
        { params: Promise.resolve({ endpointId: mj.endpointId }) },
      );
      if (res.status !== 200) throw new Error(`Mailjet callback answered ${res.status}: ${await res.text()}`);
    }),
  );
  clock.advance(5 * 60_000);
  rows.push(await measure('tick, nothing due (3 tenants)', tick));
  clock.advance(2 * HOUR);
  rows.push(await measure('tick resuming 1 waiting run, which sends 1 email', tick));
  clock.advance(60_000);
  for (let i = 0; i < 7; i++) await tenant(`Measure: idle ${i}`);
  rows.push(await measure('tick, nothing due (10 tenants)', tick));
  counter.uninstall();

  const width = Math.max(...rows.map(([w]) => w.length));
  process.stdout.write(`${'event'.padEnd(width)}  reads  writes  deletes  round trips\n`);
  for (const [what, c] of rows) {
    process.stdout.write(
      `${what.padEnd(width)}  ${String(c.reads).padStart(5)}  ${String(c.writes).padStart(6)}  ${String(c.deletes).padStart(7)}  ${String(c.queries + c.lookups + c.commits).padStart(11)}\n`,
    );
  }
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(Object.fromEntries(rows), null, 2)}\n`);
} finally {
  await emulator.stop('SIGTERM', 5_000);
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);

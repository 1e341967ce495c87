// The webhook step behind the outbound guard: private destinations are refused in the run log
// without detail and not retried, loopback is reached only when allow-listed, a rebinding
// resolver cannot move the connection, and receivers can verify every delivery, through a
// secret rotation, with the Standard Webhooks scheme.
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, HOUR } from '@/domain/clock';
import { NOT_PUBLIC } from '@/domain/net/address-policy';
import type { PlaybookDefinitionInput } from '@/domain/playbooks/playbook';
import { tenantDb } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import { setOutboundLookupForTests, type ResolvedAddress } from '@/server/net/outbound-request';
import { createPlaybook } from '@/server/services/playbooks/create-playbook';
import { dryRunSavedPlaybook } from '@/server/services/playbooks/dry-run-playbook';
import { revealOutboundWebhookSecret, rotateOutboundWebhookSecret } from '@/server/services/playbooks/outbound-webhook-secret';
import { runPlaybookManually } from '@/server/services/playbooks/run-playbook-manually';
import '@/server/services/playbooks/steps';
import { seedCustomer } from '../support/fixtures';
import { setOutboundAllowHosts } from '../support/outbound';
import { activePlaybook, tick } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';

interface Receiver {
  port: number;
  hits: Array<{ headers: Record<string, string>; body: string }>;
  close(): Promise<void>;
}

async function receiver(address: string, port = 0): Promise<Receiver> {
  const hits: Receiver['hits'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hits.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"received":true}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Answers DNS from a table (a list of answers per name is served one per call) and counts lookups. */
function useResolver(table: Record<string, Array<Array<[string, 4 | 6]>>>) {
  const calls: string[] = [];
  setOutboundLookupForTests(async (host): Promise<ResolvedAddress[]> => {
    const answers = table[host];
    if (!answers) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    const n = calls.filter((h) => h === host).length;
    calls.push(host);
    return answers[Math.min(n, answers.length - 1)]!.map(([address, family]) => ({ address, family }));
  });
  return calls;
}

const hook = (url: string) => ({ action: 'webhook', url });
const manual = (steps: unknown[]): PlaybookDefinitionInput =>
  ({ name: 'Hooks', triggers: [{ type: 'manual' }], entry: { reentry: 'always' }, steps }) as PlaybookDefinitionInput;

async function runOnce(t: TestTenant, playbookId: string, clock: ManualClock) {
  const customerId = await seedCustomer(t.orgId, { firstName: 'Hook', email: `hook-${Date.now()}@example.com` });
  const { runIds } = await runPlaybookManually({ ...t.ctx('admin', clock), log: logger() }, playbookId, { customerId });
  return tenantDb(t.orgId).runs.getOrThrow(runIds[0]!);
}

let canary: Receiver;
beforeAll(async () => {
  canary = await receiver('127.0.0.1');
});
afterAll(() => canary.close());
afterEach(() => {
  setOutboundLookupForTests(undefined);
  setOutboundAllowHosts(undefined);
  canary.hits.length = 0;
});

describe('refused destinations', () => {
  it('refuses every non-public class a name can resolve to, says only "not public", and does not retry', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-07-01T16:00:00Z');
    const p = canary.port;
    const classes: Record<string, [string, 4 | 6]> = {
      'ten.example.com': ['10.20.30.40', 4],
      'loop.example.com': ['127.0.0.1', 4],
      'mapped.example.com': ['::ffff:127.0.0.1', 6],
      'cgnat.example.com': ['100.64.0.1', 4],
      'bench.example.com': ['198.18.0.1', 4],
      'metadata.example.com': ['169.254.169.254', 4],
      'ula.example.com': ['fc00::1', 6],
      'linklocal.example.com': ['fe80::1', 6],
      'sixtofour.example.com': ['2002:7f00:1::', 6],
      'unspecified6.example.com': ['::', 6],
      'unspecified4.example.com': ['0.0.0.0', 4],
      'multicast.example.com': ['224.0.0.251', 4],
      'nat64.example.com': ['64:ff9b::a00:1', 6],
    };
    const lookups = useResolver(Object.fromEntries(Object.entries(classes).map(([h, a]) => [h, [[a]]])));
    const playbook = await activePlaybook(t, manual(Object.keys(classes).map((h) => hook(`http://${h}:${p}/hook`))), clock);

    const run = await runOnce(t, playbook.id, clock);
    expect(run).toMatchObject({ status: 'completed', failures: 0 });
    expect(run.error ?? null).toBeNull();
    expect(run.stepResults).toHaveLength(Object.keys(classes).length);
    for (const r of run.stepResults) {
      expect(r).toMatchObject({ action: 'webhook', status: 'skipped', skipReason: NOT_PUBLIC, detail: `Webhook not sent: ${NOT_PUBLIC}` });
    }
    // Nothing internal leaks into the log: no address, no range, no connection error.
    const log = JSON.stringify(run.stepResults);
    for (const [address] of Object.values(classes)) expect(log).not.toContain(address);
    expect(log).not.toMatch(/loopback|private|linkLocal|ECONN/i);
    expect(canary.hits).toHaveLength(0);
    expect(lookups).toEqual(Object.keys(classes));

    // Nothing was parked for a retry: the tick finds no work and the canary still hears nothing.
    clock.advance(2 * HOUR);
    await tick(t.orgId, clock);
    expect((await tenantDb(t.orgId).runs.getOrThrow(run.id)).stepResults).toHaveLength(Object.keys(classes).length);
    expect(canary.hits).toHaveLength(0);
  });

  it('refuses private literals and names when the playbook is saved', async () => {
    const t = await createTestTenant();
    for (const url of [
      `http://[::ffff:127.0.0.1]:${canary.port}/`,
      'http://localhost./hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://[fe80::1]/',
      'http://[2002:7f00:1::]/',
      'http://100.64.0.1/',
      'http://198.18.0.1/',
      'http://printer.local/',
      'http://metadata.google.internal/',
    ]) {
      await expect(createPlaybook(t.ctx('admin'), manual([hook(url)])), url).rejects.toMatchObject({
        code: 'validation_failed',
        details: { issues: [{ path: 'steps.0.url', message: expect.stringMatching(/only go to public addresses/) }] },
      });
    }
  });

  it('a literal saved while allow-listed is refused at run time once the allow-list is gone', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-07-02T16:00:00Z');
    setOutboundAllowHosts(`127.0.0.1:${canary.port}`);
    const playbook = await activePlaybook(
      t,
      manual([hook(`http://[::ffff:127.0.0.1]:${canary.port}/hook`), hook(`http://127.0.0.1:${canary.port}/hook`)]),
      clock,
    );
    setOutboundAllowHosts(undefined);
    const run = await runOnce(t, playbook.id, clock);
    expect(run.status).toBe('completed');
    expect(run.stepResults.map((r) => [r.status, r.skipReason])).toEqual([
      ['skipped', NOT_PUBLIC],
      ['skipped', NOT_PUBLIC],
    ]);
    expect(canary.hits).toHaveLength(0);
  });

  it('a dry run reports the refusal without connecting', async () => {
    const t = await createTestTenant();
    useResolver({ 'inside.example.com': [[['10.1.1.1', 4]]] });
    const playbook = await createPlaybook(t.ctx('admin'), manual([hook(`http://inside.example.com:${canary.port}/`)]));
    const customerId = await seedCustomer(t.orgId, { firstName: 'Dry' });
    const dry = await dryRunSavedPlaybook(t.ctx('admin'), playbook.id, { customerId });
    expect(dry.steps[0]).toMatchObject({ action: 'webhook', status: 'skipped', skipReason: NOT_PUBLIC });
    expect(canary.hits).toHaveLength(0);
  });
});

describe('the allow-list and the connection', () => {
  it('a local receiver on 127.0.0.1 gets the signed webhook when allow-listed, and nothing when not', async () => {
    const t = await createTestTenant();
    // Real time: the receiver checks the Standard Webhooks timestamp against its own clock.
    const clock = new ManualClock(new Date());
    setOutboundAllowHosts(`127.0.0.1:${canary.port}`);
    const playbook = await activePlaybook(t, manual([hook(`http://127.0.0.1:${canary.port}/hooks/bakedbot`)]), clock);

    const run = await runOnce(t, playbook.id, clock);
    expect(run.stepResults[0]).toMatchObject({ status: 'done', detail: `POST 127.0.0.1:${canary.port} answered 200` });
    expect(canary.hits).toHaveLength(1);
    const { secret } = await revealOutboundWebhookSecret(t.ctx('owner'));
    const delivered = new Webhook(secret).verify(canary.hits[0]!.body, canary.hits[0]!.headers) as { data: { runId: string } };
    expect(delivered.data.runId).toBe(run.id);
    expect(canary.hits[0]!.headers['webhook-id']).toBe(run.stepResults[0]!.refs?.webhookId);

    setOutboundAllowHosts(undefined);
    const refused = await runOnce(t, playbook.id, clock);
    expect(refused.stepResults[0]).toMatchObject({ status: 'skipped', skipReason: NOT_PUBLIC });
    expect(canary.hits).toHaveLength(1);
  });

  it('resolves once: a name that first answers a permitted address and then 127.0.0.1 is called at the first (DNS rebinding)', async () => {
    // 127.0.0.2 (allow-listed) stands in for the public address; the attacker's 127.0.0.1 listens on the same port.
    const permitted = await receiver('127.0.0.2', canary.port);
    try {
      const t = await createTestTenant();
      const clock = new ManualClock('2031-07-03T16:00:00Z');
      const lookups = useResolver({ 'rebind.example.com': [[['127.0.0.2', 4]], [['127.0.0.1', 4]]] });
      setOutboundAllowHosts(`127.0.0.2:${canary.port}`);
      const playbook = await activePlaybook(t, manual([hook(`http://rebind.example.com:${canary.port}/hook`)]), clock);
      const run = await runOnce(t, playbook.id, clock);
      expect(run.stepResults[0]).toMatchObject({ status: 'done' });
      expect(lookups).toEqual(['rebind.example.com']);
      expect(permitted.hits).toHaveLength(1);
      expect(permitted.hits[0]!.headers.host).toBe(`rebind.example.com:${canary.port}`);
      expect(canary.hits).toHaveLength(0);
    } finally {
      await permitted.close();
    }
  });
});

describe('signing through a rotation', () => {
  const signatures = (h: Record<string, string>) => h['webhook-signature']!.split(' ');
  const signedBy = (secret: string, hit: Receiver['hits'][number]) =>
    new Webhook(secret).sign(hit.headers['webhook-id']!, new Date(Number(hit.headers['webhook-timestamp']) * 1000), hit.body);

  it('signs with the new and the previous secret for 24 hours, then with the new one only', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-07-04T16:00:00Z');
    setOutboundAllowHosts(`127.0.0.1:${canary.port}`);
    const playbook = await activePlaybook(t, manual([hook(`http://127.0.0.1:${canary.port}/hook`)]), clock);

    const before = (await revealOutboundWebhookSecret(t.ctx('owner', clock))).secret;
    const rotated = await rotateOutboundWebhookSecret(t.ctx('owner', clock));
    expect(rotated.secret).not.toBe(before);
    expect(rotated.status.previousValidUntil).toBe('2031-07-05T16:00:00.000Z');

    clock.advance(23 * HOUR);
    await runOnce(t, playbook.id, clock);
    const during = canary.hits.at(-1)!;
    expect(signatures(during.headers)).toEqual([signedBy(rotated.secret, during), signedBy(before, during)]);

    clock.advance(2 * HOUR);
    await runOnce(t, playbook.id, clock);
    const after = canary.hits.at(-1)!;
    expect(signatures(after.headers)).toEqual([signedBy(rotated.secret, after)]);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { admin } from '../support/admin-cli';
import { seedCustomer } from '../support/fixtures';
import { runPlaybookManually } from '@/server/services/playbooks/run-playbook-manually';
import { createTestTenant } from '../support/tenant';

describe('npm run admin: playbooks and runs', () => {
  it('creates a playbook from a file, lists it, and lists its runs', async () => {
    const t = await createTestTenant();
    const dir = mkdtempSync(path.join(tmpdir(), 'pb-'));
    const file = path.join(dir, 'thanks.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Order Thank You',
        triggers: [{ type: 'event', eventName: 'order.created' }],
        steps: [{ action: 'send_email', to: '{{customer.email}}', template: 'thank_you' }],
      }),
    );
    const created = (await admin('playbook', 'create', '--tenant', t.orgId, '--file', file, '--activate', '--json')).out as { id: string; status: string };
    expect(created).toMatchObject({ status: 'active', version: 1, steps: 1 });

    const manualFile = path.join(dir, 'tag.json');
    writeFileSync(manualFile, JSON.stringify({ name: 'Tagger', triggers: [{ type: 'manual' }], steps: [{ action: 'add_tag', tag: 'cli' }] }));
    const manual = (await admin('playbook', 'create', '--tenant', t.orgId, '--file', manualFile, '--activate', '--json')).out as { id: string };
    await runPlaybookManually(t.ctx('admin'), manual.id, { customerId: await seedCustomer(t.orgId) });

    const list = (await admin('playbook', 'list', '--tenant', t.orgId, '--json')).out as Array<{ id: string; triggers: string; runs30d: number }>;
    expect(list.map((p) => p.id).sort()).toEqual([created.id, manual.id].sort());
    expect(list.find((p) => p.id === created.id)!.triggers).toBe('order.created');
    const runs = (await admin('runs', 'list', '--tenant', t.orgId, '--playbook', manual.id, '--json')).out as Array<{ status: string; steps: string }>;
    expect(runs).toEqual([expect.objectContaining({ status: 'completed', steps: 'add_tag:done' })]);
    expect((await admin('runs', 'list', '--tenant', t.orgId, '--playbook', manual.id, '--status', 'waiting', '--json')).out).toEqual([]);
  });

  it('explains a bad definition file', async () => {
    const t = await createTestTenant();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pb-')), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Bad',
        triggers: [{ type: 'event', eventName: 'order.created', filter: 'order.totl > 1' }],
        steps: [{ action: 'add_tag', tag: 'x' }],
      }),
    );
    const res = await admin('playbook', 'create', '--tenant', t.orgId, '--file', file, '--json');
    expect(res.code).toBe(1);
    expect(JSON.parse(String(res.out)).error.message).toMatch(/Did you mean "total"/);
    expect((await admin('runs', 'list', '--tenant', t.orgId, '--playbook', 'x', '--status', 'sleeping')).code).not.toBe(0);
  });

  it('lists every problem of a definition with its path', async () => {
    const t = await createTestTenant();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pb-')), 'two-problems.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Twice wrong',
        triggers: [{ type: 'event', eventName: 'order.created', filter: 'order.totl > 1' }],
        steps: [
          { action: 'send_email', template: 'no_such_template' },
          { action: 'add_tag', tag: 'x' },
          { action: 'condition', if: 'customer.orderCount == "ten"', then: [], else: [] },
        ],
      }),
    );
    const human = await admin('playbook', 'create', '--tenant', t.orgId, '--file', file);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^The playbook has 3 problems:$/m);
    expect(human.stderr).toMatch(/^ {2}triggers\.0\.filter: "totl" is not a field of order\. Did you mean "total"\?/m);
    expect(human.stderr).toMatch(/^ {2}steps\.0\.template: There is no template "no_such_template"/m);
    expect(human.stderr).toMatch(/^ {2}steps\.2\.if: Cannot compare number/m);
    const json = await admin('playbook', 'create', '--tenant', t.orgId, '--file', file, '--json');
    const { error } = JSON.parse(String(json.out)) as { error: { message: string; code: string } };
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/triggers\.0\.filter: .*\n.*steps\.0\.template: .*\n.*steps\.2\.if: /s);
    // A definition that is not even the right shape lists its problems the same way.
    writeFileSync(file, JSON.stringify({ name: '', triggers: [], steps: [] }));
    const shape = await admin('playbook', 'create', '--tenant', t.orgId, '--file', file);
    expect(shape.stderr).toMatch(/^ {2}name: /m);
    expect(shape.stderr).toMatch(/^ {2}triggers: /m);
  });
});

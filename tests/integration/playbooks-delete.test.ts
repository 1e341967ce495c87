// Deleting a playbook ends its runs in flight, and a run whose version is gone never blocks the
// events of its customer: the delivery is processed and other playbooks still start.
import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR, ManualClock } from '@/domain/clock';
import * as playbookRoute from '@/app/api/playbooks/[id]/route';
import { firestore } from '@/server/db/firestore';
import { tenantDb } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import { forgetCachedVersions } from '@/server/services/playbooks/engine/execute-run';
import { runPlaybookManually } from '@/server/services/playbooks/run-playbook-manually';
import { setPlaybookStatus } from '@/server/services/playbooks/set-playbook-status';
import { call } from '../support/http';
import { setProviderEnv } from '../support/messaging';
import { activePlaybook, customerByEmail, nextUid, runsOf, shopify, tick } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { deliveriesOf, makeEndpoint } from '../support/webhooks';

beforeAll(() => setProviderEnv({}));

/** A long wait that an order ends: the shape of the win-back journey. */
const waiting = {
  name: 'Waits for an order',
  triggers: [{ type: 'manual' as const }],
  exit: { onEvents: [{ eventName: 'order.created' }] },
  steps: [
    { action: 'wait', duration: '45d' },
    { action: 'add_tag', tag: 'won-back' },
  ],
};

async function shoppers(t: TestTenant, clock: ManualClock, n: number) {
  const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
  // Each person is their own store customer, so their events land on their own profile.
  const people = Array.from({ length: n }, (_, i) => ({
    customerId: nextUid(),
    person: { firstName: `Del${i}`, lastName: 'Ete', email: `del-${nextUid()}@example.com`, phone: `(313) 555-01${10 + i}` },
  }));
  for (const p of people) await shopify(clock, ep, 'customers/create', { uid: nextUid(), ...p });
  const ids = await Promise.all(people.map(async (p) => (await customerByEmail(t.orgId, p.person.email))!.id));
  return { ep, people, ids };
}

describe('deleting a playbook with runs in flight', () => {
  it('ends every running or waiting run, leaves finished ones alone, and the customer’s next event goes through', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-08-01T16:00:00Z');
    const ctx = { ...t.ctx('admin', clock), log: logger() };
    const { ep, people, ids } = await shoppers(t, clock, 3);
    const doomed = await activePlaybook(t, waiting, clock);
    const quick = await activePlaybook(t, { name: 'Done at once', triggers: [{ type: 'manual' }], steps: [{ action: 'add_tag', tag: 'quick' }] }, clock);
    await runPlaybookManually(ctx, doomed.id, { customerIds: ids });
    await runPlaybookManually(ctx, quick.id, { customerIds: ids.slice(0, 1) });
    const thanks = await activePlaybook(
      t,
      { name: 'Thanks', triggers: [{ type: 'event', eventName: 'order.created' }], steps: [{ action: 'add_tag', tag: 'thanked' }] },
      clock,
    );

    await setPlaybookStatus(ctx, doomed.id, 'paused');
    const res = await call(playbookRoute.DELETE, { method: 'DELETE', cookie: await t.cookie('admin'), params: { id: doomed.id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, runsEnded: 3 });

    const ended = await runsOf(t.orgId, doomed.id);
    expect(ended).toHaveLength(3);
    for (const run of ended) {
      expect(run).toMatchObject({
        status: 'exited',
        error: 'The playbook was deleted.',
        exitedBy: { eventName: 'playbook.deleted', eventId: doomed.id },
        resumeAt: null,
        lease: null,
      });
      expect(run.finishedAt).toBeInstanceOf(Date);
    }
    expect((await runsOf(t.orgId, quick.id))[0]).toMatchObject({ status: 'completed', exitedBy: null });

    // Another instance (nothing cached) receives an order for one of those customers.
    forgetCachedVersions();
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), ...people[0]! });
    expect((await deliveriesOf(t.orgId)).filter((d) => d.topic === 'orders/create').map((d) => d.status)).toEqual(['processed']);
    expect(await runsOf(t.orgId, thanks.id)).toHaveLength(1);
    expect((await tenantDb(t.orgId).customers.getOrThrow(ids[0]!)).tags).toContain('thanked');
  });

  it('a run whose version is gone (a delete cut short) is ended by the event, which still reaches other runs and playbooks', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-08-02T16:00:00Z');
    const ctx = { ...t.ctx('admin', clock), log: logger() };
    const { ep, people, ids } = await shoppers(t, clock, 1);
    const orphaned = await activePlaybook(t, waiting, clock);
    const healthy = await activePlaybook(t, { ...waiting, name: 'Also waits for an order' }, clock);
    await runPlaybookManually(ctx, orphaned.id, { customerId: ids[0]! });
    await runPlaybookManually(ctx, healthy.id, { customerId: ids[0]! });
    const thanks = await activePlaybook(
      t,
      { name: 'Thanks', triggers: [{ type: 'event', eventName: 'order.created' }], steps: [{ action: 'add_tag', tag: 'thanked' }] },
      clock,
    );

    // The playbook and its versions went, but its run was never ended (a crash mid-delete, or a
    // delete made before deletes ended runs).
    const tdb = tenantDb(t.orgId);
    await setPlaybookStatus(ctx, orphaned.id, 'paused');
    const batch = firestore().batch();
    for (const doc of (await tdb.playbookVersions(orphaned.id).ref.get()).docs) batch.delete(doc.ref);
    batch.delete(tdb.playbooks.doc(orphaned.id));
    await batch.commit();
    forgetCachedVersions();

    clock.advance(HOUR);
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), ...people[0]! });
    expect((await deliveriesOf(t.orgId)).filter((d) => d.topic === 'orders/create').map((d) => d.status)).toEqual(['processed']);
    expect((await runsOf(t.orgId, orphaned.id))[0]).toMatchObject({
      status: 'exited',
      error: 'The playbook was deleted.',
      exitedBy: { eventName: 'playbook.deleted' },
    });
    expect((await runsOf(t.orgId, healthy.id))[0]).toMatchObject({ status: 'exited', exitedBy: { eventName: 'order.created' } });
    expect(await runsOf(t.orgId, thanks.id)).toHaveLength(1);
    // Nothing is left for the tick to trip over.
    await tick(t.orgId, clock);
    expect((await runsOf(t.orgId, orphaned.id))[0]!.status).toBe('exited');
  });
});

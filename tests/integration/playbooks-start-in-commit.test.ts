import { randomUUID } from 'node:crypto';
import type { Timestamp } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, MINUTE } from '@/domain/clock';
import { systemActor } from '@/domain/roles';
import { mapDelivery } from '@/domain/signals/map-delivery';
import { parseJsonLossless } from '@/domain/signals/parse-json';
import { samplePayload } from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import { triggerPlaybooksForEvent } from '@/server/services/playbooks/trigger-playbooks-for-event';
import { applySignal } from '@/server/services/signals/apply-signal';
import { setProviderEnv, uniquePhone } from '../support/messaging';
import { activePlaybook, customerByEmail, nextUid, runsOf, sendsTo, shopify, tick } from '../support/playbooks';
import { createTestTenant } from '../support/tenant';
import { makeEndpoint } from '../support/webhooks';

// Noon in Detroit, in the future so no real-time tick of another test file touches it.
const T0 = '2031-07-08T16:00:00Z';

beforeAll(() => setProviderEnv({}));

function person() {
  const id = randomUUID().slice(0, 8);
  return { firstName: 'Ana', lastName: `Ruiz-${id}`, email: `ana-${id}@example.com`, phone: uniquePhone() };
}

const thankYou = (entry?: { reentry: 'never' | 'always'; runKey: 'customerId' }) => ({
  name: 'Thanks',
  triggers: [{ type: 'event' as const, eventName: 'order.created' }],
  ...(entry ? { entry } : {}),
  steps: [{ action: 'send_email' as const, subject: 'Thanks, {{ customer.first_name }}', body: '<p>Thank you.</p>', kind: 'transactional' as const }],
});

/** When a document was created: documents created in one commit share it. */
async function createdAt(ref: FirebaseFirestore.DocumentReference): Promise<Timestamp> {
  const snap = await ref.get();
  expect(snap.exists).toBe(true);
  return snap.createTime!;
}

describe("a triggered run starts in the signal's own commit", () => {
  it('a new customer’s order: the run, its key record and the first message’s journal entry are written with the order’s event, and the email goes out once', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock(T0);
    const playbook = await activePlaybook(t, thankYou());
    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const p = person();
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), person: p });

    const customer = (await customerByEmail(t.orgId, p.email))!;
    const [run] = await runsOf(t.orgId, playbook.id);
    expect(run).toMatchObject({ status: 'completed', customerId: customer.id, keyKind: 'orderId' });
    const tdb = tenantDb(t.orgId);
    const event = (await tdb.events.ref.where('name', '==', 'order.created').where('customerId', '==', customer.id).get()).docs[0]!;
    const keys = await tdb.runKeys.ref.where('lastRunId', '==', run!.id).get();
    expect(keys.size).toBe(1);
    const commit = event.createTime;
    expect((await createdAt(tdb.runs.ref.doc(run!.id))).isEqual(commit)).toBe(true);
    expect(keys.docs[0]!.createTime.isEqual(commit)).toBe(true);
    expect((await createdAt(tdb.runJournal(run!.id).ref.doc(run!.stepResults[0]!.stepId))).isEqual(commit)).toBe(true);
    const sends = await sendsTo(t.orgId, customer.id);
    expect(sends.map((s) => [s.status, s.message.subject])).toEqual([['sent', 'Thanks, Ana']]);
    expect((await tdb.events.get(event.id))!.dispatchedAt).not.toBeNull();
  });

  it('a returning customer: entry rules read in the same commit (never: no second run; always: a second run, also in the commit)', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock(T0);
    const once = await activePlaybook(t, { ...thankYou({ reentry: 'never', runKey: 'customerId' }), name: 'Once' });
    const every = await activePlaybook(t, { ...thankYou({ reentry: 'always', runKey: 'customerId' }), name: 'Every time' });
    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const p = person();
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), person: p });
    clock.advance(30 * MINUTE);
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), person: p });

    const customer = (await customerByEmail(t.orgId, p.email))!;
    expect(await runsOf(t.orgId, once.id)).toHaveLength(1);
    const everyRuns = await runsOf(t.orgId, every.id);
    expect(everyRuns.map((r) => r.status)).toEqual(['completed', 'completed']);
    const tdb = tenantDb(t.orgId);
    const second = everyRuns.find((r) => r.startedAt.getTime() === clock.now().getTime())!;
    const event = await tdb.events.ref.doc(second.trigger.eventId!).get();
    expect((await createdAt(tdb.runs.ref.doc(second.id))).isEqual(event.createTime!)).toBe(true);
    expect(await sendsTo(t.orgId, customer.id)).toHaveLength(3);
  });

  it('a crash after the commit, before the run executes: the tick takes the run over when its lease ends and the email goes once; dispatching again starts nothing', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock(T0);
    const playbook = await activePlaybook(t, thankYou());
    const p = person();
    const { topic, body } = samplePayload('shopify', 'orders/create', { now: clock.now(), uid: nextUid(), person: p });
    const mapped = mapDelivery({ source: 'shopify', topic, body: parseJsonLossless(body), eventKey: `crash-${randomUUID()}`, receivedAt: clock.now() });
    if (mapped.outcome === 'ignored') throw new Error('the sample order was ignored');
    const ctx = { orgId: t.orgId, actor: systemActor('signals'), clock, log: logger(), source: 'shopify' as const, receivedAt: clock.now(), deliveryId: null };
    // The signal applied and committed; the process dies before dispatch.
    const recorded = await applySignal(ctx, mapped.signals[0]!, { deliveryId: null });
    const [leased] = await runsOf(t.orgId, playbook.id);
    expect(leased).toMatchObject({ status: 'running', stepResults: [] });
    expect(leased!.lease!.owner).toMatch(/^event:/);
    const customer = (await customerByEmail(t.orgId, p.email))!;
    expect(await sendsTo(t.orgId, customer.id)).toHaveLength(0);

    // Within the lease nothing takes it; after it, the tick does.
    await tick(t.orgId, clock);
    expect((await runsOf(t.orgId, playbook.id))[0]!.status).toBe('running');
    clock.advance(2 * MINUTE);
    await tick(t.orgId, clock);
    const [run] = await runsOf(t.orgId, playbook.id);
    expect(run!.status).toBe('completed');
    expect((await sendsTo(t.orgId, customer.id)).map((s) => s.status)).toEqual(['sent']);

    // The event was never marked dispatched: dispatching it (the re-dispatch tick) finds the run and starts nothing.
    const event = recorded.toDispatch.find((e) => e.name === 'order.created')!;
    const again = await triggerPlaybooksForEvent({ ...ctx, orgId: t.orgId }, event);
    expect(again.report?.started).toEqual([]);
    expect(await runsOf(t.orgId, playbook.id)).toHaveLength(1);
    expect(await sendsTo(t.orgId, customer.id)).toHaveLength(1);
  });
});

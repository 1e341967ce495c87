// The Integrations page's live delivery list: a read-only copy per delivery (delivery_feed) that
// only owners and admins of the tenant can read, holding only what the list shows, kept in step
// with the delivery by every write that changes it.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, limit, orderBy, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DELIVERY_FEED_FIELDS } from '@/domain/integrations/delivery-feed';
import { rolesFor } from '@/domain/roles';
import { alleavesEnvelope, alleavesOrder } from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { deliveriesWithoutFeedCopy } from '@/server/services/integrations/list-deliveries';
import { replayDelivery } from '@/server/services/integrations/replay-delivery';
import { createTestTenant } from '../support/tenant';
import { deliver, makeEndpoint, settle } from '../support/webhooks';

let env: RulesTestEnvironment;

beforeAll(async () => {
  const [host, port] = inject('firestoreHost').split(':') as [string, string];
  env = await initializeTestEnvironment({
    projectId: `demo-rules-feed-${process.pid}`,
    firestore: { host, port: Number(port), rules: readFileSync('firestore.rules', 'utf8') },
  });
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    const entry = (status: string, endpointId: string) => ({
      endpointId,
      topic: 'order.created',
      status,
      attempts: 1,
      lastError: null,
      receivedAt: new Date(),
      customerIds: [],
    });
    await setDoc(doc(db, 'tenants/org-a/delivery_feed/d1'), entry('processed', 'ep_1'));
    await setDoc(doc(db, 'tenants/org-a/delivery_feed/d2'), entry('failed', 'ep_2'));
    await setDoc(doc(db, 'tenants/org-a/webhook_deliveries/d1'), { headers: { 'x-secret-ish': 'no' }, body: 'payload' });
  });
});

afterAll(async () => {
  await env?.cleanup();
});

describe('firestore.rules for the live delivery list', () => {
  it('lets owners and admins of the tenant read and listen, filtered as the list filters', async () => {
    for (const role of ['owner', 'admin'] as const) {
      const db = env.authenticatedContext(`${role}-a`, { orgId: 'org-a', role }).firestore();
      await assertSucceeds(getDoc(doc(db, 'tenants/org-a/delivery_feed/d1')));
      const all = await assertSucceeds(getDocs(query(collection(db, 'tenants/org-a/delivery_feed'), orderBy('receivedAt', 'desc'), limit(25))));
      expect(all.docs.map((d) => d.id).sort()).toEqual(['d1', 'd2']);
      const failed = await assertSucceeds(
        getDocs(
          query(
            collection(db, 'tenants/org-a/delivery_feed'),
            where('endpointId', '==', 'ep_2'),
            where('status', '==', 'failed'),
            orderBy('receivedAt', 'desc'),
          ),
        ),
      );
      expect(failed.docs.map((d) => d.id)).toEqual(['d2']);
    }
  });

  it('refuses budtenders (the Integrations page is not theirs), other tenants, anonymous visitors and accounts without a role', async () => {
    const budtender = env.authenticatedContext('budtender-a', { orgId: 'org-a', role: 'budtender' }).firestore();
    await assertFails(getDoc(doc(budtender, 'tenants/org-a/delivery_feed/d1')));
    await assertFails(getDocs(collection(budtender, 'tenants/org-a/delivery_feed')));
    const other = env.authenticatedContext('owner-b', { orgId: 'org-b', role: 'owner' }).firestore();
    await assertFails(getDoc(doc(other, 'tenants/org-a/delivery_feed/d1')));
    await assertFails(getDocs(collection(other, 'tenants/org-a/delivery_feed')));
    await assertFails(getDoc(doc(env.unauthenticatedContext().firestore(), 'tenants/org-a/delivery_feed/d1')));
    await assertFails(getDoc(doc(env.authenticatedContext('shopper', { orgId: 'org-a' }).firestore(), 'tenants/org-a/delivery_feed/d1')));
  });

  it('is read-only, and the deliveries themselves (headers, payloads) stay closed', async () => {
    const owner = env.authenticatedContext('owner-a', { orgId: 'org-a', role: 'owner' }).firestore();
    await assertFails(setDoc(doc(owner, 'tenants/org-a/delivery_feed/d3'), { status: 'processed' }));
    await assertFails(updateDoc(doc(owner, 'tenants/org-a/delivery_feed/d1'), { status: 'failed' }));
    await assertFails(deleteDoc(doc(owner, 'tenants/org-a/delivery_feed/d1')));
    await assertFails(getDoc(doc(owner, 'tenants/org-a/webhook_deliveries/d1')));
  });

  it('names in the rules the same roles that manage integrations in the permission table', () => {
    const rules = readFileSync('firestore.rules', 'utf8');
    const listed = /function managesIntegrations\(\) \{\s*return request\.auth\.token\.role in \[([^\]]*)\]/.exec(rules)?.[1];
    expect(listed?.split(',').map((r) => r.trim().replace(/'/g, ''))).toEqual([...rolesFor('integrations:manage')]);
  });
});

describe('the live copy follows the delivery', () => {
  const order = (uid: number) =>
    JSON.stringify(alleavesEnvelope('order.created', { now: new Date(), uid }, { order: alleavesOrder({ now: new Date(), uid }) }));

  it('is written with the delivery and updated with its outcome, holding only the fields the list shows', async () => {
    const t = await createTestTenant('Feed');
    const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
    const res = await deliver(ep, order(randomInt(1e9)));
    expect(res.status).toBe(200);
    await settle();
    const id = res.body.deliveryId as string;
    const stored = await tenantDb(t.orgId).deliveries.getOrThrow(id);
    const copy = (await tenantDb(t.orgId).deliveryFeed.ref.firestore.doc(`tenants/${t.orgId}/delivery_feed/${id}`).get()).data()!;
    expect(Object.keys(copy).sort()).toEqual([...DELIVERY_FEED_FIELDS].sort());
    expect(copy).toMatchObject({ endpointId: ep.id, topic: stored.topic, status: 'processed', attempts: 1, lastError: null, customerIds: stored.customerIds });
    expect(stored.customerIds).toHaveLength(1);
    expect(await deliveriesWithoutFeedCopy(t.ctx('admin'), [id, 'dlv_before_the_feed'])).toEqual(['dlv_before_the_feed']);
  });

  it('shows a dead-lettered delivery with its error, and a replay while it is processed', async () => {
    const t = await createTestTenant('Feed');
    const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
    const uid = randomInt(1e9);
    const { id: _omitted, ...withoutId } = alleavesEnvelope('order.created', { now: new Date(), uid }, { order: alleavesOrder({ now: new Date(), uid }) });
    const res = await deliver(ep, JSON.stringify(withoutId));
    await settle();
    const id = res.body.deliveryId as string;
    const feed = () => tenantDb(t.orgId).deliveryFeed.getOrThrow(id);
    expect(await feed()).toMatchObject({ status: 'dead_letter', attempts: 1, lastError: expect.any(String) });
    // The replay's lease shows at once; its processing (the follow-up the route runs after answering) then settles it.
    const replayed = await replayDelivery(t.ctx('admin'), id);
    expect((await feed()).status).toBe('processing');
    await replayed.followUp.run();
    expect(await feed()).toMatchObject({ status: 'dead_letter', attempts: 2 });
  });
});

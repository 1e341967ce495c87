import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, limit, orderBy, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomInt } from 'node:crypto';
import { notificationAudiencesFor } from '@/domain/notification';
import { rolesFor } from '@/domain/roles';
import { alleavesEnvelope, alleavesInventory } from '@/domain/signals/samples';
import { adminAuth } from '@/server/auth/firebase-auth';
import { tenantDb } from '@/server/db/tenant-db';
import { createNotification } from '@/server/services/notifications/create-notification';
import * as tokenRoute from '@/app/api/auth/firebase-token/route';
import { call } from '../support/http';
import { createTestTenant } from '../support/tenant';
import { deliver, makeEndpoint, settle } from '../support/webhooks';

let env: RulesTestEnvironment;

beforeAll(async () => {
  const [host, port] = inject('firestoreHost').split(':') as [string, string];
  env = await initializeTestEnvironment({
    projectId: `demo-rules-signals-${process.pid}`,
    firestore: { host, port: Number(port), rules: readFileSync('firestore.rules', 'utf8') },
  });
  await env.withSecurityRulesDisabled(async (ctx) => {
    await setDoc(doc(ctx.firestore(), 'tenants/org-a/notifications/n1'), { title: 'Low stock: Blue Dream', audience: 'all_staff', createdAt: new Date() });
    await setDoc(doc(ctx.firestore(), 'tenants/org-a/notifications/n-revenue'), {
      title: 'Top sellers: Blue Dream $4,210.00',
      audience: 'owners_admins',
      createdAt: new Date(),
    });
    // Written before notifications had an audience: counts as owners_admins.
    await setDoc(doc(ctx.firestore(), 'tenants/org-a/notifications/n-legacy'), { title: 'Big order: $512.00', createdAt: new Date() });
    await setDoc(doc(ctx.firestore(), 'tenants/org-a/customers/c1'), { firstName: 'Ada' });
  });
});

afterAll(async () => {
  await env?.cleanup();
});

describe('firestore.rules for notifications', () => {
  it("lets every signed-in staff role of the tenant read (and listen to) its all-staff notifications, as the dashboard's listener asks", async () => {
    for (const role of ['owner', 'admin', 'budtender'] as const) {
      const db = env.authenticatedContext(`${role}-a`, { orgId: 'org-a', role }).firestore();
      await assertSucceeds(getDoc(doc(db, 'tenants/org-a/notifications/n1')));
      const only = notificationAudiencesFor(role);
      const filter = only.length === 1 ? [where('audience', '==', only[0])] : [];
      const listened = await assertSucceeds(getDocs(query(collection(db, 'tenants/org-a/notifications'), ...filter, orderBy('createdAt', 'desc'), limit(10))));
      expect(listened.docs.map((d) => d.id).sort()).toEqual(role === 'budtender' ? ['n1'] : ['n-legacy', 'n-revenue', 'n1']);
    }
  });

  it('keeps notifications carrying revenue (or no audience) from budtenders, by document and by query', async () => {
    const budtender = env.authenticatedContext('budtender-a', { orgId: 'org-a', role: 'budtender' }).firestore();
    await assertFails(getDoc(doc(budtender, 'tenants/org-a/notifications/n-revenue')));
    await assertFails(getDoc(doc(budtender, 'tenants/org-a/notifications/n-legacy')));
    await assertFails(getDocs(query(collection(budtender, 'tenants/org-a/notifications'), orderBy('createdAt', 'desc'), limit(10))));
    await assertFails(getDocs(query(collection(budtender, 'tenants/org-a/notifications'), where('audience', '==', 'owners_admins'))));
    for (const role of ['owner', 'admin']) {
      const db = env.authenticatedContext(`${role}-a`, { orgId: 'org-a', role }).firestore();
      await assertSucceeds(getDoc(doc(db, 'tenants/org-a/notifications/n-revenue')));
      await assertSucceeds(getDoc(doc(db, 'tenants/org-a/notifications/n-legacy')));
    }
  });

  it('names in the rules the same roles that see revenue in the permission table', () => {
    const rules = readFileSync('firestore.rules', 'utf8');
    const listed = /function seesRevenue\(\) \{\s*return request\.auth\.token\.role in \[([^\]]*)\]/.exec(rules)?.[1];
    expect(listed?.split(',').map((r) => r.trim().replace(/'/g, ''))).toEqual([...rolesFor('revenue:read')]);
  });

  it('refuses other tenants, anonymous visitors, accounts without a staff role, and every write', async () => {
    const other = env.authenticatedContext('owner-b', { orgId: 'org-b', role: 'owner' }).firestore();
    await assertFails(getDoc(doc(other, 'tenants/org-a/notifications/n1')));
    await assertFails(getDocs(collection(other, 'tenants/org-a/notifications')));
    const anon = env.unauthenticatedContext().firestore();
    await assertFails(getDoc(doc(anon, 'tenants/org-a/notifications/n1')));
    const noRole = env.authenticatedContext('shopper', { orgId: 'org-a' }).firestore();
    await assertFails(getDoc(doc(noRole, 'tenants/org-a/notifications/n1')));
    const owner = env.authenticatedContext('owner-a', { orgId: 'org-a', role: 'owner' }).firestore();
    await assertFails(setDoc(doc(owner, 'tenants/org-a/notifications/n2'), { title: 'forged' }));
    await assertFails(updateDoc(doc(owner, 'tenants/org-a/notifications/n1'), { title: 'changed' }));
    await assertFails(deleteDoc(doc(owner, 'tenants/org-a/notifications/n1')));
    // The window is only notifications: the rest of the tenant stays closed.
    await assertFails(getDoc(doc(owner, 'tenants/org-a/customers/c1')));
  });
});

describe('staff notifications', () => {
  it('an Alleaves low-stock alert creates one notification, however often it is delivered', async () => {
    const t = await createTestTenant('Notify');
    const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
    const body = JSON.stringify(
      alleavesEnvelope(
        'inventory.low_stock',
        { now: new Date(), uid: randomInt(1e6) },
        { inventory: alleavesInventory({ now: new Date(), uid: 1, quantity: 2, threshold: 5, sku: 'NOPE-1', name: 'Sour Diesel 1g Cart' }) },
      ),
    );
    await deliver(ep, body, { deliveryId: 'ls-1' });
    await deliver(ep, body, { deliveryId: 'ls-2' });
    await settle();
    const notes = (await tenantDb(t.orgId).notifications.ref.get()).docs.map((d) => d.data());
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'low_stock', severity: 'warning', audience: 'all_staff', title: 'Low stock: Sour Diesel 1g Cart' });
    expect(notes[0]!.body).toMatch(/2 left at pinecone-detroit/);
  });

  it('a stock update that crosses the threshold derives inventory.low_stock and notifies', async () => {
    const t = await createTestTenant('Derive');
    const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
    const product = (await import('@/domain/signals/samples')).SAMPLE_PRODUCTS[0]!;
    const send = (quantity: number) =>
      deliver(
        ep,
        JSON.stringify(
          alleavesEnvelope(
            'product.updated',
            { now: new Date(), uid: quantity },
            {
              product: {
                id: 100000,
                sku: product.sku,
                name: product.name,
                category: 'flower',
                price: '35.00',
                low_stock_threshold: 5,
                updated_at: new Date().toISOString(),
              },
            },
          ),
        ),
      );
    await send(1);
    await settle();
    for (const [i, q] of [10, 4, 3].entries()) {
      await deliver(
        ep,
        JSON.stringify(
          alleavesEnvelope(
            'inventory.updated',
            { now: new Date(Date.now() + i * 1000), uid: q },
            { inventory: alleavesInventory({ now: new Date(Date.now() + i * 1000), uid: q, quantity: q, threshold: undefined }) },
          ),
        ),
      );
      await settle();
    }
    const products = (await tenantDb(t.orgId).products.ref.get()).docs.map((d) => d.data());
    expect(products[0]!.stock).toEqual({ 'pinecone-detroit': 3 });
    const lows = (await tenantDb(t.orgId).events.ref.where('name', '==', 'inventory.low_stock').get()).docs.map((d) => d.data());
    // 10 -> 4 crosses the threshold of 5 once; 4 -> 3 is already below it.
    expect(lows).toHaveLength(1);
    expect(lows[0]!.data).toMatchObject({ quantity: 4, previousQuantity: 10, lowStockThreshold: 5 });
    expect((await tenantDb(t.orgId).notifications.ref.get()).size).toBe(1);
  });

  it('createNotification with a dedupe key notifies once', async () => {
    const t = await createTestTenant('Dedupe');
    const a = await createNotification(t.ctx(), { kind: 'playbook', title: 'Call Ada', dedupeKey: 'run-1:step-2' });
    const b = await createNotification(t.ctx(), { kind: 'playbook', title: 'Call Ada', dedupeKey: 'run-1:step-2' });
    expect(a.created).toBe(true);
    expect(b).toMatchObject({ created: false, notification: { id: a.notification.id } });
  });
});

describe('POST /api/auth/firebase-token', () => {
  it("mints a custom token carrying the session's tenant and role, which signs the browser SDK in", async () => {
    const t = await createTestTenant('Token');
    const res = await call(tokenRoute.POST, { method: 'POST', cookie: await t.cookie('budtender') });
    expect(res.status).toBe(200);
    const signIn = await fetch(
      `http://${process.env.FIREBASE_AUTH_EMULATOR_HOST}/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken?key=demo-api-key`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: res.body.token, returnSecureToken: true }),
      },
    );
    const { idToken } = (await signIn.json()) as { idToken: string };
    const decoded = await adminAuth().verifyIdToken(idToken);
    expect(decoded).toMatchObject({ uid: t.users.budtender.uid, orgId: t.orgId, role: 'budtender' });
  });
});

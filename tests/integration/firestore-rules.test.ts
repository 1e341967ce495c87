import { readFileSync } from 'node:fs';
import { assertFails, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { doc, getDoc, setDoc, collection, getDocs } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it, inject } from 'vitest';

// The rules are evaluated by the real emulator, under a project of their own.
let env: RulesTestEnvironment;

beforeAll(async () => {
  const [host, port] = inject('firestoreHost').split(':') as [string, string];
  env = await initializeTestEnvironment({
    projectId: `demo-rules-${process.pid}`,
    firestore: { host, port: Number(port), rules: readFileSync('firestore.rules', 'utf8') },
  });
  await env.withSecurityRulesDisabled(async (ctx) => {
    await setDoc(doc(ctx.firestore(), 'tenants/org-a'), { name: 'A' });
    await setDoc(doc(ctx.firestore(), 'tenants/org-a/customers/c1'), { firstName: 'Ada' });
  });
});

afterAll(async () => {
  await env?.cleanup();
});

describe('firestore.rules', () => {
  it('denies an anonymous browser everything', async () => {
    const db = env.unauthenticatedContext().firestore();
    await assertFails(getDoc(doc(db, 'tenants/org-a/customers/c1')));
    await assertFails(getDocs(collection(db, 'tenants')));
    await assertFails(setDoc(doc(db, 'tenants/org-a/customers/c2'), { firstName: 'Eve' }));
  });

  it("denies signed-in staff direct reads and writes of their own tenant's data by default", async () => {
    const db = env.authenticatedContext('owner-a', { orgId: 'org-a', role: 'owner' }).firestore();
    await assertFails(getDoc(doc(db, 'tenants/org-a/customers/c1')));
    await assertFails(getDoc(doc(db, 'tenants/org-a')));
    await assertFails(setDoc(doc(db, 'tenants/org-a/customers/c1'), { firstName: 'Changed' }));
  });

  it('denies staff of another tenant', async () => {
    const db = env.authenticatedContext('owner-b', { orgId: 'org-b', role: 'owner' }).firestore();
    await assertFails(getDoc(doc(db, 'tenants/org-a/customers/c1')));
  });
});

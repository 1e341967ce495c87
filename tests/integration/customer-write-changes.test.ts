// CustomerCollection.writeChangesIn (src/server/db/tenant-db.ts): the order pipeline and identity
// resolution write only what changed on a stored profile, and the whole profile (its derived
// search keys computed again) when a field others derive from changed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '@/domain/customer';
import { firestore } from '@/server/db/firestore';
import { tenantDb } from '@/server/db/tenant-db';
import { seedCustomer } from '../support/fixtures';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;
beforeAll(async () => {
  t = await createTestTenant();
});

/** Seeds a profile, reads it back as the pipeline would, then plants a marker in its stored search keys. */
async function storedWithMarker(): Promise<Customer> {
  const id = await seedCustomer(t.orgId, { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+13135550142' });
  const before = (await tenantDb(t.orgId).customers.get(id))!;
  // A raw write behind the model's back: only a whole-profile write would compute the keys again.
  await firestore()
    .doc(`tenants/${t.orgId}/customers/${id}`)
    .update({ searchKeys: [...(before.searchKeys ?? []), 'marker'] });
  return before;
}

const write = (before: Customer, after: Customer) => firestore().runTransaction(async (tx) => tenantDb(t.orgId).customers.writeChangesIn(tx, before, after));
const stored = async (id: string) => (await firestore().doc(`tenants/${t.orgId}/customers/${id}`).get()).data()!;

describe('writing a profile’s changes', () => {
  it('an order’s aggregates and segment are written alone: the search keys are not rewritten', async () => {
    const before = await storedWithMarker();
    const later = new Date(before.updatedAt.getTime() + 60_000);
    await write(before, { ...before, lifetimeValueCents: 6_148, orderCount: 1, segment: 'New', updatedAt: later });
    const after = await stored(before.id);
    expect(after.lifetimeValueCents).toBe(6_148);
    expect(after.orderCount).toBe(1);
    expect(after.segment).toBe('New');
    expect(after.updatedAt.toDate()).toEqual(later);
    expect(after.searchKeys).toContain('marker');
    expect(after.firstName).toBe('Ada');
  });

  it('a name change writes the whole profile, its search keys computed again', async () => {
    const before = await storedWithMarker();
    await write(before, { ...before, firstName: 'Augusta', updatedAt: new Date() });
    const after = await stored(before.id);
    expect(after.firstName).toBe('Augusta');
    expect(after.searchKeys).toContain('n:augusta');
    expect(after.searchKeys).not.toContain('marker');
  });

  it('nothing is written when only updatedAt moved', async () => {
    const before = await storedWithMarker();
    const ref = firestore().doc(`tenants/${t.orgId}/customers/${before.id}`);
    const time = (await ref.get()).updateTime!;
    await write(before, { ...before, updatedAt: new Date() });
    expect((await ref.get()).updateTime!.isEqual(time)).toBe(true);
  });

  it('a changed field is still validated: a bad value fails the write and changes nothing', async () => {
    const before = await storedWithMarker();
    await expect(write(before, { ...before, orderCount: -1, updatedAt: new Date() })).rejects.toMatchObject({ code: 'invalid_document' });
    expect((await stored(before.id)).orderCount).toBe(before.orderCount);
  });
});

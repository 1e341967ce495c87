import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alleavesEnvelope, alleavesOrder } from '@/domain/signals/samples/other-samples';
import { tenantDb } from '@/server/db/tenant-db';
import { getCustomerImport } from '@/server/services/crm/customer-import-jobs';
import { startCustomerImport } from '@/server/services/crm/import-customers';
import { systemClock } from '@/domain/clock';
import { logger } from '@/server/log';
import { checkNewProfiles } from '@/server/services/customers/check-new-profiles';
import { listDuplicateProposals } from '@/server/services/customers/find-duplicates';
import { seedCustomer } from '../support/fixtures';
import { deliver, deliveriesOf, makeEndpoint, settle } from '../support/webhooks';
import { createTestTenant, type TestTenant } from '../support/tenant';

/** The tick's duplicate checks, for this tenant alone. */
const checkTick = (t: TestTenant) => checkNewProfiles({ clock: systemClock, log: logger(), deadline: Date.now() + 30_000, orgId: t.orgId });

const customersNamed = async (t: TestTenant, lastName: string) =>
  (await tenantDb(t.orgId).customers.ref.where('lastName', '==', lastName).get()).docs.map((d) => d.data());

describe('a profile created by a signed order', () => {
  it('records the categories the order bought, and is proposed (not merged) as the same person as a same-name, same-birthday customer', async () => {
    const t = await createTestTenant('New profiles at ingest');
    // Already known, by another phone and email: identity cannot match them, the name and birthday can.
    const known = await seedCustomer(t.orgId, {
      firstName: 'Jamie',
      lastName: 'Rivera',
      phone: '+12485550199',
      email: 'jr.old@example.com',
      dateOfBirth: '1991-06-14',
    });
    const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
    const uid = Date.now() % 100_000;
    const person = { firstName: 'Jamie', lastName: 'Rivera', email: `jamie-${randomUUID().slice(0, 6)}@example.com`, phone: '(313) 555-0148' };
    // The sample order carries Flower and Edibles line items and the person's date of birth (1991-06-14).
    const body = alleavesEnvelope(
      'order.created',
      { now: new Date(), uid },
      { order: alleavesOrder({ now: new Date(), uid, person, customerId: 77_000 + uid }) },
    );
    const res = await deliver(ep, JSON.stringify(body));
    expect(res.status).toBe(200);
    await settle();

    // The pipeline delivered as before.
    const [delivery] = await deliveriesOf(t.orgId);
    expect(delivery?.lastError ?? null).toBeNull();
    expect(delivery?.status).toBe('processed');
    const riveras = await customersNamed(t, 'Rivera');
    expect(riveras).toHaveLength(2);
    const created = riveras.find((c) => c.id !== known)!;
    expect(created).toMatchObject({ orderCount: 1, categoriesBought: ['edible', 'flower'] });
    expect((await tenantDb(t.orgId).orders.ref.where('customerId', '==', created.id).get()).size).toBe(1);

    // Checked by the next tick, not by the delivery: proposed on the merges page, with the reason in words; nobody merged.
    expect((await listDuplicateProposals(t.ctx('owner'))).proposals).toEqual([]);
    expect(await checkTick(t)).toMatchObject({ checked: 1, proposed: 1, failed: 0, left: 0 });
    const { proposals } = await listDuplicateProposals(t.ctx('owner'));
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ reasons: ['Same name and date of birth'], score: 80 });
    expect([...proposals[0]!.customerIds].sort()).toEqual([known, created.id].sort());
    expect(riveras.every((c) => !c.mergedInto)).toBe(true);

    // The same order again creates nobody and proposes nothing new.
    await deliver(ep, JSON.stringify(body));
    await settle();
    expect(await customersNamed(t, 'Rivera')).toHaveLength(2);
    expect(await checkTick(t)).toMatchObject({ checked: 0, proposed: 0 });
    expect((await listDuplicateProposals(t.ctx('owner'))).proposals).toHaveLength(1);
  });

  it('proposes nothing for a new customer who only shares a common last name', async () => {
    const t = await createTestTenant('New profiles, no match');
    await seedCustomer(t.orgId, { firstName: 'Sam', lastName: 'Rivera', phone: '+12485550100', dateOfBirth: '1980-01-01' });
    const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
    const uid = (Date.now() % 100_000) + 1;
    const person = { firstName: 'Jamie', lastName: 'Rivera', email: `jamie-${randomUUID().slice(0, 6)}@example.com`, phone: '(313) 555-0148' };
    await deliver(ep, JSON.stringify(alleavesEnvelope('order.created', { now: new Date(), uid }, { order: alleavesOrder({ now: new Date(), uid, person }) })));
    await settle();
    expect(await customersNamed(t, 'Rivera')).toHaveLength(2);
    expect(await checkTick(t)).toMatchObject({ checked: 1, proposed: 0 });
    expect((await listDuplicateProposals(t.ctx('owner'))).proposals).toEqual([]);
  });
});

describe('profiles created by a CSV import', () => {
  it('are proposed as duplicates of a same-name, same-birthday customer, never merged; the import leaves categories empty', async () => {
    const t = await createTestTenant('New profiles at import');
    const known = await seedCustomer(t.orgId, { firstName: 'Ada', lastName: 'Park', phone: '+12485550111', dateOfBirth: '1990-04-23' });
    const csv = [
      'First Name,Last Name,Email,Mobile,DOB',
      'Adá,Park,ada.park@example.com,(313) 555-0142,1990-04-23',
      'Ben,Ray,ben@example.com,(313) 555-0143,1985-02-02',
    ].join('\n');
    const { job, followUp } = await startCustomerImport(t.ctx('owner'), { fileName: 'customers.csv', csvText: csv });
    await followUp.run();
    expect((await getCustomerImport(t.ctx('owner'), job.id)).import.counts).toMatchObject({ created: 2, bad: 0 });
    const parks = await customersNamed(t, 'Park');
    expect(parks).toHaveLength(2);
    const imported = parks.find((c) => c.id !== known)!;
    expect(imported.categoriesBought ?? []).toEqual([]);
    const { proposals } = await listDuplicateProposals(t.ctx('owner'));
    expect(proposals.map((p) => [...p.customerIds].sort())).toEqual([[known, imported.id].sort()]);
    expect(proposals[0]!.reasons).toEqual(['Same name and date of birth']);
    expect(parks.every((c) => !c.mergedInto)).toBe(true);
  });
});

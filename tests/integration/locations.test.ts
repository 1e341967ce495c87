import { randomInt, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/domain/clock';
import { alleavesEnvelope, alleavesOrder } from '@/domain/signals/samples';
import * as locationsRoute from '@/app/api/settings/locations/route';
import * as locationRoute from '@/app/api/settings/locations/[id]/route';
import { tenantDb } from '@/server/db/tenant-db';
import { sendMessage } from '@/server/services/messaging/send-message';
import { runPlaybookManually } from '@/server/services/playbooks/run-playbook-manually';
import { call } from '../support/http';
import { VALID_LOCATION } from '../support/locations-tenancy';
import { setProviderEnv } from '../support/messaging';
import { activePlaybook, runsOf } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { deliver, makeEndpoint, settle } from '../support/webhooks';

let t: TestTenant;
beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Locations');
});

const tag = () => randomUUID().slice(0, 8);
const post = async (body: unknown, role: 'owner' | 'admin' | 'budtender' = 'owner') =>
  call(locationsRoute.POST, { method: 'POST', cookie: await t.cookie(role), body });
const patch = async (id: string, body: unknown, role: 'owner' | 'admin' | 'budtender' = 'owner') =>
  call(locationRoute.PATCH, { method: 'PATCH', cookie: await t.cookie(role), params: { id }, body });
const storedNames = async () => (await tenantDb(t.orgId).locations.ref.get()).docs.map((d) => d.data().name);

describe('locations settings', () => {
  it('an admin adds a store and edits its hours and zone; the list shows it', async () => {
    const name = `Ferndale ${tag()}`;
    const created = await post({ ...VALID_LOCATION, name, externalIds: [`alleaves:fern-${tag()}`] }, 'admin');
    expect(created.status).toBe(201);
    const id = created.body.location.id;
    const sat = [
      { open: '10:00', close: '14:00' },
      { open: '15:00', close: '22:00' },
    ];
    const edited = await patch(id, { timeZone: 'America/Chicago', businessHours: { ...VALID_LOCATION.businessHours, sat } });
    expect(edited.status).toBe(200);
    const stored = await tenantDb(t.orgId).locations.getOrThrow(id);
    expect(stored).toMatchObject({ name, timeZone: 'America/Chicago', businessHours: { sat, sun: [] }, archivedAt: null });
    const list = await call(locationsRoute.GET, { cookie: await t.cookie('owner') });
    expect(list.body.locations.map((l: { name: string }) => l.name)).toContain(name);
  });

  it('refuses a bad zone, bad hours and a bad id with each field named, and stores nothing', async () => {
    const name = `Broken ${tag()}`;
    const res = await post({
      ...VALID_LOCATION,
      name,
      timeZone: 'America/Atlantis',
      businessHours: { ...VALID_LOCATION.businessHours, mon: [{ open: '21:00', close: '09:00' }], tue: [{ open: '9am', close: '17:00' }] },
      externalIds: ['store-12'],
    });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['timeZone', 'businessHours.mon.0.close', 'businessHours.tue.0.open', 'externalIds.0']));
    expect(await storedNames()).not.toContain(name);
  });

  it('an external id belongs to one store: a second store, or an edit, claiming it is refused and changes nothing', async () => {
    const shared = `shopify:${randomInt(1e9)}`;
    const first = await post({ ...VALID_LOCATION, name: `First ${tag()}`, externalIds: [shared] });
    expect(first.status).toBe(201);
    const name = `Second ${tag()}`;
    const dup = await post({ ...VALID_LOCATION, name, externalIds: [`alleaves:x-${tag()}`, shared] });
    expect(dup.status).toBe(422);
    expect(dup.body.error.details.issues).toEqual([{ path: 'externalIds.1', message: `${shared} already belongs to ${first.body.location.name}` }]);
    expect(await storedNames()).not.toContain(name);

    const other = await post({ ...VALID_LOCATION, name: `Other ${tag()}` });
    const steal = await patch(other.body.location.id, { name: 'Renamed', externalIds: [shared] });
    expect(steal.status).toBe(422);
    expect(await tenantDb(t.orgId).locations.getOrThrow(other.body.location.id)).toMatchObject({ name: other.body.location.name, externalIds: [] });
  });

  it('a budtender can neither add nor edit a store', async () => {
    const name = `Budtender ${tag()}`;
    expect((await post({ ...VALID_LOCATION, name }, 'budtender')).status).toBe(403);
    const own = await post({ ...VALID_LOCATION, name: `Kept ${tag()}` });
    expect((await patch(own.body.location.id, { name }, 'budtender')).status).toBe(403);
    expect(await storedNames()).not.toContain(name);
  });

  it('archives instead of deleting: an archived store keeps its data and restores', async () => {
    const own = await post({ ...VALID_LOCATION, name: `Old ${tag()}` });
    const archived = await patch(own.body.location.id, { archived: true });
    expect(archived.body.location.archivedAt).toEqual(expect.any(String));
    const restored = await patch(own.body.location.id, { archived: false });
    expect(restored.body.location).toMatchObject({ archivedAt: null, name: own.body.location.name });
  });
});

describe('orders put at a store, and the customer’s clock', () => {
  async function orderAt(ep: Awaited<ReturnType<typeof makeEndpoint>>, storeId: string, customerId: number, phone: string, email: string) {
    const u = randomInt(1, 800_000);
    const person = { firstName: 'Lee', lastName: 'Coast', email, phone };
    const body = alleavesEnvelope(
      'order.created',
      { now: new Date(), uid: u },
      { order: alleavesOrder({ now: new Date(), uid: u, customerId, person, locationId: storeId }) },
    );
    const res = await deliver(ep, JSON.stringify(body));
    expect(res.status).toBe(200);
    await settle();
    expect((await tenantDb(t.orgId).deliveries.getOrThrow(res.body.deliveryId)).status).toBe('processed');
    return (
      await tenantDb(t.orgId)
        .orders.ref.where('externalId', '==', `alleaves:${9_800_000 + u}`)
        .get()
    ).docs[0]!.data();
  }

  it('maps the POS store to ours, makes it home, and quiet hours follow its zone', async () => {
    const posId = `la-${tag()}`;
    const la = await post({ ...VALID_LOCATION, name: `Venice ${tag()}`, timeZone: 'America/Los_Angeles', externalIds: [`alleaves:${posId}`] });
    const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
    const customerNo = randomInt(1, 800_000);
    const email = `lee-${tag()}@example.com`;
    const phone = `(248) 3${String(randomInt(10, 99))}-${String(randomInt(1000, 9999))}`;

    const order = await orderAt(ep, posId, customerNo, phone, email);
    expect(order).toMatchObject({ locationId: la.body.location.id, sourceLocationId: `alleaves:${posId}` });
    const customer = await tenantDb(t.orgId).customers.getOrThrow(order.customerId!);
    expect(customer).toMatchObject({ homeLocationId: la.body.location.id, timeZone: null });

    // 09:00 in Detroit (the dispensary's zone, open for marketing) is 06:00 in Los Angeles: quiet.
    const clock = new ManualClock('2031-05-07T13:00:00Z');
    const sent = await sendMessage(t.ctx('owner', clock), {
      customerId: customer.id,
      channel: 'sms',
      kind: 'marketing',
      content: { body: 'New pre-rolls are in.' },
      variables: {},
      idempotencyKey: `loc:${randomUUID()}`,
      source: { type: 'manual', actorUid: 'u' },
    });
    expect(sent).toMatchObject({ status: 'deferred', decision: { reason: 'quiet_hours', timeZone: 'America/Los_Angeles' } });
    expect(sent.dueAt?.toISOString()).toBe('2031-05-07T15:00:00.000Z');

    // A playbook's "wait until 10:00 their time" follows the same store: 10:00 in Los Angeles, not Detroit.
    const playbook = await activePlaybook(
      t,
      {
        name: `Local wait ${tag()}`,
        triggers: [{ type: 'manual' }],
        steps: [
          { action: 'wait', untilTime: '10:00' },
          { action: 'add_tag', tag: 'woke' },
        ],
      },
      clock,
    );
    await runPlaybookManually(t.ctx('admin', clock), playbook.id, { customerId: customer.id });
    const [run] = await runsOf(t.orgId, playbook.id);
    expect(run?.resumeAt?.toISOString()).toBe('2031-05-07T17:00:00.000Z');
  });

  it('home moves to the store with most orders; an unknown or archived store puts the order nowhere', async () => {
    const [aPos, bPos] = [`a-${tag()}`, `b-${tag()}`];
    const a = await post({ ...VALID_LOCATION, name: `A ${tag()}`, externalIds: [`alleaves:${aPos}`] });
    const b = await post({ ...VALID_LOCATION, name: `B ${tag()}`, externalIds: [`alleaves:${bPos}`] });
    const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
    const no = randomInt(1, 800_000);
    const email = `split-${tag()}@example.com`;
    const phone = `(248) 4${String(randomInt(10, 99))}-${String(randomInt(1000, 9999))}`;
    const home = async (id: string) => (await tenantDb(t.orgId).customers.getOrThrow(id)).homeLocationId;

    const first = await orderAt(ep, aPos, no, phone, email);
    await orderAt(ep, aPos, no, phone, email);
    await orderAt(ep, bPos, no, phone, email);
    expect(await home(first.customerId!)).toBe(a.body.location.id);
    await orderAt(ep, bPos, no, phone, email);
    expect(await home(first.customerId!)).toBe(b.body.location.id);

    const unknown = await orderAt(ep, `nowhere-${tag()}`, no, phone, email);
    expect(unknown).toMatchObject({ locationId: null, sourceLocationId: expect.stringMatching(/^alleaves:nowhere-/) });
    await patch(a.body.location.id, { archived: true });
    expect((await orderAt(ep, aPos, no, phone, email)).locationId).toBeNull();
    expect(await home(first.customerId!)).toBe(b.body.location.id);
  });
});

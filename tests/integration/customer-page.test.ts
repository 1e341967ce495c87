import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, MINUTE } from '@/domain/clock';
import { consentDisclosure } from '@/domain/messaging/consent-disclosure';
import { canonicalEventId, makeEvent } from '@/domain/events/canonical-event';
import type { Order } from '@/domain/order';
import type { TimelineEntry } from '@/domain/crm/timeline';
import { orderData } from '@/domain/signals/event-builders';
import { tenantDb, tenantsCollection } from '@/server/db/tenant-db';
import { changeCustomerTag, suggestCustomerTags } from '@/server/services/customers/change-customer-tags';
import { addCustomerNote, deleteCustomerNote } from '@/server/services/customers/customer-notes';
import { customerTimelinePage } from '@/server/services/customers/customer-timeline';
import { recordCounterConsent } from '@/server/services/customers/record-counter-consent';
import { getHomeLocation } from '@/server/services/customers/get-home-location';
import { sendMessage } from '@/server/services/messaging/send-message';
import * as consentRoute from '@/app/api/customers/[id]/consent/route';
import * as tagsRoute from '@/app/api/customers/[id]/tags/route';
import * as timelineRoute from '@/app/api/customers/[id]/timeline/route';
import { call } from '../support/http';
import { givePoints } from '../support/loyalty';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

beforeAll(() => setProviderEnv({}));
/** Each test its own dispensary. */
const tenant = () => createTestTenant('Page Dispensary');

function order(customerId: string, at: Date): Order {
  return {
    id: `ord_${randomUUID().slice(0, 12)}`,
    customerId,
    locationId: null,
    source: 'manual',
    externalId: null,
    status: 'completed',
    lineItems: [{ productId: null, sku: null, name: 'Blue Dream 3.5g', category: 'flower', quantity: 2, unitPriceCents: 617, totalCents: 1234 }],
    subtotalCents: 1234,
    discountCents: 0,
    taxCents: 0,
    totalCents: 1234,
    refundedCents: 0,
    placedAt: at,
    number: '#1001',
    createdAt: at,
    updatedAt: at,
  };
}

/** One record in each store the timeline reads, a minute apart, oldest first; returns the summaries newest first. */
async function history(t: TestTenant, customerId: string, clock: ManualClock) {
  const db = tenantDb(t.orgId);
  const owner = t.ctx('owner', clock);
  const step = () => clock.advance(MINUTE);
  const o = order(customerId, clock.now());
  await db.orders.create(o);
  step();
  const refund = makeEvent({
    id: canonicalEventId('standard', `refund-${randomUUID()}`),
    name: 'order.refunded',
    occurredAt: clock.now(),
    receivedAt: clock.now(),
    source: 'standard',
    customerId,
    keys: { customerId, orderId: o.id },
    data: { order: orderData(o), refund: { externalId: 'r1', amountCents: 500, amount: 5, reason: null, refundedAt: clock.now() } },
  } as never);
  await db.events.ref.doc(refund.id).create(db.events.parse({ ...refund, deliveryId: null, processedAt: clock.now(), dispatchedAt: null }));
  step();
  const viewed = makeEvent({
    id: canonicalEventId('track_api', `view-${randomUUID()}`),
    name: 'product.viewed',
    occurredAt: clock.now(),
    receivedAt: clock.now(),
    source: 'track_api',
    customerId,
    keys: { customerId },
    data: {
      product: { id: null, externalId: null, sku: null, name: 'Gummies 10pk', brand: null, category: null, priceCents: null, price: null, active: true },
      context: { anonymousId: null, url: null, locationId: null },
    },
  } as never);
  await db.events.ref.doc(viewed.id).create(db.events.parse({ ...viewed, deliveryId: null, processedAt: clock.now(), dispatchedAt: null }));
  step();
  await sendMessage(owner, {
    customerId,
    channel: 'sms',
    kind: 'marketing',
    content: { body: 'Hi from the shop' },
    idempotencyKey: randomUUID(),
    source: { type: 'manual', actorUid: 'x' },
  });
  step();
  await givePoints(owner, customerId, 40);
  step();
  await db
    .segmentHistory(customerId)
    .create({ id: `seg_${randomUUID()}`, segment: 'VIP', previousSegment: 'Loyal', reason: '12 orders and $1,840 spent.', cause: 'order', at: clock.now() });
  step();
  await recordCounterConsent(t.ctx('budtender', clock), {
    customerId,
    channel: 'email',
    status: 'opted_out',
    disclosure: consentDisclosure('email', 'opted_out', (await tenantsCollection().getOrThrow(t.orgId)).name),
  });
  step();
  await changeCustomerTag(owner, customerId, 'added', 'Regular');
  step();
  await addCustomerNote(t.ctx('budtender', clock), customerId, { text: 'Prefers edibles.' });
  return ['note', 'tag', 'consent', 'segment', 'points', 'message', 'browse', 'refund', 'order'];
}

describe('the customer timeline', () => {
  it('merges every store newest first and pages without gaps or duplicates; a budtender receives no amounts', async () => {
    const t = await tenant();
    const clock = new ManualClock('2031-05-06T16:00:00Z');
    const customerId = await seedMessagingCustomer(t);
    const expected = await history(t, customerId, clock);

    const seen: TimelineEntry[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await customerTimelinePage(t.ctx('owner'), customerId, { limit: 4, cursor });
      expect(page.entries.length).toBeLessThanOrEqual(4);
      seen.push(...page.entries);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.map((e) => e.kind)).toEqual(expected);
    expect(new Set(seen.map((e) => e.key)).size).toBe(seen.length);
    expect(seen.map((e) => e.at.getTime())).toEqual([...seen.map((e) => e.at.getTime())].sort((a, b) => b - a));
    expect(pages).toBe(3);
    const byKind = Object.fromEntries(seen.map((e) => [e.kind, e]));
    expect(byKind.order!.summary).toBe('Order #1001 placed: 2 items, $12.34');
    expect(byKind.refund!.summary).toBe('Refund of $5.00 on order #1001');
    expect(byKind.browse!.summary).toBe('Viewed Gummies 10pk');
    expect(byKind.note).toMatchObject({ summary: 'Prefers edibles.', by: `budtender of ${t.orgId}` });
    expect(byKind.consent).toMatchObject({ summary: 'Customer opted out of marketing email at the counter', by: `budtender of ${t.orgId}` });
    expect(byKind.message!.href).toMatch(/^\/dashboard\/outbox\?id=/);

    // Through the route as a budtender: the same entries, not one amount.
    const bud = await call(timelineRoute.GET, {
      cookie: await t.cookie('budtender'),
      params: { id: customerId },
      path: `/api/customers/${customerId}/timeline?limit=20`,
    });
    expect(bud.status).toBe(200);
    const summaries: string[] = bud.body.entries.map((e: { summary: string }) => e.summary);
    expect(summaries).toContain('Order #1001 placed: 2 items');
    expect(summaries).toContain('Refund on order #1001');
    expect(summaries).toContain('Moved to VIP from Loyal');
    expect(JSON.stringify(bud.body)).not.toMatch(/\$\d|1,840/);
  });

  it('refuses a forged cursor', async () => {
    const t = await tenant();
    const customerId = await seedMessagingCustomer(t);
    await expect(customerTimelinePage(t.ctx('owner'), customerId, { cursor: 'bm90LWpzb24' })).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('tags', () => {
  it('adds with the registry spelling, refuses duplicates in any case, removes, suggests, and leaves search keys alone', async () => {
    const t = await tenant();
    const clock = new ManualClock('2031-05-06T16:00:00Z');
    const owner = t.ctx('owner', clock);
    const a = await seedMessagingCustomer(t, { firstName: 'Ada', lastName: 'Tagged' });
    const b = await seedMessagingCustomer(t, { firstName: 'Bo', lastName: 'Tagged' });
    const keysBefore = (await tenantDb(t.orgId).customers.getOrThrow(a)).searchKeys;
    expect(keysBefore?.length).toBeGreaterThan(0);

    expect((await changeCustomerTag(owner, a, 'added', '  Medical   Card ')).tags).toEqual(['Medical Card']);
    await expect(changeCustomerTag(owner, a, 'added', 'medical card')).rejects.toMatchObject({ code: 'conflict' });
    await expect(changeCustomerTag(owner, a, 'added', 'x'.repeat(41))).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await changeCustomerTag(owner, b, 'added', 'MEDICAL card')).tags).toEqual(['Medical Card']);
    clock.advance(MINUTE);
    await changeCustomerTag(owner, b, 'added', 'Veteran');

    expect(await suggestCustomerTags(owner, 'med')).toEqual(['Medical Card']);
    expect(await suggestCustomerTags(owner, '')).toEqual(['Medical Card', 'Veteran']);
    const registry = await tenantDb(t.orgId).tagRegistry.getOrThrow('registry');
    expect(registry.tags['medical card']).toEqual({ label: 'Medical Card', count: 2 });

    clock.advance(MINUTE);
    await changeCustomerTag(owner, b, 'removed', 'veteran');
    expect(await suggestCustomerTags(owner, '')).toEqual(['Medical Card']);
    await expect(changeCustomerTag(owner, b, 'removed', 'veteran')).rejects.toMatchObject({ code: 'not_found' });

    const after = await tenantDb(t.orgId).customers.getOrThrow(a);
    expect(after.searchKeys).toEqual(keysBefore);
    const timeline = await customerTimelinePage(owner, b, {});
    expect(timeline.entries.filter((e) => e.kind === 'tag').map((e) => e.summary)).toEqual([
      'Tag “Veteran” removed',
      'Tagged “Veteran”',
      'Tagged “Medical Card”',
    ]);
  });

  it('answers suggestions and changes through the route; budtenders are refused and nothing is written', async () => {
    const t = await tenant();
    const a = await seedMessagingCustomer(t);
    const owner = await t.cookie('owner');
    const added = await call(tagsRoute.POST, { method: 'POST', cookie: owner, params: { id: a }, body: { tag: 'Route Tag' } });
    expect(added.status).toBe(200);
    const got = await call(tagsRoute.GET, { cookie: owner, params: { id: a }, path: `/api/customers/${a}/tags?q=rou` });
    expect(got.body).toEqual({ tags: ['Route Tag'], suggestions: ['Route Tag'] });
    const bud = await call(tagsRoute.POST, { method: 'POST', cookie: await t.cookie('budtender'), params: { id: a }, body: { tag: 'Nope' } });
    expect(bud.status).toBe(403);
    expect((await tenantDb(t.orgId).customers.getOrThrow(a)).tags).toEqual(['Route Tag']);
  });
});

describe('staff notes', () => {
  it('any staff member adds; the author, an owner or an admin deletes; another budtender cannot', async () => {
    const t = await tenant();
    const customerId = await seedMessagingCustomer(t);
    const note = await addCustomerNote(t.ctx('budtender'), customerId, { text: '  Asked about CBD for sleep.  ' });
    expect(note.text).toBe('Asked about CBD for sleep.');
    await expect(addCustomerNote(t.ctx('admin'), customerId, { text: 'x'.repeat(1001) })).rejects.toMatchObject({ code: 'validation_failed' });
    const other = { ...t.ctx('budtender'), actor: { ...t.ctx('budtender').actor, uid: 'another-budtender' } };
    await expect(deleteCustomerNote(other, customerId, note.id)).rejects.toMatchObject({ code: 'forbidden' });
    const page = await customerTimelinePage(other, customerId, {});
    expect(page.entries.find((e) => e.kind === 'note')).toMatchObject({ canDelete: false });
    expect((await customerTimelinePage(t.ctx('budtender'), customerId, {})).entries.find((e) => e.kind === 'note')).toMatchObject({ canDelete: true });
    await deleteCustomerNote(t.ctx('budtender'), customerId, note.id);
    const byAdmin = await addCustomerNote(t.ctx('budtender'), customerId, { text: 'Second note' });
    await deleteCustomerNote(t.ctx('admin'), customerId, byAdmin.id);
    expect((await customerTimelinePage(t.ctx('owner'), customerId, {})).entries.filter((e) => e.kind === 'note')).toEqual([]);
  });
});

describe('consent at the counter', () => {
  it('a budtender records an SMS opt-in with source in_store, the disclosure and who recorded it; the gate then sends', async () => {
    const t = await tenant();
    const customerId = await seedMessagingCustomer(t, {
      consent: { email: { status: 'unknown', source: 'test', at: null }, sms: { status: 'opted_out', source: 'sms_reply', at: new Date() } },
    });
    const cookie = await t.cookie('budtender');
    const shown = await call(consentRoute.GET, { cookie, params: { id: customerId } });
    expect(shown.status).toBe(200);
    const disclosure: string = shown.body.disclosures.sms.opted_in;
    expect(disclosure).toContain(`from ${(await tenantsCollection().getOrThrow(t.orgId)).name} at the mobile number`);
    expect(disclosure).toMatch(/not a condition of any purchase.*Message and data rates may apply.*Reply HELP for help and STOP to cancel/);

    const stale = await call(consentRoute.POST, {
      method: 'POST',
      cookie,
      params: { id: customerId },
      body: { channel: 'sms', status: 'opted_in', disclosure: 'Something else' },
    });
    expect(stale.status).toBe(409);
    const sendWhileOut = await sendMessage(t.ctx('owner'), {
      customerId,
      channel: 'sms',
      kind: 'marketing',
      content: { body: 'Deal' },
      idempotencyKey: randomUUID(),
      source: { type: 'manual', actorUid: 'x' },
    });
    expect(sendWhileOut.decision).toMatchObject({ outcome: 'skip', reason: 'opted_out' });

    const res = await call(consentRoute.POST, { method: 'POST', cookie, params: { id: customerId }, body: { channel: 'sms', status: 'opted_in', disclosure } });
    expect(res.status).toBe(200);
    expect(res.body.consent.sms).toMatchObject({ status: 'opted_in', source: 'in_store' });
    const [record] = (await tenantDb(t.orgId).consentEvents.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
    expect(record).toMatchObject({ source: 'in_store', status: 'opted_in', disclosure, actor: t.users.budtender.uid, actorName: `budtender of ${t.orgId}` });

    const sent = await sendMessage(t.ctx('owner'), {
      customerId,
      channel: 'sms',
      kind: 'marketing',
      content: { body: 'Deal' },
      idempotencyKey: randomUUID(),
      source: { type: 'manual', actorUid: 'x' },
    });
    expect(sent.decision.outcome).not.toBe('skip');
    expect(sent.decision.checks.find((c) => c.check === 'consent')?.ok).toBe(true);
  });
});

describe('home store', () => {
  it('names the home location and its time zone, and nothing for an unknown one', async () => {
    const t = await tenant();
    const now = new Date();
    const hours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    await tenantDb(t.orgId).locations.create({
      id: 'loc_west',
      name: 'West Side',
      address: { line1: '1 Main St', city: 'Detroit', region: 'MI', postalCode: '48201', country: 'US' },
      timeZone: 'America/Detroit',
      businessHours: hours,
      createdAt: now,
      updatedAt: now,
    });
    expect(await getHomeLocation(t.ctx('budtender'), 'loc_west')).toEqual({ name: 'West Side', timeZone: 'America/Detroit' });
    expect(await getHomeLocation(t.ctx('budtender'), 'loc_gone')).toBeNull();
    expect(await getHomeLocation(t.ctx('budtender'), null)).toBeNull();
  });
});

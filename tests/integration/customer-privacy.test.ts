// Privacy requests (docs/crm.md, Privacy requests): an owner downloads everything held about one
// customer, then erases them; nothing afterwards can find or show their contact details, while sales
// figures and the points ledger still add up, and the same phone coming back starts a new profile.
import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { standardOrderEvent } from '@/domain/signals/samples';
import * as exportRoute from '@/app/api/customers/[id]/privacy-export/route';
import * as eraseRoute from '@/app/api/customers/[id]/erase/route';
import * as customerRoute from '@/app/api/customers/[id]/route';
import { REDACTION_NOTE } from '@/domain/crm/privacy';
import { tenantDb } from '@/server/db/tenant-db';
import { addCustomerNote } from '@/server/services/customers/customer-notes';
import { changeCustomerTag } from '@/server/services/customers/change-customer-tags';
import { listCustomers } from '@/server/services/customers/list-customers';
import { getSalesOverview } from '@/server/services/dashboard/get-overview';
import { checkLedgerBalances } from '@/server/services/loyalty/check-ledger-balances';
import { previewSend } from '@/server/services/messaging/preview-send';
import { recordConsent } from '@/server/services/messaging/record-consent';
import { sendMessage } from '@/server/services/messaging/send-message';
import { call } from '../support/http';
import { givePoints } from '../support/loyalty';
import { middayClock, setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { deliver, makeEndpoint, settle, type TestEndpoint } from '../support/webhooks';

let t: TestTenant;
let ep: TestEndpoint;
const d4 = String(randomInt(1000, 9999));
const person = { firstName: 'Ada', lastName: 'Quillfeather', email: `ada.quill${d4}@example.com`, phone: `(248) 320-${d4}` };
const e164 = `+1248320${d4}`;
const posId = randomInt(10_000_000, 99_999_999);
let customerId = '';
let orderId = '';

/** A signed standard order for this person; `withConsent: false` sends no consent at all. */
async function order(uid: number, withConsent = true) {
  const body = standardOrderEvent({ now: new Date(), uid, customerId: posId, person });
  if (!withConsent) delete (body.data.order.customer as Partial<typeof body.data.order.customer>).emailConsent;
  const res = await deliver(ep, JSON.stringify(body));
  expect(res.status).toBe(200);
  await settle();
}

const byPhone = async () => (await tenantDb(t.orgId).customers.ref.where('phone', '==', e164).get()).docs.map((d) => d.data());
const contactIn = (json: string) => [person.email, e164, d4 + '', 'Quillfeather'].filter((s) => json.includes(s));

beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Privacy');
  ep = await makeEndpoint(t.ctx('admin'), 'standard');
  await order(randomInt(1, 800_000));
  const [c] = await byPhone();
  customerId = c!.id;
  const db = tenantDb(t.orgId);
  orderId = (await db.orders.ref.where('customerId', '==', customerId).get()).docs[0]!.id;
  // An adult, opted in to texts at the counter, with a text sent, a note, a tag and points.
  await db.customers.update(customerId, { dateOfBirth: '1990-04-21' });
  await recordConsent(t.ctx('owner'), { customerId, channel: 'sms', status: 'opted_in', source: 'in_store' });
  const clock = middayClock();
  const sms = await sendMessage(t.ctx('owner', clock), {
    customerId,
    channel: 'sms',
    kind: 'marketing',
    templateId: 'points_reminder_sms',
    idempotencyKey: `privacy:${customerId}`,
    source: { type: 'manual', actorUid: t.users.owner.uid },
    variables: {},
  });
  expect(sms.status).toBe('sent');
  expect(sms.to).toBe(e164);
  await addCustomerNote(t.ctx('owner'), customerId, { text: `Ada asked us to call ${e164}` });
  await changeCustomerTag(t.ctx('owner'), customerId, 'added', 'Medical');
  await givePoints(t.ctx('owner'), customerId, 50);
});

describe('download everything we hold', () => {
  it('gives owners a dated JSON file with each kind of record, and logs who asked', async () => {
    const res = await call(exportRoute.GET, { cookie: await t.cookie('owner'), params: { id: customerId } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="customer-${customerId}-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
    const body = res.body as {
      profile: { email: string };
      loyaltyAccount: { balance: number };
      sections: Record<string, { rows: unknown[]; truncated: boolean }>;
    };
    expect(body.profile.email).toBe(person.email);
    // The order earned points too; the 50 given are on top.
    expect(body.loyaltyAccount.balance).toBeGreaterThanOrEqual(50);
    for (const kind of ['orders', 'messages', 'consentHistory', 'pointsLines', 'events', 'notes', 'tagHistory', 'segmentHistory']) {
      expect(body.sections[kind]!.rows.length, kind).toBeGreaterThan(0);
      expect(body.sections[kind]!.truncated).toBe(false);
    }
    expect(body.sections.playbookRuns).toEqual({ rows: [], truncated: false });
    expect(JSON.stringify(body.sections.messages)).toContain('Hi Ada');
    expect(JSON.stringify(body.profile)).not.toContain('searchKeys');
    const log = (await tenantDb(t.orgId).privacyRequests.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
    expect(log).toEqual([expect.objectContaining({ kind: 'export', actorUid: t.users.owner.uid, status: 'completed', reason: null })]);
  });

  it('refuses admins and budtenders', async () => {
    for (const role of ['admin', 'budtender'] as const) {
      expect((await call(exportRoute.GET, { cookie: await t.cookie(role), params: { id: customerId } })).status).toBe(403);
    }
  });
});

describe('erase this customer', () => {
  it('refuses admins, budtenders, a missing reason and a wrong name, and changes nothing', async () => {
    const erase = async (role: 'owner' | 'admin' | 'budtender', body: unknown) =>
      (await call(eraseRoute.POST, { method: 'POST', cookie: await t.cookie(role), params: { id: customerId }, body })).status;
    expect(await erase('admin', { reason: 'asked by email', confirm: 'ERASE' })).toBe(403);
    expect(await erase('budtender', { reason: 'asked by email', confirm: 'ERASE' })).toBe(403);
    expect(await erase('owner', { confirm: 'ERASE' })).toBe(422);
    expect(await erase('owner', { reason: 'asked by email', confirm: 'Ada Lovelace' })).toBe(422);
    expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).email).toBe(person.email);
  });

  it('leaves nothing that finds or shows them, keeps sales and points adding up, and the phone starts anew', async () => {
    const db = tenantDb(t.orgId);
    const salesBefore = await getSalesOverview(t.ctx('owner'));
    const pointsBefore = (await db.loyaltyAccounts.getOrThrow(customerId)).balance;
    const res = await call(eraseRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('owner'),
      params: { id: customerId },
      body: { reason: 'Customer asked in store to be forgotten', confirm: 'ada quillfeather' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', counts: { sendsRedacted: 1, notesDeleted: 1, ordersUnlinked: 1, deliveriesEmptied: 1 } });
    expect(res.body.counts.identitiesReleased).toBeGreaterThanOrEqual(2);

    // No search finds them: name, last four digits, email prefix, the whole email, the POS id.
    for (const q of ['quillfeather', 'ada quill', d4, `ada.quill${d4.slice(0, 2)}@`, person.email, String(posId)]) {
      expect(
        (await listCustomers(t.ctx('owner'), { q })).customers.map((c) => c.id),
        q,
      ).not.toContain(customerId);
    }
    const profile = await db.customers.getOrThrow(customerId);
    expect(profile).toMatchObject({ firstName: '', lastName: '', email: null, phone: null, dateOfBirth: null, tags: [], externalIds: [], searchKeys: [] });
    expect(profile.erasedAt).toBeInstanceOf(Date);
    expect(profile.erasedBy).toBe(t.users.owner.uid);
    expect(profile.consent.sms.status).toBe('unknown');

    // The customer API, their sends, events, notes and identity keys hold no contact details.
    const api = await call(customerRoute.GET, { cookie: await t.cookie('owner'), params: { id: customerId } });
    expect(api.status).toBe(200);
    expect(contactIn(JSON.stringify(api.body))).toEqual([]);
    const sends = (await db.sends.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
    expect(sends.map((s) => [s.to, s.message.text])).toEqual([[null, REDACTION_NOTE]]);
    expect(contactIn(JSON.stringify(sends))).toEqual([]);
    const events = (await db.events.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
    expect(events.length).toBeGreaterThan(0);
    expect(contactIn(JSON.stringify(events))).toEqual([]);
    expect(JSON.stringify(events)).not.toContain('"Ada"');
    expect((await db.customerNotes(customerId).ref.get()).size).toBe(0);
    const deliveries = (await db.deliveries.ref.where('customerIds', 'array-contains', customerId).get()).docs.map((d) => d.data());
    expect(deliveries.map((d) => d.bodyBytes)).toEqual([0]);
    expect(contactIn(Buffer.from(deliveries[0]!.body).toString('utf8'))).toEqual([]);
    expect((await db.identities.ref.where('customerId', '==', customerId).get()).size).toBe(0);

    // A render for them cannot reach what is gone.
    const preview = await previewSend(t.ctx('owner', middayClock()), {
      customerId,
      channel: 'sms',
      kind: 'marketing',
      templateId: 'points_reminder_sms',
      variables: {},
    });
    expect(preview.decision.outcome).toBe('skip');
    expect(contactIn(JSON.stringify(preview))).toEqual([]);
    expect(JSON.stringify(preview)).not.toContain('Ada');

    // The order stays, unlinked; the dashboard's sales figures are unchanged; the ledger adds up.
    expect((await db.orders.getOrThrow(orderId)).customerId).toBeNull();
    expect(await getSalesOverview(t.ctx('owner'))).toEqual(salesBefore);
    expect((await db.loyaltyAccounts.getOrThrow(customerId)).balance).toBe(pointsBefore);
    const check = await checkLedgerBalances(t.ctx('owner'), { from: new Date(0), to: new Date(Date.now() + 86_400_000), day: 'privacy-test' });
    expect(check.checked).toBeGreaterThan(0);
    expect(check.mismatches).toBe(0);

    // Logged with who, when and why, and no contact details.
    const log = (await db.privacyRequests.ref.where('kind', '==', 'erase').get()).docs.map((d) => d.data());
    expect(log).toEqual([
      expect.objectContaining({ customerId, actorUid: t.users.owner.uid, reason: 'Customer asked in store to be forgotten', status: 'completed' }),
    ]);
    expect(contactIn(JSON.stringify(log))).toEqual([]);

    // The same phone, email and POS id coming back, with no consent given: a new profile, consent unknown.
    await order(randomInt(800_001, 1_600_000), false);
    const [fresh, ...others] = await byPhone();
    expect(others).toHaveLength(0);
    expect(fresh!.id).not.toBe(customerId);
    expect(fresh!.consent.sms.status).toBe('unknown');
    expect(fresh!.consent.email.status).toBe('unknown');
    expect((await db.customers.getOrThrow(customerId)).email).toBeNull();
  });

  it('erasing again finishes the job and writes nothing twice', async () => {
    const res = await call(eraseRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('owner'),
      params: { id: customerId },
      body: { reason: 'Second pass', confirm: 'ERASE' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'completed',
      counts: { sendsRedacted: 0, eventsRedacted: 0, deliveriesEmptied: 0, notesDeleted: 0, ordersUnlinked: 0, identitiesReleased: 0 },
    });
  });
});

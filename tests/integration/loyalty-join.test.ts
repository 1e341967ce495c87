import { beforeEach, describe, expect, it } from 'vitest';
import * as joinRoute from '@/app/api/join/[slug]/route';
import { tenantDb, tenantsCollection } from '@/server/db/tenant-db';
import { joinByAddress, joinByPhone } from '@/server/http/with-public-form';
import { issueJoinFormToken } from '@/server/services/loyalty/join-loyalty';
import { call } from '../support/http';
import { seedCustomer } from '../support/fixtures';
import { createTestTenant } from '../support/tenant';

let n = 0;
const ip = () => `203.0.113.${(n++ % 250) + 1}`;
const phone = () => `+1313${String(2_000_000 + Math.floor(Math.random() * 7_000_000))}`;

async function setup() {
  const t = await createTestTenant('Join');
  const slug = (await tenantsCollection().getOrThrow(t.orgId)).slug!;
  // Shown ten seconds ago: past the minimum fill time without the test waiting.
  const formToken = await issueJoinFormToken(t.orgId, new Date(Date.now() - 10_000));
  return { t, slug, formToken };
}

const person = (formToken: string, over: Record<string, unknown> = {}) => ({
  firstName: 'Jo',
  lastName: 'Member',
  phone: phone(),
  email: '',
  dateOfBirth: '1990-04-21',
  smsConsent: true,
  emailConsent: false,
  website: '',
  formToken,
  ...over,
});

function post(slug: string, body: unknown, from = ip()) {
  return call(joinRoute.POST, { method: 'POST', params: { slug }, body, headers: { 'x-forwarded-for': from, origin: 'http://localhost' } });
}

async function customersWithPhone(orgId: string, p: string) {
  return (await tenantDb(orgId).customers.ref.where('phone', '==', p).get()).docs.map((d) => d.data());
}

describe('joining from the join page', () => {
  beforeEach(() => {
    joinByAddress.reset();
    joinByPhone.reset();
  });

  it('creates the member with each consent recorded on its own: source join_page, time, address, disclosure', async () => {
    const { t, slug, formToken } = await setup();
    const body = person(formToken, { phone: '(313) 555-0187', email: 'Jo@Example.com', smsConsent: true, emailConsent: false });
    const res = await post(slug, body, '198.51.100.7');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ status: 'joined', message: expect.stringContaining('Welcome') });
    const [c] = await customersWithPhone(t.orgId, '+13135550187');
    expect(c).toMatchObject({ firstName: 'Jo', email: 'jo@example.com', dateOfBirth: '1990-04-21' });
    expect(c!.consent.sms).toMatchObject({ status: 'opted_in', source: 'join_page' });
    expect(c!.consent.sms.at).toBeInstanceOf(Date);
    expect(c!.consent.email).toMatchObject({ status: 'unknown', at: null });
    const events = (await tenantDb(t.orgId).consentEvents.ref.where('customerId', '==', c!.id).get()).docs.map((d) => d.data());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ channel: 'sms', status: 'opted_in', source: 'join_page', note: expect.stringContaining('IP 198.51.100.7') });
    expect(events[0]!.note).toContain('join-v1');
  });

  it('an existing phone is told "already a member", with nothing about them and no second profile', async () => {
    const { t, slug, formToken } = await setup();
    const p = phone();
    await seedCustomer(t.orgId, { phone: p, firstName: 'Secret', lastName: 'Person', email: 'secret@example.com' });
    const res = await post(slug, person(formToken, { phone: p }));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('already_member');
    expect(JSON.stringify(res.body)).not.toMatch(/Secret|secret@|cus_/);
    expect(await customersWithPhone(t.orgId, p)).toHaveLength(1);
    // Two sign-ups with one new number at once still make one member.
    const q = phone();
    const both = await Promise.all([post(slug, person(formToken, { phone: q })), post(slug, person(formToken, { phone: q }))]);
    expect(both.map((r) => r.body.status).sort()).toEqual(['already_member', 'joined']);
    expect(await customersWithPhone(t.orgId, q)).toHaveLength(1);
  });

  it('refuses bots: a filled honeypot, a form posted too fast, a token from another dispensary; nothing stored', async () => {
    const { t, slug, formToken } = await setup();
    const other = await createTestTenant('Other');
    const cases = [
      person(formToken, { website: 'http://spam.example' }),
      person(await issueJoinFormToken(t.orgId, new Date())),
      person(await issueJoinFormToken(other.orgId, new Date(Date.now() - 10_000))),
      person(`${formToken.split('.')[0]}.forged`),
    ];
    for (const body of cases) {
      const res = await post(slug, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(await customersWithPhone(t.orgId, body.phone as string)).toHaveLength(0);
    }
  });

  it('refuses under-21s and invalid details with the field named; limits per address and per phone', async () => {
    const { t, slug, formToken } = await setup();
    const young = `${new Date().getUTCFullYear() - 20}-01-01`;
    const res = await post(slug, person(formToken, { dateOfBirth: young }));
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues).toEqual([{ path: 'dateOfBirth', message: 'You must be 21 or older to join' }]);
    const bad = await post(slug, person(formToken, { phone: '12', emailConsent: true }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'phone']);

    const p = phone();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(slug, person(formToken, { phone: p }))).status);
    expect(statuses).toEqual([201, 200, 200, 429]);
    const address = '192.0.2.99';
    const byAddress = [];
    for (let i = 0; i < 11; i++) byAddress.push((await post(slug, person(formToken), address)).status);
    expect(byAddress.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(byAddress[10]).toBe(429);
    expect((await tenantDb(t.orgId).customers.ref.get()).size).toBe(11);
  });

  it('an unknown slug is 404; a form from another site is refused', async () => {
    const { slug, formToken } = await setup();
    expect((await post('no-such-dispensary', person(formToken))).status).toBe(404);
    const cross = await call(joinRoute.POST, { method: 'POST', params: { slug }, body: person(formToken), headers: { origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import * as joinRoute from '@/app/api/join/[slug]/route';
import { ManualClock } from '@/domain/clock';
import { AppError } from '@/domain/errors';
import { jsonWithBigInts, shopifyOrder } from '@/domain/signals/samples';
import { tenantDb, tenantsCollection } from '@/server/db/tenant-db';
import { joinByAddress, joinByPhone } from '@/server/http/with-public-form';
import { ensureReferralCode } from '@/server/services/loyalty/get-my-loyalty';
import { issueJoinFormToken } from '@/server/services/loyalty/join-loyalty';
import { getLoyaltySettings } from '@/server/services/loyalty/loyalty-settings';
import { saveLoyaltySettings } from '@/server/services/loyalty/save-loyalty-settings';
import { signUpMember } from '@/server/services/loyalty/sign-up-member';
import { explainCustomerBalance } from '@/server/services/loyalty/explain-customer-balance';
import { call } from '../support/http';
import { setProviderEnv } from '../support/messaging';
import { nextUid, shopify } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { deliver, makeEndpoint, settle, type TestEndpoint } from '../support/webhooks';

// The sample order earns 53 points; the default referral bonuses are 200 (referrer) and 100 (the new member).

const person = (first: string) => {
  const n = nextUid();
  return { firstName: first, lastName: 'Test', email: `${first.toLowerCase()}-${n}@example.com`, phone: `+1313${String(2_000_000 + (n % 7_000_000))}` };
};

async function setup(name: string) {
  setProviderEnv({});
  const t = await createTestTenant(name);
  const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
  const slug = (await tenantsCollection().getOrThrow(t.orgId)).slug!;
  return { t, ep, slug };
}

/** A member signed up at the counter, with their referral code. */
async function referrer(t: TestTenant, first = 'Maria') {
  const p = person(first);
  const { customer } = await signUpMember(t.ctx('budtender'), { ...p, dateOfBirth: '1985-02-03', smsConsent: false, emailConsent: false });
  return { ...p, id: customer.id, code: await ensureReferralCode(t.ctx('owner'), customer.id) };
}

async function join(slug: string, orgId: string, body: Record<string, unknown>) {
  const formToken = await issueJoinFormToken(orgId, new Date(Date.now() - 10_000));
  return call(joinRoute.POST, {
    method: 'POST',
    params: { slug },
    body: { dateOfBirth: '1990-04-21', smsConsent: false, emailConsent: false, website: '', email: '', formToken, ...body },
    headers: { 'x-forwarded-for': `203.0.113.${nextUid() % 250}`, origin: 'http://localhost' },
  });
}

const customerByPhone = async (orgId: string, phone: string) => (await tenantDb(orgId).customers.ref.where('phone', '==', phone).get()).docs[0]!.data();
const referralLines = async (orgId: string, customerId: string) =>
  (await tenantDb(orgId).loyaltyLines.ref.where('customerId', '==', customerId).where('type', '==', 'referral').get()).docs.map((d) => d.data());

/** A first (or later) purchase by this person, as a signed Shopify webhook with their own store customer id. */
const buy = (clock: ManualClock, ep: TestEndpoint, p: ReturnType<typeof person>, uid = nextUid()) =>
  shopify(clock, ep, 'orders/create', { uid, person: p, customerId: Number(p.phone.slice(-7)) });

describe('referrals', () => {
  beforeEach(() => {
    joinByAddress.reset();
    joinByPhone.reset();
  });

  it('join page with a code, then a first purchase credits both sides once; a redelivery and a second order credit nothing', async () => {
    const { t, ep, slug } = await setup('Referrals join');
    const clock = new ManualClock(new Date());
    const maria = await referrer(t);
    const dana = person('Dana');
    const res = await join(slug, t.orgId, { ...dana, referralCode: maria.code.toLowerCase() });
    expect(res.status).toBe(201);
    const joined = await customerByPhone(t.orgId, dana.phone);
    expect(joined.referredBy).toMatchObject({ code: maria.code, customerId: maria.id, source: 'join_page' });
    // Nothing is credited before a purchase.
    expect(await referralLines(t.orgId, maria.id)).toEqual([]);

    const uid = nextUid();
    await buy(clock, ep, dana, uid);
    const danaAfter = await customerByPhone(t.orgId, dana.phone);
    expect(danaAfter.id).toBe(joined.id);
    expect(danaAfter.pointsBalance).toBe(53 + 100);
    expect((await customerByPhone(t.orgId, maria.phone)).pointsBalance).toBe(200);
    const [mine] = await referralLines(t.orgId, maria.id);
    expect(mine).toMatchObject({
      points: 200,
      idempotencyKey: `referral:${joined.id}:referrer`,
      source: { referralId: joined.id },
      reason: 'Dana joined with their code',
    });
    expect(mine!.availableAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(mine!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 360 * 86_400_000);
    expect(await tenantDb(t.orgId).referrals.getOrThrow(joined.id)).toMatchObject({
      status: 'credited',
      referrerId: maria.id,
      referrerPoints: 200,
      referredPoints: 100,
    });

    // Redelivered, then a second order: nothing more for either side.
    await buy(clock, ep, dana, uid);
    await buy(clock, ep, dana);
    expect(await referralLines(t.orgId, maria.id)).toHaveLength(1);
    expect(await referralLines(t.orgId, joined.id)).toHaveLength(1);
    expect((await customerByPhone(t.orgId, maria.phone)).pointsBalance).toBe(200);
    expect((await customerByPhone(t.orgId, dana.phone)).pointsBalance).toBe(53 + 53 + 100);

    // Mrs. Parker's answer names the referral in plain words.
    const why = await explainCustomerBalance(t.ctx('owner'), maria.id);
    expect(why.lines.map((l) => l.text)).toContain('Referral bonus of 200 points: Dana joined with their code');
  });

  it('an unknown code is a 422 on the field; nothing is created', async () => {
    const { t, slug } = await setup('Referrals unknown');
    const dana = person('Dana');
    const res = await join(slug, t.orgId, { ...dana, referralCode: 'ZZZZ2222' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues).toEqual([{ path: 'referralCode', message: 'This referral code was not found' }]);
    expect((await tenantDb(t.orgId).customers.ref.where('phone', '==', dana.phone).get()).empty).toBe(true);
  });

  it('the tablet: a referrer with the same email is refused with the reason; a valid code is recorded', async () => {
    const { t } = await setup('Referrals tablet');
    const maria = await referrer(t);
    const staff = t.ctx('budtender');
    const twin = { ...person('Twin'), email: maria.email.toUpperCase() };
    const refused = await signUpMember(staff, { ...twin, dateOfBirth: '1990-01-01', smsConsent: false, emailConsent: false, referralCode: maria.code }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toBe('This referral code belongs to someone with the same email.');
    const dana = person('Dana');
    const { customer } = await signUpMember(staff, { ...dana, dateOfBirth: '1990-01-01', smsConsent: false, emailConsent: false, referralCode: maria.code });
    expect(customer.referredBy).toMatchObject({ customerId: maria.id, source: 'in_store' });
    expect((await tenantDb(t.orgId).customers.getOrThrow(customer.id)).referredBy?.code).toBe(maria.code);
  });

  it('a storefront order using a referral code as a discount code links a new customer and credits both; their own code or a returning customer’s is ignored', async () => {
    const { t, ep } = await setup('Referrals storefront');
    const maria = await referrer(t);
    const withCode = (p: ReturnType<typeof person>, code: string) =>
      jsonWithBigInts({
        ...shopifyOrder({ now: new Date(), uid: nextUid(), person: p, customerId: nextUid() }),
        discount_codes: [{ code, amount: '0.00' }, { code: 'SPRING10' }],
      });

    const sam = person('Sam');
    expect((await deliver(ep, withCode(sam, maria.code), { topic: 'orders/create' })).status).toBe(200);
    await settle();
    const linked = await customerByPhone(t.orgId, sam.phone);
    expect(linked.referredBy).toMatchObject({ code: maria.code, customerId: maria.id, source: 'storefront_order' });
    expect(linked.pointsBalance).toBe(153);
    expect((await customerByPhone(t.orgId, maria.phone)).pointsBalance).toBe(200);

    // Maria using her own code on her order: no link, no bonus.
    expect((await deliver(ep, withCode(maria, maria.code), { topic: 'orders/create' })).status).toBe(200);
    await settle();
    const self = await customerByPhone(t.orgId, maria.phone);
    expect(self.referredBy).toBeUndefined();
    expect(self.pointsBalance).toBe(200 + 53);

    // Sam's second order with Maria's code changes nothing; Lee, who bought before, is not linked by a later order.
    const lee = person('Lee');
    await buy(new ManualClock(new Date(Date.now() - 86_400_000)), ep, lee);
    expect((await deliver(ep, withCode(lee, maria.code), { topic: 'orders/create' })).status).toBe(200);
    await settle();
    expect((await customerByPhone(t.orgId, lee.phone)).referredBy).toBeUndefined();
    expect(await referralLines(t.orgId, maria.id)).toHaveLength(1);
  });

  it('a referrer past the monthly cap gets nothing for the extra referral; the new member still gets theirs', async () => {
    const { t, ep, slug } = await setup('Referrals cap');
    const owner = t.ctx('owner');
    const current = await getLoyaltySettings(owner);
    await saveLoyaltySettings(owner, { ...current, points: { ...current.points, referral: { ...current.points.referral, maxRewardsPerMonth: 1 } } });
    const clock = new ManualClock(new Date());
    const maria = await referrer(t);
    const [dana, sam] = [person('Dana'), person('Sam')];
    for (const p of [dana, sam]) expect((await join(slug, t.orgId, { ...p, referralCode: maria.code })).status).toBe(201);
    await buy(clock, ep, dana);
    await buy(clock, ep, sam);
    expect((await customerByPhone(t.orgId, maria.phone)).pointsBalance).toBe(200);
    expect(await referralLines(t.orgId, maria.id)).toHaveLength(1);
    const samNow = await customerByPhone(t.orgId, sam.phone);
    expect(samNow.pointsBalance).toBe(153);
    expect(await tenantDb(t.orgId).referrals.getOrThrow(samNow.id)).toMatchObject({
      status: 'refused_cap',
      referrerPoints: 0,
      referredPoints: 100,
      reason: expect.stringContaining('at most 1 a month'),
    });
  });
});

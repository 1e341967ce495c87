import { randomInt } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { LOGINS, signIn } from './helpers';

// The e2e stack's Firestore emulator, reached through the validated data layer: the PIN is read
// from the outbox as the customer would read it on their phone, and the consent record is checked.
async function dataLayer() {
  process.env.FIRESTORE_EMULATOR_HOST = `127.0.0.1:${process.env.E2E_FIRESTORE_PORT ?? '18180'}`;
  process.env.FIREBASE_PROJECT_ID = 'demo-bakedbot-e2e';
  process.env.GCLOUD_PROJECT = 'demo-bakedbot-e2e';
  const { tenantDb } = await import('../src/server/db/tenant-db');
  const { postPoints } = await import('../src/server/services/loyalty/post-points');
  return { db: tenantDb('demo-pinecone'), postPoints };
}

async function touchTargetsAtLeast48(page: Page) {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('main button, main input, main a')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0 && (r.height < 48 || r.width < 48))
      .map(({ el, r }) => `${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
  expect(small, 'touch targets under 48 px').toEqual([]);
}

async function noSidewaysScroll(page: Page) {
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);
}

test('a budtender signs a customer up with consent, finds them, redeems with the texted PIN and hands over the coupon', async ({ page }) => {
  test.setTimeout(180_000);
  const { db, postPoints } = await dataLayer();
  const local = `313${String(2_000_000 + randomInt(7_000_000))}`;
  const phone = `+1${local}`;
  const shown = `(${local.slice(0, 3)}) ${local.slice(3, 6)}-${local.slice(6)}`;

  await page.setViewportSize({ width: 1024, height: 768 });
  await signIn(page, LOGINS.budtender);
  await page.clock.install();
  await page.goto('/loyalty-tablet');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/rewards$/);
  // No dashboard chrome on the kiosk.
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await touchTargetsAtLeast48(page);

  // (1) Sign-up: two separate consent boxes, both unticked until the customer ticks one.
  await page.getByRole('button', { name: 'Sign up a new member' }).click();
  const sms = page.getByRole('checkbox', { name: /Text messages/ });
  const email = page.getByRole('checkbox', { name: /^Email/ });
  await expect(sms).not.toBeChecked();
  await expect(email).not.toBeChecked();
  await expect(page.getByText(/Reply STOP to cancel/)).toBeVisible();
  await page.getByLabel('First name').fill('Robin');
  await page.getByLabel('Last name').fill('Tablet');
  await page.getByLabel('Mobile number').fill(shown);
  await page.getByLabel('Date of birth').fill('2010-04-01');
  await sms.check();
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Members must be 21 or older');
  await page.getByLabel('Date of birth').fill('1990-04-01');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Welcome, Robin! They are a member now.');
  await touchTargetsAtLeast48(page);

  const customer = (await db.customers.ref.where('phone', '==', phone).get()).docs.map((d) => d.data());
  expect(customer).toHaveLength(1);
  const member = customer[0]!;
  expect(member.consent.sms).toMatchObject({ status: 'opted_in', source: 'in_store' });
  expect(member.consent.email.status).toBe('unknown');
  const consent = (await db.consentEvents.ref.where('customerId', '==', member.id).get()).docs.map((d) => d.data());
  expect(consent).toEqual([expect.objectContaining({ channel: 'sms', status: 'opted_in', source: 'in_store', actor: expect.any(String) })]);

  // Points to spend: an opening balance through the ledger.
  await postPoints({ orgId: 'demo-pinecone', actor: { kind: 'system', uid: 'system:e2e' }, clock: { now: () => new Date() } }, member.id, [
    {
      key: `opening:e2e:${member.id}`,
      posting: { kind: 'credit', type: 'opening_balance', points: 150, availableAt: new Date(Date.now() - 60_000), expiresAt: null },
      actor: { kind: 'system', id: 'system:e2e', name: 'e2e' },
    },
  ]);

  // (2) Look them up by phone at the other orientation: balance, tier, progress.
  await page.getByRole('button', { name: 'Next customer' }).click();
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByLabel('Customer’s mobile number').fill(shown);
  const lookup = page.waitForResponse((r) => r.url().includes('/api/loyalty/tablet/members?phone='));
  await page.getByRole('button', { name: 'Find member' }).click();
  const body = await (await lookup).text();
  expect(body).not.toMatch(/lifetimeValue|tierSpend|orderCount|avgOrder/);
  await expect(page.getByRole('heading', { name: /Robin Tablet/ })).toBeVisible();
  await expect(page.getByTestId('member-points')).toHaveText('150');
  await expect(page.getByTestId('member-tier')).toHaveText('Bronze');
  await expect(page.getByRole('progressbar', { name: 'Progress to Silver' })).toHaveAttribute('aria-valuenow', '0');
  await noSidewaysScroll(page);
  await touchTargetsAtLeast48(page);

  // (3) Only what they can afford can be picked.
  await expect(page.getByRole('button', { name: /\$10 off your order/ })).toBeDisabled();
  await page.getByRole('button', { name: /\$5 off your order/ }).click();

  // (4) The PIN, texted and read from the outbox, then the coupon.
  await page.getByRole('button', { name: 'Text a PIN to the customer' }).click();
  await expect(page.getByText(/PIN sent to/)).toBeVisible();
  const sends = (await db.sends.ref.where('to', '==', phone).get()).docs.map((d) => d.data());
  const pin = sends.map((s) => /PIN is (\d{6})/.exec(s.message.text)?.[1]).find(Boolean);
  expect(pin).toMatch(/^\d{6}$/);
  await page.getByLabel('PIN from the customer’s text').fill(pin === '111111' ? '222222' : '111111');
  await page.getByRole('button', { name: 'Redeem' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong PIN: 4 tries left.');
  await page.getByLabel('PIN from the customer’s text').fill(pin!);
  await page.getByRole('button', { name: 'Redeem' }).click();
  await expect(page.getByTestId('coupon-code')).toHaveText(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
  await expect(page.getByTestId('coupon-qr')).toBeVisible();
  await expect(page.getByText('Worth $5.00 off')).toBeVisible();
  const code = (await page.getByTestId('coupon-code').textContent())!.replace(/-/g, '');
  expect((await db.loyaltyCoupons.getOrThrow(code)).status).toBe('issued');
  await noSidewaysScroll(page);
  await touchTargetsAtLeast48(page);

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('member-points')).toHaveText('50');
  // 50 left: the reward is out of reach now, and the coupon is listed as not used yet.
  await expect(page.getByRole('button', { name: /^\$5 off your order 100 points/ })).toBeDisabled();
  await expect(page.getByRole('button', { name: /^\$5 off your order [A-Z2-9]{4}-/ })).toBeVisible();

  // Left alone, the tablet locks back to the lookup screen and forgets the customer.
  await page.clock.fastForward('02:01');
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Locked after being idle: the last customer was cleared.');
  await expect(page.getByLabel('Customer’s mobile number')).toHaveValue('');
  await expect(page.getByText('Robin Tablet')).toHaveCount(0);
});

// The customer's side of loyalty, as people use it: joining on a phone from the QR code's page,
// reaching their own page with the code from the outbox, and the owner's settings (on a tablet)
// appearing on the public menu.
import { expect, test } from '@playwright/test';
import { LOGINS, signIn } from './helpers';

const SLUG = 'pinecone';

/** The 6-digit code in the latest message to this phone's customer, read from the e2e stack's outbox. */
async function codeFromOutbox(phone: string): Promise<string> {
  process.env.FIRESTORE_EMULATOR_HOST = `127.0.0.1:${process.env.E2E_FIRESTORE_PORT ?? '18180'}`;
  process.env.FIREBASE_PROJECT_ID = 'demo-bakedbot-e2e';
  process.env.GCLOUD_PROJECT = 'demo-bakedbot-e2e';
  const { tenantDb } = await import('../src/server/db/tenant-db');
  const db = tenantDb('demo-pinecone');
  const customer = (await db.customers.ref.where('phone', '==', phone).limit(1).get()).docs[0]?.data();
  if (!customer) throw new Error('the new member is not stored');
  const sends = (await db.sends.ref.where('customerId', '==', customer.id).get()).docs.map((d) => d.data());
  const text = sends.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]?.message.text ?? '';
  const code = text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error('no code in the outbox');
  return code;
}

test.describe('loyalty on the phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a customer joins from the join page and reaches their own page with a code', async ({ page }) => {
    const local = `313${String(2_000_000 + Math.floor(Math.random() * 7_000_000))}`;
    const phone = `+1${local}`;
    await page.goto(`/join/${SLUG}`);
    await expect(page.getByRole('heading', { name: /Join Pinecone Provisions/ })).toBeVisible({ timeout: 45_000 });
    await page.getByLabel('First name').fill('Phoebe');
    await page.getByLabel('Last name').fill('Phone');
    await page.getByLabel('Mobile number').fill(local);
    await page.getByLabel('Date of birth').fill('1991-07-04');
    const sms = page.getByRole('checkbox', { name: /Text me offers/ });
    const email = page.getByRole('checkbox', { name: /Email me offers/ });
    await expect(sms).not.toBeChecked();
    await expect(email).not.toBeChecked();
    await expect(page.getByText(/Message frequency varies\. Msg & data rates may apply\. Reply STOP to cancel, HELP for help\./)).toBeVisible();
    await sms.check();
    // A person takes more than the minimum fill time.
    await page.waitForTimeout(3_500);
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByTestId('join-result')).toContainText('Welcome');

    await page.getByRole('link', { name: 'See your points' }).click();
    await expect(page.getByRole('heading', { name: 'See your points' })).toBeVisible();
    await page.getByLabel('Mobile number').fill(local);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await expect(page.getByRole('status')).toContainText('6-digit code');
    await page.getByLabel('6-digit code').fill(await codeFromOutbox(phone));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Hi Phoebe' })).toBeVisible();
    await expect(page.getByTestId('my-available')).toHaveText('0');
    await expect(page.getByTestId('referral-code')).toHaveText(/^[A-Z2-9]{8}$/);
    await expect(page.getByText(/Spend \$[\d,]+ more to reach Silver/)).toBeVisible();
    // Joining again with the same number: told, not duplicated.
    await page.goto(`/join/${SLUG}`);
    await page.getByLabel('First name').fill('Phoebe');
    await page.getByLabel('Mobile number').fill(local);
    await page.getByLabel('Date of birth').fill('1991-07-04');
    await page.waitForTimeout(3_500);
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByTestId('join-result')).toContainText("You're already a member");
  });
});

test.describe('loyalty settings on a tablet', () => {
  test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });

  test('the owner saves the menu display and the public menu shows it', async ({ page }) => {
    await signIn(page, LOGINS.owner);
    await page.goto('/dashboard/settings/loyalty');
    const tabs = page.getByRole('tablist', { name: 'Loyalty settings' });
    await expect(tabs.getByRole('tab')).toHaveText(['Points', 'Tiers', 'Segments', 'Redemptions', 'Menu Display']);
    // Keyboard: from Points, Left wraps to Menu Display.
    await tabs.getByRole('tab', { name: 'Points' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(tabs.getByRole('tab', { name: 'Menu Display' })).toHaveAttribute('aria-selected', 'true');
    await expect(tabs.getByRole('tab', { name: 'Menu Display' })).toBeFocused();
    const tagline = `Double points on Tuesdays ${Date.now()}`;
    await page.getByLabel('Tagline').fill(tagline);
    await page.getByRole('checkbox', { name: 'Senior discount' }).check();
    await page.getByLabel('Senior discount percent').fill('12');
    await page.getByRole('button', { name: 'Save loyalty settings' }).click();
    await expect(page.getByRole('status')).toContainText('Loyalty settings saved');
    await expect(page.getByRole('table', { name: 'Recent changes to the loyalty settings' })).toContainText('menu.tagline');

    // An invalid reward is refused with the field named, on its tab.
    await tabs.getByRole('tab', { name: 'Redemptions' }).click();
    await page.getByLabel('Points cost').first().fill('0');
    await page.getByRole('button', { name: 'Save loyalty settings' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('1 field needs a change');
    await expect(page.getByText(/^Points cost: /)).toBeVisible();

    await page.goto(`/menu/${SLUG}`);
    const bar = page.getByTestId('loyalty-bar');
    await expect(bar).toContainText(tagline);
    await expect(bar).toContainText('Senior: 12% off');
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  });

  test('an admin reads the settings but cannot save them', async ({ page }) => {
    await signIn(page, LOGINS.admin);
    await page.goto('/dashboard/settings/loyalty');
    await expect(page.getByText('Only owners change it.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save loyalty settings' })).toHaveCount(0);
  });
});

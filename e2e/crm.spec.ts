import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { LOGINS, signIn, whenHydrated } from './helpers';

// The CRM as staff use it: find someone at the counter by the last four digits of their phone,
// tag them, record their consent, import a CSV with two bad rows, and send a campaign to a segment.

test.describe('CRM', () => {
  test('find a customer by the last four digits of their phone, tag them, and record their SMS consent at the counter', async ({ page }) => {
    await signIn(page, LOGINS.owner, '/dashboard/customers');
    const listed = await page.request.get('/api/customers?limit=25');
    expect(listed.ok()).toBe(true);
    const { customers } = (await listed.json()) as { customers: Array<{ id: string; firstName: string; lastName: string; phone: string | null }> };
    const who = customers.find((c) => c.phone && c.firstName);
    expect(who, 'a demo customer with a phone').toBeTruthy();

    await page.goto('/dashboard/customers');
    await page.getByLabel('Search').fill(who!.phone!.slice(-4));
    await page.getByRole('button', { name: 'Search and filter' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${who!.phone!.slice(-4)}`));
    await page
      .getByRole('link', { name: new RegExp(`${who!.firstName} ${who!.lastName}`) })
      .first()
      .click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/customers/${who!.id}`));

    const tag = `e2e-${randomUUID().slice(0, 6)}`;
    await whenHydrated(page.getByLabel('Add a tag'));
    await page.getByLabel('Add a tag').fill(tag);
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect(page.getByRole('list', { name: 'Tags' }).getByText(tag)).toBeVisible();

    const sms = page.getByTestId('consent-sms');
    const optIn = sms.getByRole('button', { name: 'Record SMS opt-in' });
    await whenHydrated(sms.getByRole('button').first());
    if (await optIn.isVisible()) {
      await optIn.click();
      await expect(sms.getByTestId('disclosure-sms')).toContainText('Pinecone');
      await sms.getByRole('button', { name: 'Customer agrees: record SMS opt-in' }).click();
      await expect(sms.getByText('SMS opt-in recorded.')).toBeVisible();
    } else {
      await sms.getByRole('button', { name: 'Record SMS opt-out' }).click();
      await sms.getByRole('button', { name: 'Record SMS opt-out' }).click();
      await expect(sms.getByText('SMS opt-out recorded.')).toBeVisible();
    }
    await expect(sms.getByText(/recorded at the counter/).first()).toBeVisible();
  });

  test('import a small CSV: two bad rows reported, the good rows imported', async ({ page }) => {
    await signIn(page, LOGINS.owner, '/dashboard/customers/import');
    const n = randomUUID().slice(0, 6);
    const csv = [
      'First name,Last name,Email,Phone',
      `Ima,Import${n},ima.${n}@example.com,+1313${2_000_000 + Math.floor(Math.random() * 7_999_999)}`,
      `Otto,Import${n},otto.${n}@example.com,`,
      `Bad,Phone${n},,12`,
      `Bad,Email${n},not-an-email,`,
    ].join('\n');
    await whenHydrated(page.getByLabel('CSV file with a header row'));
    await page.getByLabel('CSV file with a header row').setInputFiles({ name: `import-${n}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const start = page.getByRole('button', { name: 'Import 2 customers' });
    await expect(start).toBeVisible({ timeout: 30_000 });
    const bad = page.getByRole('region', { name: 'Rows that will not be imported' });
    await expect(bad.getByRole('listitem')).toHaveCount(2);
    await expect(bad).toContainText('Line 4:');
    await expect(bad).toContainText('Line 5:');
    await start.click();
    await expect(page.getByText(/Done: 2 created/)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('link', { name: /Download the rows not imported/ })).toBeVisible();
  });

  test('send a campaign to a segment and find its messages in the outbox', async ({ page }) => {
    // The smaller demo dispensary, so the campaign reaches a handful of customers, not hundreds.
    await signIn(page, LOGINS.riverbendOwner, '/dashboard/campaigns');
    let segment: string | null = null;
    for (const s of ['Loyal', 'Frequent', 'Casual', 'VIP', 'High Value', 'New', 'Slipping', 'At Risk', 'Churned']) {
      const res = await page.request.post('/api/campaigns/audience', { data: { segment: s, channel: 'email', templateId: 'win_back' } });
      expect(res.ok()).toBe(true);
      const a = (await res.json()) as { inSegment: number; send: number; deferred: number };
      if (a.inSegment > 0 && a.send + a.deferred > 0) {
        segment = s;
        break;
      }
    }
    expect(segment, 'a demo segment with someone the gate lets through').not.toBeNull();

    const name = `E2E ${segment} campaign ${randomUUID().slice(0, 4)}`;
    await whenHydrated(page.getByRole('button', { name: 'Check the audience' }));
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Segment').selectOption(segment!);
    await page.getByLabel('Message').selectOption({ label: 'Win-back' });
    await page.getByRole('button', { name: 'Check the audience' }).click();
    await expect(page.getByText(new RegExp(`customers in ${segment}`))).toBeVisible();
    await page.getByRole('button', { name: /^Send now to \d+ customers$/ }).click();
    await expect(page.getByText(`“${name}” is sending. Its progress is below.`)).toBeVisible();

    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
    await expect(card.getByText('Done', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(card.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await card.getByRole('link', { name: 'See the messages in the outbox' }).click();
    await expect(page).toHaveURL(/\/dashboard\/outbox/);
    await expect(page.getByRole('link', { name: `Campaign “${name}”` }).first()).toBeVisible();
  });

  test("Craig writes a campaign's message: his draft is saved as a template and chosen", async ({ page }) => {
    await signIn(page, LOGINS.riverbendOwner, '/dashboard/campaigns');
    await whenHydrated(page.getByRole('button', { name: 'Ask Craig for a draft' }));
    await page.getByRole('radio', { name: 'SMS' }).check();
    await page.getByRole('button', { name: 'Ask Craig for a draft' }).click();
    await page.getByLabel('Goal').fill('Win back regulars who stopped visiting');
    await page.getByRole('button', { name: 'Write a draft' }).click();
    // Without an Anthropic key Craig offers the dispensary's own texts; either way "Use" saves one.
    await page.getByTestId('craig-draft').getByRole('button', { name: 'Use' }).first().click();
    await expect(page.getByText(/^Saved as the template “Craig: .+” and chosen as the campaign's message\.$/)).toBeVisible();
    await expect(page.getByLabel('Message')).toHaveValue(/^craig_/);
  });

  test('merge a duplicate: two profiles of one person become one', async ({ page }) => {
    await signIn(page, LOGINS.owner, '/dashboard/tasks');
    // Letters only: a word mixing letters and digits is read as an external id by the search.
    const n = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
    const last = `Dupe${n}`;
    const csv = [
      'First name,Last name,Email,Date of birth',
      `Dee,${last},dee.one.${n}@example.com,1988-03-04`,
      `Dee,${last},dee.two.${n}@example.com,1988-03-04`,
    ].join('\n');
    const started = await page.request.post('/api/customers/import', { data: { fileName: `dupes-${n}.csv`, csvText: csv } });
    expect(started.status()).toBe(202);
    const { import: job } = (await started.json()) as { import: { id: string } };
    await expect
      .poll(async () => ((await (await page.request.get(`/api/customers/import/${job.id}`)).json()) as { import: { status: string } }).import.status, {
        timeout: 60_000,
      })
      .toBe('completed');
    const found = (await (await page.request.get(`/api/customers?q=${last}`)).json()) as { customers: Array<{ id: string }> };
    expect(found.customers).toHaveLength(2);

    await page.goto(`/dashboard/customers/${found.customers[0]!.id}`);
    const card = page.getByTestId('customer-duplicates');
    const review = card.getByRole('button', { name: `Review merge of Dee ${last} into this profile` });
    const preview = card.getByRole('region', { name: `Merge Dee ${last} into Dee ${last}?` });
    await whenHydrated(review);
    // A click in the moment React takes the server's markup over can reach no handler (CI lost one
    // after the hydration check passed): click again until the preview opens. Asking twice is harmless.
    await expect(async () => {
      if (!(await preview.isVisible())) await review.click();
      await expect(preview).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
    await card.getByRole('button', { name: 'Merge into this profile' }).click();
    await expect(card.getByText(`Dee ${last} was merged into this profile.`, { exact: false })).toBeVisible();
    const after = (await (await page.request.get(`/api/customers?q=${last}`)).json()) as { customers: Array<{ id: string }> };
    expect(after.customers.map((c) => c.id)).toEqual([found.customers[0]!.id]);
  });
});

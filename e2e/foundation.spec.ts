import { expect, test } from '@playwright/test';
import { LOGINS, signIn } from './helpers';

test.describe('signing in by role', () => {
  test('a visitor without a session is sent to the sign-in page and back afterwards', async ({ page }) => {
    await page.goto('/dashboard/customers');
    await expect(page).toHaveURL(/\/login\?next=%2Fdashboard%2Fcustomers/);
    await page.getByLabel('Email').fill(LOGINS.admin.email);
    await page.getByLabel('Password').fill(LOGINS.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/dashboard\/customers$/);
    await expect(page.getByRole('heading', { name: 'Customers', exact: true })).toBeVisible();
  });

  test('a wrong password is refused with a clear message', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(LOGINS.owner.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText(/do not match/);
    await expect(page).toHaveURL(/\/login/);
  });

  test('the owner sees every section, the sales chart, and manages staff', async ({ page }) => {
    await signIn(page, LOGINS.owner);
    await expect(page.getByTestId('tenant-name')).toHaveText(/Pinecone Provisions/);
    await expect(page.getByTestId('user-role')).toHaveText('Owner');
    const nav = page.getByRole('navigation', { name: 'Main' }).last();
    for (const item of ['Overview', 'Customers', 'Playbooks', 'Loyalty', 'Analytics', 'Integrations', 'Settings']) {
      await expect(nav.getByRole('link', { name: item })).toBeVisible();
    }
    await expect(page.getByRole('img', { name: /Gross sales per week/ })).toBeVisible();

    await page.goto('/dashboard/settings/staff');
    await expect(page.getByRole('heading', { name: 'Staff', exact: true })).toBeVisible();
    const email = `e2e-${Date.now()}@pinecone.example`;
    await page.getByLabel('Name', { exact: true }).fill('E2E Budtender');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption('budtender');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    const password = await page.getByTestId('temporary-password').textContent();
    expect(password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    await expect(page.getByTestId(`staff-row-${email}`)).toBeVisible();

    // The new member signs in with the one-time password and gets the budtender's view.
    await page.getByRole('button', { name: 'Sign out' }).last().click();
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, { email, password: password! });
    await expect(page.getByTestId('user-role')).toHaveText('Budtender');
  });

  test('the admin sees operations but is refused the staff page', async ({ page }) => {
    await signIn(page, LOGINS.admin);
    await expect(page.getByTestId('user-role')).toHaveText('Admin');
    const nav = page.getByRole('navigation', { name: 'Main' }).last();
    await expect(nav.getByRole('link', { name: 'Integrations' })).toBeVisible();
    const res = await page.goto('/dashboard/settings/staff');
    expect(res?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: /cannot open this page/ })).toBeVisible();
  });

  test('the budtender sees the counter view and is refused revenue, settings and staff', async ({ page }) => {
    await signIn(page, LOGINS.budtender);
    await expect(page.getByTestId('user-role')).toHaveText('Budtender');
    const nav = page.getByRole('navigation', { name: 'Main' }).last();
    await expect(nav.getByRole('link', { name: 'Customers' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Analytics' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Settings' })).toHaveCount(0);
    await expect(page.getByRole('img', { name: /Gross sales/ })).toHaveCount(0);
    for (const path of ['/dashboard/settings/staff', '/dashboard/analytics', '/dashboard/settings']) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
    }
    const api = await page.request.get('/api/staff');
    expect(api.status()).toBe(403);
  });

  test("another tenant's data is unreachable, by page and by API", async ({ page, browser }) => {
    // Find a Riverbend customer as Riverbend's owner…
    const other = await browser.newPage();
    await signIn(other, LOGINS.riverbendOwner);
    const list = await other.request.get('/api/customers?limit=1');
    const riverbendCustomer = (await list.json()).customers[0];
    expect(riverbendCustomer?.id).toBeTruthy();
    await other.close();

    // …then try to open it as Pinecone's owner.
    await signIn(page, LOGINS.owner);
    const res = await page.goto(`/dashboard/customers/${riverbendCustomer.id}`);
    expect(res?.status()).toBe(404);
    const api = await page.request.get(`/api/customers/${riverbendCustomer.id}`);
    expect(api.status()).toBe(404);
    const search = await page.request.get(`/api/customers?q=${encodeURIComponent(riverbendCustomer.email ?? riverbendCustomer.lastName)}`);
    expect((await search.json()).customers.map((c: { id: string }) => c.id)).not.toContain(riverbendCustomer.id);
  });

  test('customers are searchable and open to a profile with orders', async ({ page }) => {
    await signIn(page, LOGINS.budtender);
    await page.goto('/dashboard/customers');
    const firstRow = page.getByRole('table', { name: 'Customers' }).getByRole('link').first();
    const name = (await firstRow.textContent())!;
    await page.getByLabel('Search').fill(name.split(' ')[0]!);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name }).first().click();
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Recent orders' })).toBeVisible();
  });

  test('signing out ends the session', async ({ page }) => {
    await signIn(page, LOGINS.owner);
    await page.getByRole('button', { name: 'Sign out' }).last().click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login/);
  });
});

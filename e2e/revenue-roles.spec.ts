import { expect, test, type Page } from '@playwright/test';
import { LOGINS, signIn } from './helpers';

/** Money anywhere in the page, including the data the server sent for client components. */
const MONEY = /lifetimeValueCents|avgOrderValueCents|totalCents|unitPriceCents|subtotalCents|grossSales/;
const DOLLARS = /\$\d/;

async function openFirstCustomer(page: Page) {
  await page.goto('/dashboard/customers');
  await page.getByRole('table', { name: 'Customers' }).getByRole('link').first().click();
  await expect(page.getByRole('table', { name: 'Recent orders' })).toBeVisible();
}

test.describe('revenue by role, on the pages', () => {
  test('a budtender sees customers, what they bought and their points, and no money anywhere in the page', async ({ page }) => {
    await signIn(page, LOGINS.budtender);
    expect(await page.content()).not.toMatch(MONEY);
    await page.goto('/dashboard/customers');
    const table = page.getByRole('table', { name: 'Customers' });
    await expect(table.getByRole('columnheader', { name: 'Orders' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Lifetime value' })).toHaveCount(0);
    await expect(page.getByLabel('Sort by').locator('option', { hasText: 'Lifetime value' })).toHaveCount(0);
    expect(await page.locator('main').innerText()).not.toMatch(DOLLARS);
    expect(await page.content()).not.toMatch(MONEY);

    await openFirstCustomer(page);
    await expect(page.getByRole('heading', { name: 'Points', level: 2 })).toBeVisible();
    await expect(page.getByText('Lifetime value')).toHaveCount(0);
    await expect(page.getByText('Average order')).toHaveCount(0);
    const orders = page.getByRole('table', { name: 'Recent orders' });
    await expect(orders.getByRole('columnheader', { name: 'Items' })).toBeVisible();
    await expect(orders.getByRole('columnheader', { name: 'Total' })).toHaveCount(0);
    await expect(orders.getByRole('row').nth(1)).toContainText('×');
    expect(await page.locator('main').innerText()).not.toMatch(DOLLARS);
    expect(await page.content()).not.toMatch(MONEY);
  });

  test('an owner sees the same pages with lifetime value, averages and order totals', async ({ page }) => {
    await signIn(page, LOGINS.owner);
    await page.goto('/dashboard/customers');
    await expect(page.getByRole('table', { name: 'Customers' }).getByRole('columnheader', { name: 'Lifetime value' })).toBeVisible();
    expect(await page.locator('main').innerText()).toMatch(DOLLARS);
    await openFirstCustomer(page);
    await expect(page.getByText('Lifetime value')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Recent orders' }).getByRole('columnheader', { name: 'Total' })).toBeVisible();
  });
});

import { randomInt } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { LOGINS } from './helpers';

/** Signs in from the page itself (the sign-in page sends people back where they were going). */
async function signInTo(page: Page, path: string, who: { email: string; password: string }) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

test.describe('staff tasks', () => {
  test('an admin writes a task about a customer for budtenders, who see it; the admin marks it done and can reopen it', async ({ page }) => {
    await signInTo(page, '/dashboard/tasks', LOGINS.admin);
    await expect(page.getByRole('heading', { name: 'Tasks', exact: true })).toBeVisible();
    await expect(
      page
        .getByRole('navigation', { name: 'Main' })
        .last()
        .getByRole('link', { name: /^Tasks/ }),
    ).toHaveAttribute('aria-current', 'page');
    const customer = (await (await page.request.get('/api/customers?limit=1&sort=name')).json()).customers[0] as {
      id: string;
      firstName: string;
      lastName: string;
    };
    const customerName = `${customer.firstName} ${customer.lastName}`;
    // The nav badge counts the open tasks this person can see.
    const openCount = async () => {
      const badge = page.getByTestId('nav-badge-Tasks');
      return (await badge.count()) ? Number(/\d+/.exec(await badge.innerText())![0]) : 0;
    };
    const openBefore = await openCount();

    // Submitting without a title names the field inline and creates nothing.
    await page.getByRole('button', { name: 'New task' }).click();
    const form = page.getByRole('region', { name: 'New task' });
    await expect(form.getByLabel('Title')).toBeFocused();
    await form.getByRole('button', { name: 'Create task' }).click();
    await expect(form.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText('Give the task a title')).toBeVisible();
    await expect(form.getByRole('alert')).toHaveText('Some fields are not valid.');

    const title = `Call about the special order ${randomInt(1e6)}`;
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Assign to').selectOption({ label: 'Budtenders' });
    await form.getByLabel('Due').fill('2030-05-04T15:30');
    await form.getByLabel('Details').fill('They asked for the 1g cart to be held.');
    await form.getByLabel('Find customer').fill(customerName);
    await expect(form.getByLabel('Customer', { exact: true })).toHaveValue(customer.id);
    await form.getByRole('button', { name: 'Create task' }).click();
    await expect(form.getByRole('status')).toHaveText(`Task “${title}” created for budtenders.`);

    const table = page.getByRole('table', { name: 'Tasks' });
    const row = table.getByRole('row').filter({ hasText: title });
    await expect(row).toBeVisible();
    await expect(row.getByRole('link', { name: customerName })).toHaveAttribute('href', `/dashboard/customers/${customer.id}`);
    await expect(row).toContainText('Sat, May 4, 2030, 3:30 PM');
    await expect(row).toContainText('Budtenders');
    await expect(row).toContainText('Manual');
    await expect.poll(openCount).toBe(openBefore + 1);

    // The budtender sees it in their inbox.
    const budtender = await page.context().browser()!.newPage();
    await signInTo(budtender, '/dashboard/tasks', LOGINS.budtender);
    await expect(budtender.getByRole('table', { name: 'Tasks' }).getByRole('row').filter({ hasText: title })).toBeVisible();
    await expect(budtender.getByRole('region', { name: 'New task' })).toHaveCount(0);
    await budtender.close();

    // Done from the keyboard: the row says so, announces it, and offers Reopen in its place.
    await row.getByRole('button', { name: `Mark “${title}” done` }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('task-notice')).toHaveText(`“${title}” marked done.`);
    await expect(page.getByTestId('task-notice')).toHaveAttribute('role', 'status');
    await expect(row.getByText('Done', { exact: true })).toBeVisible();
    await expect(row.getByRole('button', { name: `Reopen “${title}”` })).toBeFocused();
    await expect.poll(openCount).toBe(openBefore);

    await page.getByRole('navigation', { name: 'Task status' }).getByRole('link', { name: 'Done' }).click();
    await expect(page).toHaveURL(/status=done/);
    const doneRow = page.getByRole('table', { name: 'Tasks' }).getByRole('row').filter({ hasText: title });
    await expect(doneRow).toContainText(/Done.*by /);

    // Reopen puts it back among the open tasks.
    await doneRow.getByRole('button', { name: `Reopen “${title}”` }).click();
    await expect(page.getByTestId('task-notice')).toHaveText(`“${title}” reopened.`);
    await page.getByRole('navigation', { name: 'Task status' }).getByRole('link', { name: 'Open' }).click();
    await expect(page.getByRole('table', { name: 'Tasks' }).getByRole('row').filter({ hasText: title }).getByRole('button', { name: 'Done' })).toBeVisible();

    // The customer's profile lists it among their open tasks.
    await page.goto(`/dashboard/customers/${customer.id}`);
    const onProfile = page.getByRole('region', { name: 'Open tasks' });
    await expect(onProfile.getByText(title)).toBeVisible();
    const all = onProfile.getByRole('link', { name: 'All tasks for this customer' });
    await expect(all).toHaveAttribute('href', `/dashboard/tasks?customerId=${customer.id}&status=all`);
    await page.goto((await all.getAttribute('href'))!);
    await expect(page.getByRole('table', { name: 'Tasks' }).getByRole('row').filter({ hasText: title })).toBeVisible();
  });
});

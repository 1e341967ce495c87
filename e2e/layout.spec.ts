import { randomInt } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { LOGINS, signIn } from './helpers';

const TABLETS = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
];

test.describe('the dashboard on a tablet', () => {
  test('every page fits the width at 1024×768 and 768×1024, tables included, and times are the dispensary’s', async ({ page }) => {
    // Two dozen page loads on a production server of a busy two-CPU machine.
    test.setTimeout(240_000);
    await signIn(page, LOGINS.owner);
    // A task with a long title and a customer, so the tasks table has a full row to fit.
    const customer = (await (await page.request.get('/api/customers?limit=1')).json()).customers[0] as { id: string };
    const title = `Hold the 1g cart and the pre-roll sampler for the weekend pickup ${randomInt(1e6)}`;
    const created = await page.request.post('/api/tasks', {
      data: { title, customerId: customer.id, assignRole: 'budtender', dueAt: '2030-05-04T15:30:00-04:00' },
    });
    expect(created.status()).toBe(201);
    const paths = [
      '/dashboard',
      '/dashboard/customers',
      `/dashboard/customers/${customer.id}`,
      '/dashboard/tasks',
      '/dashboard/playbooks',
      '/dashboard/messages',
      '/dashboard/outbox',
      '/dashboard/integrations',
      '/dashboard/settings/staff',
    ];
    for (const size of TABLETS) {
      await page.setViewportSize(size);
      for (const path of paths) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(sideways, `${path} at ${size.width}×${size.height} scrolls sideways by ${sideways}px`).toBeLessThanOrEqual(0);
      }
    }

    // The due time is a real <time>, on Detroit's clock, and names its zone on hover.
    await page.goto('/dashboard/tasks');
    const due = page
      .getByTestId(/^task-row-/)
      .filter({ hasText: title })
      .locator('time');
    await expect(due).toHaveText('Sat, May 4, 2030, 3:30 PM');
    await expect(due).toHaveAttribute('datetime', '2030-05-04T19:30:00.000Z');
    await expect(due).toHaveAttribute('title', 'May 4, 2030, 3:30 PM Eastern Daylight Time (America/Detroit)');
  });

  test('below 1280px the navigation is a drawer behind a labelled Menu button, run from the keyboard', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await signIn(page, LOGINS.admin);
    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    const customers = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(customers).toBeHidden();

    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('button', { name: 'Close menu' })).toBeFocused();
    await expect(customers).toBeVisible();
    // The page behind is inert: the next Tab stays in the drawer.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' })).toBeFocused();

    await page.keyboard.press('Escape');
    await expect(customers).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();

    await menu.click();
    await customers.click();
    await expect(page).toHaveURL(/\/dashboard\/customers$/);
    await expect(customers).toBeHidden();

    // At 1280px the sidebar is simply there.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(menu).toBeHidden();
    await expect(customers).toBeVisible();
  });

  test('keyboard focus is a dark ring around the green primary buttons, clear of the button itself', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Password').focus();
    await page.keyboard.press('Tab');
    const signInButton = page.getByRole('button', { name: 'Sign in' });
    await expect(signInButton).toBeFocused();
    // Polled: the button's colour transition can still be under way when the style is first read
    // (CI once read rgb(22, 30, 49) on the way to the ring's colour).
    const ring = () =>
      signInButton.evaluate((el) => {
        const s = getComputedStyle(el);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), offset: parseFloat(s.outlineOffset), colour: s.outlineColor };
      });
    // #0f172a: over 15:1 against the white page around the offset, and 3.7:1 against the brand green.
    await expect.poll(ring, { timeout: 5_000 }).toEqual({ style: 'solid', width: 3, offset: 2, colour: 'rgb(15, 23, 42)' });
  });
});

import { createHmac, randomInt } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { alleavesEnvelope, alleavesOrder } from '../src/domain/signals/samples';
import { LOGINS, signIn } from './helpers';

/** An Alleaves order.created for a new shopper, signed as the POS signs it (hex HMAC-SHA256 of the raw body). */
function signedOrder(secret: string, uid: number, person: { firstName: string; lastName: string; email: string; phone: string }) {
  const o = { now: new Date(), uid, person, customerId: 7_700_000 + uid };
  const body = JSON.stringify(alleavesEnvelope('order.created', o, { order: alleavesOrder(o) }));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-alleaves-signature': createHmac('sha256', secret).update(body).digest('hex'),
      'x-alleaves-timestamp': String(Math.floor(o.now.getTime() / 1000)),
    },
  };
}

async function addStep(page: Page, where: string, label: string) {
  await page
    .getByRole('button', { name: `+ Add a step ${where}` })
    .last()
    .click();
  await page
    .getByRole('group', { name: `Step types to add ${where}` })
    .getByRole('button', { name: label, exact: true })
    .click();
}

test.describe('playbooks', () => {
  test('an admin builds a playbook, dry-runs it, activates it, and a signed webhook runs it: the email is in the outbox and the run in the log', async ({
    page,
  }) => {
    await signIn(page, LOGINS.admin);
    await page.goto('/dashboard/playbooks');
    await expect(page.getByRole('heading', { name: 'Playbooks', exact: true })).toBeVisible();
    await page.getByRole('link', { name: 'New playbook' }).click();

    const name = `E2E thank-you ${randomInt(1e6)}`;
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Event', { exact: true }).selectOption('order.created');

    // A condition with a mistake is caught as it is typed, pointing at the place.
    const filter = page.getByLabel(/^Only when/);
    await filter.fill('order.totl >= 1');
    await expect(filter).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('error-pb-triggers-0-filter')).toContainText('Did you mean "total"? (at “totl”, characters 7 to 10)');
    await filter.fill('order.total >= 1');
    await expect(filter).not.toHaveAttribute('aria-invalid', 'true');
    // The condition reads back in words, and so does the trigger.
    await expect(page.getByTestId('words-pb-triggers-0-filter')).toHaveText('In words: order total at least $1');
    await expect(page.getByTestId('trigger-words-0')).toHaveText('When an order is created, only if order total at least $1');
    // Entry rules and the agent are asked as a manager would be asked.
    await expect(page.getByText('Can the same order go through this again?')).toBeVisible();
    await expect(page.getByLabel('What does each run follow?')).toBeVisible();
    await expect(page.getByLabel('AI agent in charge')).toHaveValue('craig');

    // Steps: a thank-you email from the template, a wait, then a tag.
    await addStep(page, 'at the end', 'Send email');
    await page.getByLabel('Email template').selectOption('thank_you');
    await addStep(page, 'at the end', 'Wait');
    await addStep(page, 'at the end', 'Add tag');
    await page.getByLabel('Tag to add').fill('thanked');
    const drawing = page.getByTestId('flow-drawing');
    await expect(drawing.getByText('Send email', { exact: true })).toBeVisible();
    await expect(drawing.getByText('Wait', { exact: true })).toBeVisible();
    await expect(drawing.getByText('Add tag “thanked”')).toBeVisible();

    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page).toHaveURL(/\/dashboard\/playbooks\/(?!new$|gallery$)[\w-]+$/);
    await expect(page.getByText('All changes saved.')).toBeVisible();
    await expect(page.getByTestId('playbook-status')).toHaveText('Draft');

    // Dry run with the sample event: step by step, nothing sent.
    await page.getByRole('tab', { name: 'Dry run' }).click();
    await page.getByRole('tabpanel').getByRole('button', { name: 'Dry run' }).click();
    const result = page.getByTestId('dry-run-result');
    await expect(result.getByText('Would start')).toBeVisible();
    await expect(result.getByTestId('dry-run-step')).toHaveCount(3);

    await page.getByRole('tab', { name: 'Design' }).click();
    await page.getByRole('button', { name: 'Activate' }).click();
    await expect(page.getByTestId('playbook-status')).toHaveText('Active');
    const playbookUrl = page.url();

    // A POS endpoint, and a signed order.created from a brand-new shopper.
    const created = await page.request.post('/api/integrations/endpoints', { data: { provider: 'alleaves', name: `E2E POS ${randomInt(1e6)}` } });
    expect(created.status()).toBe(201);
    const { endpoint, secret } = (await created.json()) as { endpoint: { id: string }; secret: string };
    const uid = randomInt(1e6);
    // A phone of its own too: identity resolution rightly treats a known phone as the same person.
    const shopper = { firstName: 'Robin', lastName: `Playbook${uid}`, email: `robin.${uid}@example.com`, phone: `+1313${2_000_000 + randomInt(7_999_999)}` };
    const delivery = signedOrder(secret, uid, shopper);
    expect((await page.request.post(`/api/webhooks/alleaves/${endpoint.id}`, { data: delivery.body, headers: delivery.headers })).status()).toBe(200);

    // The run shows up in the playbook's log on its own, waiting after the email.
    await page.goto(`${playbookUrl}?tab=runs`);
    const row = page.getByTestId('run-row').filter({ hasText: shopper.lastName });
    await expect(row).toBeVisible({ timeout: 20_000 });
    await expect(row.getByText('waiting')).toBeVisible();
    await row.getByRole('button', { name: /Steps/ }).click();
    await expect(page.getByTestId('run-step').filter({ hasText: 'Send email' }).getByText('done')).toBeVisible();

    // The list says when it starts in words; the expression is one click away.
    await page.goto('/dashboard/playbooks');
    const listed = page.getByTestId('playbook-row').filter({ hasText: name });
    await expect(listed.getByText('When an order is created, only if order total at least $1')).toBeVisible();
    await expect(listed.getByText('order.total >= 1')).toBeHidden();
    await listed.getByText('Show expression').click();
    await expect(listed.getByText('order.total >= 1')).toBeVisible();

    // And the thank-you email is in the outbox, as the customer sees it.
    await page.goto('/dashboard/outbox');
    await expect(page.getByText(shopper.email).first()).toBeVisible();
  });

  test('the gallery installs a ready playbook as an editable draft; a budtender can look but not edit', async ({ page, browser }) => {
    await signIn(page, LOGINS.admin);
    await page.goto('/dashboard/playbooks/gallery');
    const card = page.getByTestId('gallery-low_stock_alert');
    await card.getByRole('button', { name: /Install/ }).click();
    await expect(page).toHaveURL(/\/dashboard\/playbooks\/(?!new$|gallery$)[\w-]+$/);
    await expect(page.getByTestId('playbook-status')).toHaveText('Draft');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(/Low-stock/i);
    const url = page.url();

    const budtender = await browser.newPage();
    await signIn(budtender, LOGINS.budtender);
    await budtender.goto(url);
    await expect(budtender.getByText('You can view this playbook; owners and admins edit it.')).toBeVisible();
    await expect(budtender.getByLabel('Name', { exact: true })).toBeDisabled();
    await expect(budtender.getByRole('button', { name: /Save|Activate/ })).toHaveCount(0);
    await budtender.close();
  });

  test('an owner reads playbooks and the gallery in words, never in code', async ({ page }) => {
    await signIn(page, LOGINS.owner);
    // Raw field names of the seeded and gallery conditions: none may show unless asked for.
    const code = /order\.totalCents|customer\.lifetimeValueCents|customer\.orderCount|event\.data\.customer\.isNew|days_since|==|>=/;
    await page.goto('/dashboard/playbooks');
    await expect(page.getByTestId('playbook-row').first()).toBeVisible();
    expect(await page.getByRole('main').innerText()).not.toMatch(code);
    await expect(page.getByText('When an order is created, only if order total above $0.00').first()).toBeVisible();

    await page.goto('/dashboard/playbooks/gallery');
    await expect(page.getByTestId('gallery-vip_check_in')).toBeVisible();
    expect(await page.getByRole('main').innerText()).not.toMatch(code);
    await expect(page.getByTestId('gallery-vip_check_in')).toContainText('only if at least 10 orders and lifetime value at least $1,000');
    await expect(page.getByTestId('gallery-welcome')).toContainText('only if a new customer');
    await expect(page.getByTestId('gallery-birthday').getByTestId('gallery-starts')).toHaveText(
      "Starts: On the customer's birthday (local midnight), then wait until 10:00 (customer's time).",
    );
    const vip = page.getByTestId('gallery-vip_check_in');
    await vip.getByText('Show expression').click();
    await expect(vip.getByText('customer.orderCount >= 10 and customer.lifetimeValueCents >= 100000')).toBeVisible();
  });

  test('a playbook still carrying an example link cannot be activated, and says which value to replace', async ({ page }) => {
    await signIn(page, LOGINS.admin);
    await page.goto('/dashboard/playbooks/gallery');
    await page
      .getByTestId('gallery-review_request')
      .getByRole('button', { name: /Install/ })
      .click();
    await expect(page).toHaveURL(/\/dashboard\/playbooks\/(?!new$|gallery$)[\w-]+$/);
    const reason = 'Replace the example value https://example.com/leave-a-review in the “Review request” step (review.url) with your own before activating.';
    await expect(page.getByTestId('placeholder-notice')).toHaveText(`Before activating: ${reason}`);
    await page.getByRole('button', { name: 'Activate' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'cannot be activated yet' })).toContainText(reason);
    await expect(page.getByTestId('playbook-status')).toHaveText('Draft');

    await page.goto('/dashboard/playbooks');
    await expect(page.getByTestId('playbook-placeholder').first()).toContainText(reason);
  });
});

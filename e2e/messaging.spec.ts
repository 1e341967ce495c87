import { expect, test, type Page } from '@playwright/test';
import { LOGINS, signIn } from './helpers';
import { createMessagingPeople, type MessagingPeople } from './messaging-fixtures';

let people: MessagingPeople;

test.beforeAll(async () => {
  people = await createMessagingPeople();
});

async function sendFromProfile(page: Page, customerId: string, channel: 'Email' | 'SMS', template: RegExp) {
  await page.goto(`/dashboard/customers/${customerId}`);
  const form = page.getByRole('region', { name: 'Send message' });
  await form.getByLabel('Channel').selectOption({ label: channel });
  const option = form.getByLabel('Template').locator('option', { hasText: template });
  await form.getByLabel('Template').selectOption({ label: (await option.first().textContent())! });
  await expect(page.getByTestId('preview-decision')).toBeVisible();
  await form.getByRole('button', { name: /^Send (email|text)$/ }).click();
  const result = page.getByTestId('send-result');
  await expect(result).toBeVisible();
  return result;
}

test.describe('messaging', () => {
  test('an owner sends a templated email and SMS and sees them in the outbox as the customer would', async ({ page }) => {
    await signIn(page, LOGINS.owner);
    const email = await sendFromProfile(page, people.daytime, 'Email', /VIP welcome/);
    await expect(email).toHaveText(/^Sent to the outbox/);
    await email.getByRole('link', { name: 'View in outbox' }).click();
    await expect(page).toHaveURL(/\/dashboard\/outbox\?id=snd_/);
    const detail = page.getByTestId('send-detail');
    await expect(detail.getByTestId('email-subject')).toHaveText('You are now a Pinecone Provisions (Demo) VIP');
    const mail = page.frameLocator('[data-testid="email-frame"]');
    await expect(mail.getByText('You are one of our most loyal customers')).toBeVisible();
    await expect(mail.getByText(/Your points balance: 120/)).toBeVisible();
    await expect(mail.getByText(/4410 Woodward Ave, Detroit, MI 48201/)).toBeVisible();
    await expect(mail.getByRole('link', { name: 'Unsubscribe' })).toBeVisible();

    const sms = await sendFromProfile(page, people.daytime, 'SMS', /Points reminder/);
    await expect(sms).toHaveText(/^Sent to the outbox/);
    await sms.getByRole('link', { name: 'View in outbox' }).click();
    await expect(page.getByTestId('sms-bubble')).toHaveText(
      /Hi Dana, you have 120 points at Pinecone Provisions \(Demo\)\. Redeem them on your next visit!\s+Reply STOP to opt out/,
    );
    await expect(page.getByTestId('sms-segments')).toHaveText(/GSM-7 · 1 segment/);

    // The customer's timeline shows both; a budtender sees it but cannot send.
    await page.goto(`/dashboard/customers/${people.daytime}`);
    await expect(page.getByTestId('message-timeline').getByRole('listitem')).toHaveCount(2);
    await page.getByRole('button', { name: 'Sign out' }).last().click();
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, LOGINS.budtender);
    await page.goto(`/dashboard/customers/${people.daytime}`);
    await expect(page.getByTestId('message-timeline').getByRole('listitem')).toHaveCount(2);
    await expect(page.getByRole('region', { name: 'Send message' })).toHaveCount(0);
    expect(
      (
        await page.request.post('/api/messages/send', {
          data: { customerId: people.daytime, channel: 'sms', templateId: 'points_reminder_sms', idempotencyKey: 'budtender-try-1' },
        })
      ).status(),
    ).toBe(403);
  });

  test('opted-out, under-21, capped and quiet-hours customers are not messaged, and the dashboard says why', async ({ page }) => {
    // Five messages from five profile pages, then two outbox views: longer than one page's minute.
    test.setTimeout(120_000);
    await signIn(page, LOGINS.owner);
    await expect(await sendFromProfile(page, people.optedOut, 'SMS', /Points reminder/)).toHaveText(
      /Not sent: Opted out\. Opted out of SMS on .* \(replied to a text\)/,
    );
    await expect(page.getByTestId('timeline-reason')).toHaveText(/Opted out: Opted out of SMS/);

    await expect(await sendFromProfile(page, people.minor, 'Email', /VIP welcome/)).toHaveText(/Not sent: Under 21\. Under 21 \(age 19\)/);

    await expect(await sendFromProfile(page, people.night, 'SMS', /Points reminder/)).toHaveText(
      /Deferred: Quiet hours in the customer's time zone \(Etc\/GMT.*\); deferred to .* 8:00 AM/,
    );

    await expect(await sendFromProfile(page, people.capped, 'SMS', /Points reminder/)).toHaveText(/^Sent/);
    await expect(await sendFromProfile(page, people.capped, 'SMS', /Win-back/)).toHaveText(
      /Not sent: Frequency cap\. Frequency cap: at most 1 marketing SMS per 24 h/,
    );

    await page.goto('/dashboard/outbox?status=skipped');
    const table = page.getByRole('table', { name: 'Messages' });
    for (const reason of ['Opted out', 'Under 21', 'Frequency cap']) await expect(table.getByText(reason, { exact: true }).first()).toBeVisible();
    await page.goto('/dashboard/outbox?status=deferred');
    await page.getByRole('table', { name: 'Messages' }).getByRole('link').first().click();
    await expect(page.getByTestId('send-reason')).toHaveText(/Deferred: Quiet hours/);
  });

  test('the unsubscribe link in a marketing email works end to end', async ({ page }) => {
    await signIn(page, LOGINS.owner);
    const sent = await sendFromProfile(page, people.unsub, 'Email', /Win-back/);
    await expect(sent).toHaveText(/^Sent/);
    await sent.getByRole('link', { name: 'View in outbox' }).click();
    // The profile's live preview uses the same email frame (with a preview link): wait for the outbox.
    await expect(page).toHaveURL(/\/dashboard\/outbox\?id=/);
    const unsubscribe = page.frameLocator('[data-testid="email-frame"]').getByRole('link', { name: 'Unsubscribe' });
    await expect(unsubscribe).toHaveAttribute('href', /\/unsubscribe\/[\w-]+\.[\w-]+$/);
    const href = await unsubscribe.getAttribute('href');

    // The customer opens the link from their mail app: no session needed.
    const inbox = await page.context().browser()!.newContext();
    const customer = await inbox.newPage();
    await customer.goto(href!);
    await expect(customer.getByRole('heading', { name: 'Unsubscribe from Pinecone Provisions (Demo)' })).toBeVisible();
    await customer.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(customer.getByRole('heading', { name: 'You are unsubscribed' })).toBeVisible();
    await expect(customer.getByRole('status')).toHaveText(/will no longer get marketing emails from Pinecone Provisions \(Demo\)/);
    await inbox.close();

    await page.goto(`/dashboard/customers/${people.unsub}`);
    await expect(page.getByTestId('consent-email')).toContainText('Opted out');
    await expect(page.getByTestId('consent-email')).toContainText('unsubscribe link');
    await expect(await sendFromProfile(page, people.unsub, 'Email', /Birthday/)).toHaveText(/Not sent: Opted out/);
  });

  test('a STOP reply to a text opts the customer out, with one confirmation', async ({ page }) => {
    await signIn(page, LOGINS.owner);
    await page.goto('/dashboard/settings/messaging');
    await page.getByRole('button', { name: 'Create webhook URL' }).last().click();
    const url = new URL((await page.getByTestId('webhook-secret-url').textContent())!);
    expect(url.pathname).toMatch(/^\/api\/webhooks\/blackleaf\/bl_/);
    const auth = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    const endpoint = url.pathname;

    const refused = await page.request.post(endpoint, {
      headers: { authorization: 'Basic YmFrZWRib3Q6d3Jvbmc=' },
      data: { from: people.stopper.phone, body: 'STOP' },
    });
    expect(refused.status()).toBe(401);
    const res = await page.request.post(endpoint, {
      headers: { authorization: auth },
      data: { type: 'message.received', id: 'bl-e2e-1', from: people.stopper.phone, to: '+18775550100', body: '  Stop ' },
    });
    expect(res.status()).toBe(200);

    await page.goto(`/dashboard/customers/${people.stopper.id}`);
    await expect(page.getByTestId('consent-sms')).toContainText('Opted out');
    await expect(page.getByTestId('consent-sms')).toContainText('replied to a text');
    const timeline = page.getByTestId('message-timeline');
    await expect(timeline.getByText(/“\s*Stop\s*”/)).toBeVisible();
    await expect(timeline.getByText(/You are unsubscribed and will get no more texts from us/)).toBeVisible();
    await expect(await sendFromProfile(page, people.stopper.id, 'SMS', /Points reminder/)).toHaveText(/Not sent: Opted out/);
  });
  test('a profile offers only what it can send; templates show as text for a sample customer; the outbox names the playbook step', async ({ page }) => {
    await signIn(page, LOGINS.owner);
    await page.goto(`/dashboard/customers/${people.daytime}`);
    const form = page.getByRole('region', { name: 'Send message' });
    const select = form.getByLabel('Template');
    // The cart reminder is there, disabled, saying what it needs; the default is one that can go.
    await expect(select.locator('option', { hasText: 'Abandoned cart: 1 hour' })).toBeDisabled();
    await expect(select.locator('option', { hasText: 'Abandoned cart: 1 hour' })).toHaveText(/Needs a cart: sent by the abandoned-cart playbook\./);
    await expect(select.locator('option:checked')).not.toHaveText(/Abandoned cart|Order thank-you|Review request|Restock/);
    await form
      .getByTestId('unsendable-templates')
      .getByText(/templates? needs? more than a profile has/)
      .click();
    await expect(form.getByTestId('unsendable-templates')).toContainText('Order thank-you with points: Needs an order');
    // Its preview is the message this customer would get: nothing made up, so no example label.
    await expect(page.getByTestId('preview-decision')).toBeVisible();
    await expect(page.getByTestId('preview-example')).toHaveCount(0);

    await page.goto('/dashboard/messages');
    const cart = page.getByRole('table', { name: 'Message templates' }).getByRole('row').filter({ hasText: 'Abandoned cart: 1 hour' });
    await expect(cart.getByTestId('template-example')).toContainText('Hi Jamie,');
    await expect(cart.getByTestId('template-example')).toContainText('$62.00');
    await expect(cart.getByTestId('template-example')).toContainText('Example: a sample customer (Jamie Rivera) and a $62.00 cart.');
    await expect(page.getByRole('table', { name: 'Message templates' })).not.toContainText('{{');

    // A playbook's email in the outbox names its playbook and step, as links.
    const name = `E2E names ${Date.now()}`;
    const created = await page.request.post('/api/playbooks', {
      data: {
        name,
        triggers: [{ type: 'manual' }],
        steps: [
          { action: 'add_tag', tag: 'named' },
          { action: 'send_email', subject: 'Hello {{ customer.first_name }}', body: '<p>Hi</p>', kind: 'transactional' },
        ],
      },
    });
    expect(created.status()).toBe(201);
    const id = ((await created.json()) as { playbook: { id: string } }).playbook.id;
    expect((await page.request.post(`/api/playbooks/${id}/enable`, { data: { enabled: true } })).status()).toBe(200);
    const ran = await page.request.post(`/api/playbooks/${id}/run`, { data: { customerIds: [people.daytime] } });
    expect(((await ran.json()) as { started: number }).started).toBe(1);
    await page.goto('/dashboard/outbox');
    const source = page.getByTestId('send-detail').getByTestId('send-detail-source');
    await expect(source).toHaveText(new RegExp(`${name}, step 2: Send email \\(its run\\)`));
    await expect(source).not.toContainText('run_');
    await source.getByRole('link', { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/playbooks/${id}$`));
  });

  test('the template editor checks variables, counts SMS segments before saving, and asks Craig for a draft', async ({ page }) => {
    await signIn(page, LOGINS.owner);
    await page.goto('/dashboard/messages');
    await expect(page.getByRole('table', { name: 'Message templates' }).getByRole('link', { name: 'Order thank-you with points' })).toBeVisible();
    await page.getByRole('link', { name: 'New template' }).click();
    const form = page.getByRole('form', { name: 'Template' });
    await form.getByLabel('Channel').selectOption('sms');
    await form.getByLabel('Name').fill('Weekend sale');
    await form.getByLabel('Key').fill('weekend_sale_e2e');
    const text = form.getByLabel('Text');
    await text.fill(
      'Hi {{ customer.nickname }}, big weekend sale on all pre-rolls and vapes at both of our stores, with new strains from local growers. Ask your budtender for picks!',
    );
    await expect(page.getByTestId('editor-segments')).toContainText('2 segments');
    await form.getByRole('button', { name: 'Create template' }).click();
    await expect(form.getByRole('alert')).toHaveText(/"customer\.nickname" is not a variable/);
    await expect(text).toHaveAttribute('aria-invalid', 'true');

    // Without an Anthropic key Craig offers the dispensary's own templates, and says why.
    await page.getByRole('button', { name: 'Ask Craig for a draft' }).click();
    await page.getByLabel('Goal').fill('Win back regulars who stopped visiting');
    await page.getByRole('button', { name: 'Write a draft' }).click();
    await expect(page.getByTestId('craig-draft')).toContainText('no Anthropic API key is configured');
    await page.getByTestId('craig-draft').getByRole('button', { name: 'Use' }).first().click();
    await expect(text).toHaveValue(/We miss you/);
    await expect(page.getByTestId('editor-segments')).toContainText('1 segment');
    await expect(page.getByTestId('sms-bubble')).toContainText('Reply STOP to opt out');
    await form.getByRole('button', { name: 'Create template' }).click();
    await expect(page).toHaveURL(/\/dashboard\/messages\/templates\/weekend_sale_e2e$/);
    await expect(page.getByRole('heading', { name: 'Weekend sale' })).toBeVisible();
  });
});

import { createHmac, randomInt } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { LOGINS, signIn } from './helpers';

/** An Alleaves delivery as the POS sends it: our envelope, hex HMAC-SHA256 of the raw body. */
function alleaves(secret: string, event: string, data: Record<string, unknown>) {
  const body = JSON.stringify({ id: `evt_e2e_${randomInt(1e9)}`, event, created_at: new Date().toISOString(), data });
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-alleaves-signature': signature, 'x-alleaves-timestamp': String(Math.floor(Date.now() / 1000)) },
  };
}

test.describe('behavioural signals', () => {
  test('an admin connects a POS, sends a test delivery and watches it processed; bad signatures are refused; low stock appears live', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, LOGINS.admin);
    await page.goto('/dashboard/integrations');
    await expect(page.getByRole('heading', { name: 'Integrations', exact: true })).toBeVisible();

    // Create an endpoint and copy its secret (shown once).
    const name = `E2E POS ${randomInt(1e6)}`;
    await page.getByLabel('Sender').selectOption({ label: 'Alleaves POS' });
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    const shown = page.getByTestId('new-endpoint-secret');
    await expect(shown).toBeVisible();
    await shown.locator('..').getByRole('button', { name: 'Copy' }).click();
    await expect(shown.locator('..').getByRole('button', { name: 'Copied' })).toBeVisible();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toBe(await shown.textContent());

    const card = page.getByRole('region', { name: new RegExp(name) });
    const url = (await card.getByTestId('endpoint-url').textContent())!;
    const path = new URL(url).pathname;
    expect(path).toMatch(/^\/api\/webhooks\/alleaves\/ep_\w+$/);
    const endpointId = path.split('/').at(-1)!;

    // The list is live: it listens to Firestore and never asks the server for deliveries again.
    const listRequests: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/integrations/deliveries') listRequests.push(r.url());
    });
    await expect(page.getByTestId('deliveries-live')).toHaveAttribute('data-mode', 'live');

    // Send test delivery: the signed sample runs the whole pipe.
    await card.getByLabel('Sample event').selectOption('order.created');
    await card.getByRole('button', { name: 'Send test delivery' }).click();
    await expect(card.getByRole('status')).toHaveText(/answered 200/);
    await page.getByLabel('Endpoint', { exact: true }).selectOption({ label: name });
    // The new endpoint has exactly this one delivery: pick it by the endpoint's name, not whatever
    // row (another test's delivery) was first before the filtered list arrived.
    const rows = page.locator('tr[data-testid^="delivery-"]');
    await expect(rows.filter({ hasNotText: name })).toHaveCount(0);
    const row = rows.filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-status', 'processed');
    await expect(row.getByText('Processed')).toBeVisible();
    await expect(row.getByText('order.created')).toBeVisible();

    // A delivery from the POS itself appears, and is processed, without a reload or a request for the list.
    const second = alleaves(secret, 'order.created', { order: { id: randomInt(1e6) } });
    expect((await page.request.post(path, { data: second.body, headers: second.headers })).status()).toBe(200);
    await expect(rows.filter({ hasText: name })).toHaveCount(2);
    await expect(rows.filter({ hasText: name }).first()).not.toHaveAttribute('data-status', 'received');
    expect(listRequests).toEqual([]);

    // The delivery opens with its payload, and the customer and order are there.
    await rows
      .filter({ hasText: name })
      .last()
      .getByRole('link', { name: /Open delivery/ })
      .click();
    await expect(page.getByTestId('delivery-status')).toHaveText('Processed');
    await expect(page.getByTestId('delivery-payload')).toContainText('"event": "order.created"');
    await expect(page.getByText('order.created', { exact: true })).toBeVisible();
    // The events name their customer, linked: no bare ids.
    await page.getByRole('region', { name: 'Events produced' }).getByRole('link', { name: 'Jamie Rivera', exact: true }).first().click();
    await expect(page.getByRole('heading', { name: 'Jamie Rivera' })).toBeVisible();
    const orders = page.getByRole('table', { name: 'Recent orders' });
    await expect(orders.getByRole('row').filter({ hasText: 'completed' }).first()).toBeVisible();

    // A bad signature is refused with 401 and nothing is stored.
    const before = (await (await page.request.get(`/api/integrations/deliveries?endpointId=${endpointId}`)).json()).deliveries.length;
    const forged = alleaves('not-the-secret-0000000000', 'order.created', { order: { id: 1 } });
    const refused = await page.request.post(path, { data: forged.body, headers: forged.headers });
    expect(refused.status()).toBe(401);
    const after = (await (await page.request.get(`/api/integrations/deliveries?endpointId=${endpointId}`)).json()).deliveries.length;
    expect(after).toBe(before);

    // On the overview, a low-stock alert from the POS appears without a reload.
    await page.goto('/dashboard');
    const live = page.getByTestId('live-notifications');
    await expect(live.getByText('Connecting…')).toHaveCount(0);
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    const product = `E2E Gummies ${randomInt(1e6)}`;
    const low = alleaves(secret, 'inventory.low_stock', {
      inventory: { product_id: 424242, sku: `E2E-${randomInt(1e6)}`, name: product, location_id: 'pinecone-detroit', quantity: 2, threshold: 5 },
    });
    expect((await page.request.post(path, { data: low.body, headers: low.headers })).status()).toBe(200);
    await expect(live.getByText(`Low stock: ${product}`)).toBeVisible({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  });
});

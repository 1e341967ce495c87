import { existsSync, readFileSync } from 'node:fs';
import { randomInt, randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { E2E_CRON_SECRET, E2E_METADATA_PROBE_LOG } from '../playwright.config';
import { samplePayload } from '../src/domain/signals/samples';
import { signDelivery } from '../src/server/services/ingest/sign-delivery';
import { LOGINS, signIn } from './helpers';

// Nothing local may reach the cloud metadata server (169.254.169.254). Every process of the
// e2e stack (the orchestrator, firebase-tools, next build, next start) runs with
// scripts/lib/metadata-guard.mjs, which refuses such a connection and records it, and any
// MetadataLookupWarning, in E2E_METADATA_PROBE_LOG. This walks the paths that construct Google
// clients (Firestore, Auth sessions and custom tokens, a webhook, the cron tick) and reads it.
test('no process of the stack probes the cloud metadata server or warns about it', async ({ page }) => {
  // Several first requests to a cold production server on a busy two-CPU machine.
  test.setTimeout(180_000);
  await signIn(page, LOGINS.owner);
  await page.goto('/dashboard');
  await expect(page.getByTestId('live-notifications').getByText('Connecting…')).toHaveCount(0);
  await page.goto('/dashboard/integrations');
  await expect(page.getByRole('heading', { name: 'Integrations', exact: true })).toBeVisible();

  const created = await page.request.post('/api/integrations/endpoints', { data: { provider: 'alleaves', name: `Probe ${randomInt(1e6)}` } });
  expect(created.status()).toBe(201);
  const { endpoint, secret } = (await created.json()) as { endpoint: { id: string }; secret: string };
  const { body } = samplePayload('alleaves', 'order.created', { now: new Date(), uid: randomInt(1, 900_000) });
  const headers = signDelivery('alleaves', { secret, body, topic: null, now: new Date(), deliveryId: `d-${randomUUID()}` });
  expect((await page.request.post(`/api/webhooks/alleaves/${endpoint.id}`, { data: body, headers })).status()).toBe(200);
  const tick = await page.request.post('/api/cron/tick', { headers: { 'x-cron-secret': E2E_CRON_SECRET } });
  expect(tick.status()).toBe(200);

  expect(existsSync(E2E_METADATA_PROBE_LOG), `${E2E_METADATA_PROBE_LOG} is written by the stack at start`).toBe(true);
  expect(readFileSync(E2E_METADATA_PROBE_LOG, 'utf8')).toBe('');
});

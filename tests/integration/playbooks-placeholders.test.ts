import { beforeAll, describe, expect, it } from 'vitest';
import * as galleryInstallRoute from '@/app/api/playbooks/gallery/[key]/route';
import * as playbookRoute from '@/app/api/playbooks/[id]/route';
import * as enableRoute from '@/app/api/playbooks/[id]/enable/route';
import * as playbooksRoute from '@/app/api/playbooks/route';
import { tenantDb } from '@/server/db/tenant-db';
import { listPlaybooks } from '@/server/services/playbooks/list-playbooks';
import { call } from '../support/http';
import { setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

// Safe defaults (docs/playbooks.md): a playbook whose message still carries an example value
// cannot go live, through the same routes the builder uses.

beforeAll(() => setProviderEnv({}));

const REVIEW_LINK = 'https://example.com/leave-a-review';

async function install(t: TestTenant, key: string) {
  const res = await call(galleryInstallRoute.POST, { method: 'POST', cookie: await t.cookie('admin'), params: { key } });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body.playbook as { id: string; version: number; steps: Array<Record<string, unknown>> };
}

async function enable(t: TestTenant, id: string, enabled = true) {
  return call(enableRoute.POST, { method: 'POST', cookie: await t.cookie('admin'), params: { id }, body: { enabled } });
}

async function save(t: TestTenant, id: string, steps: Array<Record<string, unknown>>) {
  const current = (await call(playbookRoute.GET, { cookie: await t.cookie('admin'), params: { id } })).body.playbook;
  const { name, description, ownerAgent, triggers, entry, exit } = current;
  return call(playbookRoute.PUT, {
    method: 'PUT',
    cookie: await t.cookie('admin'),
    params: { id },
    body: { name, description, ownerAgent, triggers, entry, exit, steps },
  });
}

const withReviewLink = (steps: Array<Record<string, unknown>>, url: string) =>
  steps.map((s) => (s.action === 'send_email' ? { ...s, variables: { review: { url } } } : s));

describe('activating a playbook that still carries an example value', () => {
  it('is refused with the step and the value named, starts nothing, and goes live once the value is replaced', async () => {
    const t = await createTestTenant();
    const playbook = await install(t, 'review_request');

    const refused = await enable(t, playbook.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe(
      `This playbook cannot be activated yet. Replace the example value ${REVIEW_LINK} in the “Review request” step (review.url) with your own before activating.`,
    );
    expect(refused.body.error.details.issues).toEqual([{ path: 'steps.1.variables.review.url', message: expect.stringContaining(REVIEW_LINK) }]);
    expect((await tenantDb(t.orgId).playbooks.getOrThrow(playbook.id)).status).toBe('draft');
    expect((await tenantDb(t.orgId).listeners.ref.get()).size).toBe(0);

    // The list says why, for the owner who did not open the builder.
    const [row] = await listPlaybooks(t.ctx('owner'));
    expect(row!.placeholders).toEqual([{ path: 'steps.1.variables.review.url', message: expect.stringContaining(REVIEW_LINK) }]);

    // A marked placeholder is refused the same way.
    expect((await save(t, playbook.id, withReviewLink(playbook.steps, '[[your Google review page]]'))).status).toBe(200);
    expect((await enable(t, playbook.id)).body.error.message).toContain('[[your Google review page]]');

    const real = 'https://g.page/r/test-dispensary/review';
    expect((await save(t, playbook.id, withReviewLink(playbook.steps, real))).status).toBe(200);
    const activated = await enable(t, playbook.id);
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    expect(activated.body.playbook.status).toBe('active');
    expect((await listPlaybooks(t.ctx('owner')))[0]!.placeholders).toEqual([]);

    // Once live, an edit cannot put an example value back: the saved version stays the good one.
    const relapse = await save(t, playbook.id, withReviewLink(playbook.steps, 'https://www.example.org/review'));
    expect(relapse.status).toBe(422);
    expect(relapse.body.error.message).toContain('https://www.example.org/review');
    const stored = await tenantDb(t.orgId).playbooks.getOrThrow(playbook.id);
    expect(stored.version).toBe(3);
    expect(JSON.stringify(stored.steps)).toContain(real);
  });

  it('looks into the template a message step sends, and names it', async () => {
    const t = await createTestTenant();
    const template = await tenantDb(t.orgId).templates.getOrThrow('thank_you');
    await tenantDb(t.orgId)
      .templates.ref.doc('thank_you')
      .set({ ...template, body: `${template.body}<p>Menu: https://menu.example.net/today</p>` });
    const created = await call(playbooksRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('admin'),
      body: {
        name: 'Thanks',
        triggers: [{ type: 'event', eventName: 'order.created' }],
        steps: [{ action: 'send_email', template: 'thank_you', label: 'Thank-you' }],
      },
    });
    expect(created.status).toBe(201);

    const refused = await enable(t, created.body.playbook.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain(`https://menu.example.net/today in the template “${template.name}” of the “Thank-you” step`);
    expect(refused.body.error.details.issues).toEqual([expect.objectContaining({ path: 'steps.0.template' })]);
  });

  it('pausing is never refused, whatever the playbook carries', async () => {
    const t = await createTestTenant();
    const playbook = await install(t, 'review_request');
    const paused = await enable(t, playbook.id, false);
    expect(paused.status).toBe(200);
    expect(paused.body.playbook.status).toBe('paused');
  });
});

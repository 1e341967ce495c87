// Templates never touch the file system, and one request cannot hold the server: the attacks
// reported against the running app, replayed through the real routes.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as draftDryRunRoute from '@/app/api/playbooks/dry-run/route';
import * as playbooksRoute from '@/app/api/playbooks/route';
import * as playbookRoute from '@/app/api/playbooks/[id]/route';
import * as savedDryRunRoute from '@/app/api/playbooks/[id]/dry-run/route';
import * as validateRoute from '@/app/api/playbooks/validate/route';
import * as previewRoute from '@/app/api/messages/preview/route';
import * as templatesRoute from '@/app/api/messages/templates/route';
import * as templateRoute from '@/app/api/messages/templates/[id]/route';
import * as healthRoute from '@/app/api/health/route';
import type { Role } from '@/domain/roles';
import { tenantDb } from '@/server/db/tenant-db';
import { call } from '../support/http';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;
const cookies = {} as Record<Role, string>;

// Lines of package.json that only a file read could put into an answer.
const pkg = readFileSync('package.json', 'utf8');
const leaked = (res: { body: unknown }) => {
  const text = JSON.stringify(res.body);
  return ['Customer engagement platform for cannabis dispensaries', '"allowScripts"', 'firebase-admin', pkg.slice(0, 40)].filter((s) =>
    text.includes(JSON.stringify(s).slice(1, -1)),
  );
};

beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Hardening');
  for (const role of ['owner', 'admin', 'budtender'] as const) cookies[role] = await t.cookie(role);
});

const INCLUDE = "{% include 'package.json' %}";
const RENDER = "{% render 'package.json' %}";
const notify = (title: string, message = '') => ({ action: 'notify_staff', title, message });
const draft = (steps: unknown[]) => ({ name: 'Probe', triggers: [{ type: 'manual' }], steps });

describe('templates never touch the file system', () => {
  it.each(['budtender', 'admin'] as const)('as %s: a dry run of an include tag is refused at validation and reads nothing', async (role) => {
    const res = await call(draftDryRunRoute.POST, { method: 'POST', cookie: cookies[role], body: { definition: draft([notify(INCLUDE)]) } });
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues).toEqual([{ path: 'steps.0.title', message: expect.stringMatching(/\{% include %\} is not allowed/) }]);
    expect(leaked(res)).toEqual([]);
  });

  it.each(['budtender', 'admin'] as const)('as %s: validation names every file tag at its field', async (role) => {
    const res = await call(validateRoute.POST, {
      method: 'POST',
      cookie: cookies[role],
      body: draft([
        notify('Hello', RENDER),
        { action: 'create_task', title: "{%- include 'package.json' -%}", description: "{% liquid\n layout 'package.json' %}" },
        { action: 'send_sms', body: `Hi ${INCLUDE}` },
        { action: 'send_email', subject: RENDER, body: '<p>Hi</p>' },
      ]),
    });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    const byPath = Object.fromEntries(res.body.problems.map((p: { path: string; message: string }) => [p.path, p.message]));
    expect(byPath).toMatchObject({
      'steps.0.message': expect.stringMatching(/\{% render %\} is not allowed/),
      'steps.1.title': expect.stringMatching(/\{% include %\} is not allowed/),
      'steps.1.description': expect.stringMatching(/\{% layout %\} is not allowed/),
      'steps.2.body': expect.stringMatching(/\{% include %\} is not allowed/),
      'steps.3.subject': expect.stringMatching(/\{% render %\} is not allowed/),
    });
    expect(leaked(res)).toEqual([]);
  });

  it('a playbook carrying {% render %} is not saved, nor an edit that adds one', async () => {
    const created = await call(playbooksRoute.POST, { method: 'POST', cookie: cookies.admin, body: draft([notify(RENDER)]) });
    expect(created.status).toBe(422);
    expect(created.body.error.details.issues).toEqual([{ path: 'steps.0.title', message: expect.stringMatching(/\{% render %\} is not allowed/) }]);
    expect((await call(playbooksRoute.GET, { cookie: cookies.admin })).body.playbooks).toEqual([]);

    const ok = await call(playbooksRoute.POST, { method: 'POST', cookie: cookies.admin, body: draft([notify('Hi {{ customer.name }}')]) });
    expect(ok.status).toBe(201);
    const id = ok.body.playbook.id;
    const patched = await call(playbookRoute.PATCH, {
      method: 'PATCH',
      cookie: cookies.admin,
      params: { id },
      body: { steps: [{ action: 'create_task', title: 'Call', description: INCLUDE }] },
    });
    expect(patched.status).toBe(422);
    expect(patched.body.error.details.issues[0].path).toBe('steps.0.description');
    expect((await tenantDb(t.orgId).playbooks.getOrThrow(id)).version).toBe(1);
  });

  it('a template with {% include %}, {% render %} or {% layout %} is refused at its field; nothing is saved', async () => {
    const sms = await call(templatesRoute.POST, {
      method: 'POST',
      cookie: cookies.owner,
      body: { key: 'probe_sms', name: 'Probe', channel: 'sms', kind: 'transactional', body: INCLUDE },
    });
    expect(sms.status).toBe(422);
    expect(sms.body.error.details.issues).toEqual([{ path: 'body', message: expect.stringMatching(/\{% include %\} is not allowed/) }]);
    expect(leaked(sms)).toEqual([]);
    const email = await call(templatesRoute.POST, {
      method: 'POST',
      cookie: cookies.owner,
      body: { key: 'probe_email', name: 'Probe', channel: 'email', kind: 'marketing', subject: RENDER, body: "<p>{% layout 'package.json' %}</p>" },
    });
    expect(email.status).toBe(422);
    expect(email.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['subject', 'body']);
    const edit = await call(templateRoute.PUT, {
      method: 'PUT',
      cookie: cookies.owner,
      params: { id: 'order_ready_sms' },
      body: { name: 'Order ready', channel: 'sms', kind: 'transactional', subject: null, body: `Ready! ${INCLUDE}` },
    });
    expect(edit.status).toBe(422);
    expect(edit.body.error.details.issues[0].path).toBe('body');
    const templates = (await tenantDb(t.orgId).templates.ref.get()).docs.map((d) => d.data());
    expect(templates.map((x) => x.id)).not.toContain('probe_sms');
    expect(templates.find((x) => x.id === 'order_ready_sms')!.body).not.toContain('include');
  });

  it('a message written in the send dialog cannot include files either', async () => {
    const customerId = await seedMessagingCustomer(t);
    const res = await call(previewRoute.POST, {
      method: 'POST',
      cookie: cookies.owner,
      body: { customerId, channel: 'sms', kind: 'transactional', content: { body: `Hi ${INCLUDE}` } },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/\{% include %\} is not allowed/);
    expect(leaked(res)).toEqual([]);
  });

  it('a playbook saved before this check still reads nothing when dry-run', async () => {
    const ok = await call(playbooksRoute.POST, { method: 'POST', cookie: cookies.admin, body: draft([notify('Fine')]) });
    const id = ok.body.playbook.id as string;
    // Written straight to the store, as an old version would be.
    const versions = tenantDb(t.orgId).playbookVersions(id);
    const v1 = await versions.getOrThrow('1');
    await versions.set({ ...v1, steps: [{ ...v1.steps[0]!, title: INCLUDE }] });
    for (const role of ['budtender', 'admin'] as const) {
      const res = await call(savedDryRunRoute.POST, { method: 'POST', cookie: cookies[role], params: { id }, body: {} });
      // A budtender may not dry-run at all (403); an admin's dry run renders without the file system.
      expect(res.status, role).toBe(role === 'budtender' ? 403 : 200);
      expect(leaked(res)).toEqual([]);
    }
  });
});

describe('one request, one render budget', () => {
  const LOOP = '{% for i in (1..9999999) %}{% endfor %}';
  // Within the memory limit, so only the time budget stops it: many seconds of work unbudgeted.
  const SLOW = '{% for i in (1..999999) %}{% if i == 0 %}{% endif %}{% if i == 1 %}{% endif %}{% if i == 2 %}{% endif %}{% endfor %}';

  /** Runs the request while a timer and a health check try to get a turn; reports how long they waited. */
  async function whileBlocked<T>(request: () => Promise<T>) {
    let lastTick = performance.now();
    let worstGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - lastTick);
      lastTick = now;
    }, 10);
    const started = performance.now();
    const healthPlanned = started + 50;
    const health = new Promise<number>((resolve) =>
      setTimeout(async () => {
        const res = await call(healthRoute.GET);
        expect(res.status).toBe(200);
        resolve(performance.now() - healthPlanned);
      }, 50),
    );
    const result = await request();
    const elapsed = performance.now() - started;
    const healthWait = await health;
    clearInterval(timer);
    return { result, elapsed, healthWait, worstGap };
  }

  it.each([
    ['the reported flood', LOOP],
    ['a loop within the memory limit', SLOW],
  ])('a dry run of five steps running %s finishes within 1.5 s and starves nobody', async (_name, source) => {
    const body = { definition: draft(Array.from({ length: 5 }, () => notify(source))) };
    // Warm the route and the session check, so the figures below are the renders'.
    // (Budtenders are refused dry runs outright, so the budget is proven on an admin's.)
    await call(draftDryRunRoute.POST, { method: 'POST', cookie: cookies.admin, body: { definition: draft([notify('warm')]) } });
    const {
      result: res,
      elapsed,
      healthWait,
      worstGap,
    } = await whileBlocked(() => call(draftDryRunRoute.POST, { method: 'POST', cookie: cookies.admin, body }));
    expect(res.status).toBe(200);
    expect(res.body.steps).toHaveLength(5);
    expect(elapsed).toBeLessThan(1_500);
    expect(healthWait).toBeLessThan(1_500);
    expect(worstGap).toBeLessThan(1_500);
    if (source === SLOW) {
      // The budget ran out part-way: the rest are skipped with the reason, not rendered.
      const skipped = res.body.steps.filter((s: { status: string }) => s.status === 'skipped');
      expect(skipped.length).toBeGreaterThanOrEqual(4);
      expect(skipped.at(-1)).toMatchObject({ skipReason: 'Render budget used up', detail: expect.stringMatching(/One request may spend 1 s rendering/) });
    }
  });

  it('a preview whose template loops past the budget is a 422, not a hang', async () => {
    const customerId = await seedMessagingCustomer(t);
    const {
      result: res,
      elapsed,
      worstGap,
    } = await whileBlocked(() =>
      call(previewRoute.POST, {
        method: 'POST',
        cookie: cookies.owner,
        body: { customerId, channel: 'email', kind: 'transactional', content: { subject: `Hi${SLOW}`, body: `<p>${SLOW}</p>` } },
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/not rendered\. One request may spend 1 s rendering templates/);
    expect(elapsed).toBeLessThan(1_500);
    expect(worstGap).toBeLessThan(1_500);
  });

  it('a template that loops past the budget is refused at save, naming the field', async () => {
    const res = await call(templatesRoute.POST, {
      method: 'POST',
      cookie: cookies.owner,
      body: { key: 'probe_slow', name: 'Slow', channel: 'email', kind: 'transactional', subject: 'Hi', body: `<p>${SLOW}</p>` },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues[0]).toMatchObject({ path: 'body', message: expect.stringMatching(/One request may spend 1 s rendering/) });
    expect(await tenantDb(t.orgId).templates.get('probe_slow')).toBeNull();
  });
});

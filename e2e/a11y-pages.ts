import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { whenHydrated } from './helpers';

/** Every dashboard route, read from the app directory, so a page added later is checked without anyone listing it. */
export function dashboardRoutes(): string[] {
  const root = path.join(process.cwd(), 'src/app/dashboard');
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name === 'page.tsx') routes.push(`/dashboard${path.relative(root, dir) ? `/${path.relative(root, dir).split(path.sep).join('/')}` : ''}`);
    }
  };
  walk(root);
  return routes.sort();
}

/** Seeded or freshly made records that the detail pages need: one of each. */
export interface Records {
  customer: string;
  playbook: string;
  template: string;
  send: string;
  delivery: string;
  task: string;
}

export interface Visit {
  url: string;
  /** Put the page in the state worth checking (a run's steps open) before the checks. */
  prepare?: (page: Page) => Promise<void>;
}

/**
 * What to open for each route. A static route is opened as it is; a dynamic one needs an entry
 * here (the spec fails naming any that has none), and some routes are worth a second state.
 */
export const ROUTE_VISITS: Record<string, (r: Records) => Visit[]> = {
  '/dashboard/customers/[id]': (r) => [{ url: `/dashboard/customers/${r.customer}` }],
  '/dashboard/integrations/deliveries/[id]': (r) => [{ url: `/dashboard/integrations/deliveries/${r.delivery}` }],
  '/dashboard/messages/templates/[id]': (r) => [{ url: `/dashboard/messages/templates/${r.template}` }],
  '/dashboard/playbooks/[id]': (r) => [
    { url: `/dashboard/playbooks/${r.playbook}` },
    { url: `/dashboard/playbooks/${r.playbook}?tab=dry-run` },
    {
      url: `/dashboard/playbooks/${r.playbook}?tab=runs`,
      prepare: async (page) => {
        // A run, with its steps open.
        const steps = page.getByTestId('run-row').first().getByRole('button', { name: /Steps/ });
        await steps.click();
        await expect(page.getByTestId('run-step').first()).toBeVisible();
      },
    },
    { url: `/dashboard/playbooks/${r.playbook}?tab=results` },
    { url: `/dashboard/playbooks/${r.playbook}?tab=versions` },
  ],
  '/dashboard/outbox': (r) => [{ url: `/dashboard/outbox?id=${r.send}` }],
  '/dashboard/tasks': () => [{ url: '/dashboard/tasks' }, { url: '/dashboard/tasks?status=all' }],
  '/dashboard/customers/segments': () => [
    { url: '/dashboard/customers/segments' },
    {
      url: '/dashboard/customers/segments',
      prepare: async (page) => {
        // The editor with its live count, for those who may make one (the budtender sees the list only).
        const open = page.getByRole('button', { name: 'New saved segment' });
        if (!(await open.count())) return;
        await whenHydrated(open);
        await open.click();
        await expect(page.getByTestId('segment-live-count')).toContainText(/\d customers? match/, { timeout: 60_000 });
      },
    },
  ],
};

export function visitsFor(routes: string[], records: Records): { visits: Visit[]; unmapped: string[] } {
  const visits: Visit[] = [];
  const unmapped: string[] = [];
  for (const route of routes) {
    const mapped = ROUTE_VISITS[route];
    if (mapped) visits.push(...mapped(records));
    else if (route.includes('[')) unmapped.push(route);
    else visits.push({ url: route });
  }
  return { visits, unmapped };
}

async function json<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** One of each record, made through the API as the owner would make it. */
export async function makeRecords(request: APIRequestContext): Promise<Records> {
  const { customers } = await json<{ customers: Array<{ id: string }> }>(await request.get('/api/customers?limit=1&sort=recent'), 'customers');
  const customer = customers[0]!.id;
  const listed = await json<{ playbooks: Array<{ playbook: { id: string; status: string; installedFrom: string | null } }> }>(
    await request.get('/api/playbooks'),
    'playbooks',
  );
  const playbooks = listed.playbooks.map((p) => p.playbook);
  // The seeded thank-you is active and starts by hand for anyone, so its run log has a run.
  const playbook = (playbooks.find((p) => p.installedFrom === 'order_thank_you') ?? playbooks.find((p) => p.status === 'active'))!.id;
  await json(await request.post(`/api/playbooks/${playbook}/run`, { data: { customerId: customer } }), 'run the playbook');
  const { templates } = await json<{ templates: Array<{ id: string }> }>(await request.get('/api/messages/templates'), 'templates');
  const sent = await json<{ send: { id: string } }>(
    await request.post('/api/messages/send', {
      data: { customerId: customer, channel: 'sms', templateId: 'points_reminder_sms', idempotencyKey: `a11y-${Date.now()}` },
    }),
    'send a message',
  );
  const { endpoints } = await json<{ endpoints: Array<{ id: string }> }>(await request.get('/api/integrations/endpoints'), 'endpoints');
  // The test delivery posts to our own webhook, which a cold server may answer after the sender gave up; it is stored either way.
  await request.post(`/api/integrations/endpoints/${endpoints[0]!.id}/test-delivery`, { data: {}, timeout: 60_000 });
  const { deliveries } = await json<{ deliveries: Array<{ id: string }> }>(await request.get('/api/integrations/deliveries?limit=1'), 'deliveries');
  const delivery = deliveries[0]!.id;
  const { task } = await json<{ task: { id: string } }>(
    await request.post('/api/tasks', {
      data: { title: 'Call back about the pre-roll sampler order', customerId: customer, assignRole: 'budtender', dueAt: '2030-05-04T15:30:00-04:00' },
    }),
    'task',
  );
  return { customer, playbook, template: templates[0]!.id, send: sent.send.id, delivery, task: task.id };
}

/** Axe's serious and critical findings, one readable paragraph each. */
export function describeViolations(url: string, results: AxeResults): string[] {
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `      ${n.target.join(' ')}\n        ${(n.failureSummary ?? '').replace(/\n/g, '\n        ')}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n      …and ${v.nodes.length - 5} more` : '';
      return `${url}: [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    });
}

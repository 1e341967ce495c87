import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GALLERY } from '@/domain/playbooks/gallery';
import { stepTypes } from '@/domain/playbooks/steps';
import { DECLARED_JOBS } from '@/server/services/cron/scheduler-jobs';
import { TICK_TASKS } from '@/server/services/cron/run-tick';

function routesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routesUnder(full);
    return name === 'route.ts' ? [path.dirname(full)] : [];
  });
}

// docs/playbooks.md is the reference for developers and dispensary admins: it must keep naming
// every step, gallery entry, cron task, scheduler job and playbook route the code has.
describe('docs/playbooks.md', () => {
  const doc = readFileSync('docs/playbooks.md', 'utf8');

  it('documents every registered step type and every gallery playbook', () => {
    for (const t of stepTypes()) expect(doc, t.action).toContain(`\`${t.action}\``);
    for (const g of GALLERY) expect(doc, g.key).toContain(`\`${g.key}\``);
  });

  it('names every tick task and every declared Cloud Scheduler job', () => {
    for (const t of TICK_TASKS) expect(doc, t.name).toContain(`\`${t.name}\``);
    for (const j of DECLARED_JOBS) expect(doc, j.id).toContain(`\`${j.id}\``);
  });

  it('lists every playbook API route', () => {
    const routes = routesUnder('src/app/api/playbooks').map((d) => `/${path.relative('src/app', d).replace(/\[(\w+)\]/g, '{$1}')}`);
    expect(routes.length).toBeGreaterThan(5);
    for (const r of routes) expect(doc, r).toMatch(new RegExp(`(GET|POST|PUT|PATCH|DELETE) ${r.replace(/[{}]/g, '\\$&')}\``));
  });
});

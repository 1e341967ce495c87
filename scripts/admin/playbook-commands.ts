import { readFileSync } from 'node:fs';
import { AppError, type FieldIssue } from '@/domain/errors';
import { systemActor } from '@/domain/roles';
import { RunStatusSchema } from '@/domain/playbooks/run';
import { tenantsCollection } from '@/server/db/tenant-db';
import type { ServiceContext } from '@/server/context';
import { createPlaybook } from '@/server/services/playbooks/create-playbook';
import { listPlaybooks } from '@/server/services/playbooks/list-playbooks';
import { listRuns } from '@/server/services/playbooks/list-runs';
import { setPlaybookStatus } from '@/server/services/playbooks/set-playbook-status';
import { need, optional, UsageError, type CommandContext, type CommandGroup } from './registry';

async function tenantCtx(o: Record<string, string | boolean | undefined>, c: CommandContext): Promise<ServiceContext> {
  const orgId = need(o, 'tenant');
  await tenantsCollection().getOrThrow(orgId);
  return { orgId, actor: systemActor('admin-cli'), clock: c.clock };
}

function describeTrigger(t: { type: string; eventName?: string; cron?: string }) {
  return t.type === 'event' ? t.eventName : t.type === 'schedule' ? `schedule "${t.cron}"` : t.type;
}

/** A refused definition names every problem with its path, as the API's 422 does, not just their count. */
function withProblems(err: unknown): unknown {
  if (!(err instanceof AppError)) return err;
  const issues = (err.details as { issues?: FieldIssue[] } | undefined)?.issues;
  if (!issues?.length) return err;
  const head = issues.length === 1 ? 'The playbook has a problem:' : `The playbook has ${issues.length} problems:`;
  return new AppError(err.code, [head, ...issues.map((i) => `  ${i.path}: ${i.message}`)].join('\n'), err.details);
}

export const playbookCommands: CommandGroup = {
  name: 'playbook',
  summary: 'playbooks: automated journeys',
  commands: [
    {
      name: 'create',
      summary: 'Create a playbook from a JSON definition (as POST /api/playbooks takes it); --activate switches it on.',
      options: {
        tenant: { description: 'Dispensary id', required: true },
        file: { description: 'Path of the JSON definition', required: true },
        activate: { description: 'Activate it at once', type: 'boolean' },
      },
      async run(o, c) {
        const ctx = await tenantCtx(o, c);
        const path = need(o, 'file');
        let definition: unknown;
        try {
          definition = JSON.parse(readFileSync(path, 'utf8'));
        } catch (err) {
          throw new UsageError(`Cannot read a JSON definition from ${path}: ${(err as Error).message}`);
        }
        let playbook = await createPlaybook(ctx, definition as never).catch((err: unknown) => {
          throw withProblems(err);
        });
        if (o.activate) playbook = await setPlaybookStatus(ctx, playbook.id, 'active');
        return { id: playbook.id, name: playbook.name, status: playbook.status, version: playbook.version, steps: playbook.steps.length };
      },
    },
    {
      name: 'list',
      summary: 'List the playbooks with status, triggers and the last 30 days of runs and messages.',
      options: { tenant: { description: 'Dispensary id', required: true } },
      async run(o, c) {
        const ctx = await tenantCtx(o, c);
        return (await listPlaybooks(ctx)).map(({ playbook: p, runs30d, messages30d }) => ({
          id: p.id,
          name: p.name,
          status: p.status,
          version: p.version,
          triggers: p.triggers.map(describeTrigger).join(', '),
          runs30d,
          messages30d,
        }));
      },
    },
  ],
};

export const runCommands: CommandGroup = {
  name: 'runs',
  summary: 'playbook runs (the execution log)',
  commands: [
    {
      name: 'list',
      summary: 'The latest runs of a playbook, newest first, with each step’s outcome.',
      options: {
        tenant: { description: 'Dispensary id', required: true },
        playbook: { description: 'Playbook id', required: true },
        status: { description: `One of ${RunStatusSchema.options.join(', ')}` },
        limit: { description: 'How many (default 25, at most 100)' },
      },
      async run(o, c) {
        const ctx = await tenantCtx(o, c);
        const status = optional(o, 'status');
        if (status && !RunStatusSchema.safeParse(status).success) throw new UsageError(`--status must be one of ${RunStatusSchema.options.join(', ')}.`);
        const { runs } = await listRuns(ctx, { playbookId: need(o, 'playbook') }, { status: status as never, limit: optional(o, 'limit') ?? '25' });
        return runs.map((r) => ({
          id: r.id,
          status: r.status,
          version: r.version,
          customerId: r.customerId,
          startedAt: r.startedAt,
          resumeAt: r.resumeAt,
          steps: r.stepResults.map((s) => `${s.action}:${s.status}${s.branch ? `(${s.branch})` : ''}`).join(' > '),
        }));
      },
    },
  ],
};

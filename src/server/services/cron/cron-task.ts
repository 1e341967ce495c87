import type { Clock } from '@/domain/clock';
import type { Logger } from '../../log';

export interface CronDeps {
  clock: Clock;
  log: Logger;
  /** Epoch ms by which the task should stop taking new work; the rest waits for the next call. */
  deadline: number;
  /** Narrows every task to one tenant (tests and the admin CLI); the scheduled tick covers all tenants. */
  orgId?: string;
}

/** One bounded unit of periodic work, safe to run concurrently on several instances. */
export interface CronTask {
  name: string;
  run(deps: CronDeps): Promise<Record<string, unknown>>;
}

export interface CronTaskReport {
  name: string;
  ok: boolean;
  ms: number;
  report?: Record<string, unknown>;
  error?: string;
}

/** Runs tasks one after another within a time budget; one failing task does not stop the rest. */
export async function runCronTasks(
  tasks: CronTask[],
  deps: Omit<CronDeps, 'deadline'> & { budgetMs: number },
): Promise<{ ranAt: string; ms: number; tasks: CronTaskReport[] }> {
  const started = Date.now();
  const deadline = started + deps.budgetMs;
  const reports: CronTaskReport[] = [];
  for (const task of tasks) {
    const t0 = Date.now();
    try {
      const report = await task.run({ clock: deps.clock, log: deps.log.child({ cronTask: task.name }), deadline, orgId: deps.orgId });
      reports.push({ name: task.name, ok: true, ms: Date.now() - t0, report });
    } catch (err) {
      deps.log.error({ err, cronTask: task.name }, 'cron task failed');
      reports.push({ name: task.name, ok: false, ms: Date.now() - t0, error: (err as Error).message });
    }
  }
  return { ranAt: deps.clock.now().toISOString(), ms: Date.now() - started, tasks: reports };
}

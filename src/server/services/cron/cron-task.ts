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

/**
 * Runs tasks one after another within a time budget; one failing task does not stop the rest.
 *
 * The budget is shared fairly, so a backlog in one task (a day of failed deliveries, a large
 * campaign) cannot take the tick from the tasks after it (abandoned carts, schedules, journeys'
 * waits). In the first round each task may take its share of what is left: the time left divided
 * by the tasks still to run, so a task that finishes early leaves its time to the rest. In the
 * second round the tasks that used their whole share run again, in the same order, until the
 * deadline: no time is left idle while any of them has work. A task run twice reports once, its
 * times and counts added.
 */
export async function runCronTasks(
  tasks: CronTask[],
  deps: Omit<CronDeps, 'deadline'> & { budgetMs: number },
): Promise<{ ranAt: string; ms: number; tasks: CronTaskReport[] }> {
  const started = Date.now();
  const deadline = started + deps.budgetMs;
  const reports = new Map<CronTask, CronTaskReport>();
  const run = async (task: CronTask, until: number) => {
    const t0 = Date.now();
    let report: CronTaskReport;
    try {
      const r = await task.run({ clock: deps.clock, log: deps.log.child({ cronTask: task.name }), deadline: until, orgId: deps.orgId });
      report = { name: task.name, ok: true, ms: Date.now() - t0, report: r };
    } catch (err) {
      deps.log.error({ err, cronTask: task.name }, 'cron task failed');
      report = { name: task.name, ok: false, ms: Date.now() - t0, error: (err as Error).message };
    }
    const before = reports.get(task);
    reports.set(task, before ? combined(before, report) : report);
    return report;
  };

  const cutShort: CronTask[] = [];
  for (const [i, task] of tasks.entries()) {
    const shareEnds = Date.now() + Math.max(0, deadline - Date.now()) / (tasks.length - i);
    const report = await run(task, shareEnds);
    if (report.ok && shareEnds < deadline && Date.now() >= shareEnds) cutShort.push(task);
  }
  for (const task of cutShort) {
    if (Date.now() >= deadline) break;
    await run(task, deadline);
  }
  return { ranAt: deps.clock.now().toISOString(), ms: Date.now() - started, tasks: tasks.map((t) => reports.get(t)!) };
}

/**
 * Two runs of one task as one report: times and counts added, except what is left (`left…`
 * fields: the later run's) and the documents the first run found due but left, which the second
 * finds due again and are counted once.
 */
function combined(a: CronTaskReport, b: CronTaskReport): CronTaskReport {
  const num = (r: Record<string, unknown> | undefined, k: string) => (typeof r?.[k] === 'number' ? (r[k] as number) : null);
  const report: Record<string, unknown> = { ...a.report, ...b.report };
  for (const k of Object.keys(b.report ?? {})) {
    const [x, y] = [num(a.report, k), num(b.report, k)];
    if (x !== null && y !== null && !k.startsWith('left')) report[k] = x + y;
  }
  const [due, left] = [num(a.report, 'due'), num(a.report, 'leftForNextTick')];
  if (due !== null && left !== null && typeof report.due === 'number') report.due -= left;
  return {
    name: a.name,
    ok: a.ok && b.ok,
    ms: a.ms + b.ms,
    ...(a.report || b.report ? { report } : {}),
    ...((b.error ?? a.error) ? { error: b.error ?? a.error } : {}),
  };
}

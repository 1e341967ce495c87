import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '@/domain/clock';
import { runCronTasks, type CronDeps, type CronTask } from './cron-task';

const log = pino({ level: 'silent' });

/** A task with `items` of work at `msEach`, taking new work only before its deadline, as workDue does. */
function backlog(name: string, items: number, msEach: number, seen: Array<{ name: string; deadline: number; at: number }>): CronTask & { left: () => number } {
  let left = items;
  return {
    name,
    left: () => left,
    async run(d: CronDeps) {
      seen.push({ name, deadline: d.deadline, at: Date.now() });
      let worked = 0;
      while (left > 0 && Date.now() < d.deadline) {
        await new Promise((r) => setTimeout(r, msEach));
        left -= 1;
        worked += 1;
      }
      return { due: worked + left, worked, leftForNextTick: left };
    },
  };
}

describe('the tick’s budget', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] }));
  afterEach(() => vi.useRealTimers());

  const tick = (tasks: CronTask[], budgetMs: number) => {
    const done = runCronTasks(tasks, { clock: new ManualClock(new Date('2026-12-02T12:00:00Z')), log, budgetMs });
    return vi.runAllTimersAsync().then(() => done);
  };

  it('a backlog in an early task leaves the later tasks their share, then takes the time they left', async () => {
    const seen: Array<{ name: string; deadline: number; at: number }> = [];
    // Failed deliveries enough for ten minutes, then abandoned carts and journeys' waits with a little work each.
    const retries = backlog('retries', 6_000, 100, seen);
    const carts = backlog('carts', 20, 100, seen);
    const runs = backlog('runs', 50, 100, seen);
    const result = await tick([retries, carts, runs], 45_000);

    // The later tasks finished their work although the first could have used the whole budget.
    expect(carts.left()).toBe(0);
    expect(runs.left()).toBe(0);
    // The first had its third of the budget first, then everything the others did not use.
    expect(seen.map((s) => s.name)).toEqual(['retries', 'carts', 'runs', 'retries']);
    expect(seen[0]!.deadline - seen[0]!.at).toBe(15_000);
    expect(6_000 - retries.left()).toBe(450 - 20 - 50);
    expect(result.ms).toBe(45_000);

    // One report per task, the two runs added up: 380 worked, what is left after the second run,
    // and the documents the first run left counted due once.
    const r = result.tasks.find((t) => t.name === 'retries')!;
    expect(result.tasks.map((t) => t.name)).toEqual(['retries', 'carts', 'runs']);
    expect(r).toMatchObject({ ok: true, ms: 45_000 - 7_000, report: { worked: 380, leftForNextTick: 6_000 - 380, due: 6_000 } });
  });

  it('a task that finishes early leaves its time to the tasks after it', async () => {
    const seen: Array<{ name: string; deadline: number; at: number }> = [];
    const idle = backlog('idle', 0, 100, seen);
    const busy = backlog('busy', 1_000, 100, seen);
    await tick([idle, busy], 45_000);
    // The idle task took no time, so the busy one may use all 45 s in one run.
    expect(seen.map((s) => s.name)).toEqual(['idle', 'busy']);
    expect(seen[1]!.deadline - seen[1]!.at).toBe(45_000);
    expect(busy.left()).toBe(1_000 - 450);
  });

  it('a failing task is reported and the rest still run', async () => {
    const seen: Array<{ name: string; deadline: number; at: number }> = [];
    const failing: CronTask = {
      name: 'failing',
      run: () => Promise.reject(new Error('Firestore is unavailable')),
    };
    const after = backlog('after', 3, 100, seen);
    const result = await tick([failing, after], 45_000);
    expect(result.tasks[0]).toMatchObject({ name: 'failing', ok: false, error: 'Firestore is unavailable' });
    expect(after.left()).toBe(0);
  });
});

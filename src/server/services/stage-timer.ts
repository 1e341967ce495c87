import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where a delivery's processing spends its time (docs/performance.md):
 * - read: the body, mapping, the pre-reads (identities, products, the listener registry);
 * - resolve: finding or creating the customer;
 * - apply: the signal's effects (the order, refunds, the customer's aggregates);
 * - record: storing the events;
 * - dispatch: exits, wakes, listeners and starting runs, less the runs themselves;
 * - run: executing a started run up to its first wait, less its sends;
 * - send: sending a message (render, gate, record, deliver);
 * - outcome: recording the delivery's outcome.
 * Stages nest (dispatch > run > send); each figure is the stage's own time, without the stages
 * inside it, so they add up to the whole.
 */
export const STAGES = ['read', 'resolve', 'apply', 'record', 'dispatch', 'run', 'send', 'outcome'] as const;
export type Stage = (typeof STAGES)[number];
export type StageTimes = Record<Stage, number> & { total: number };

interface Open {
  stage: Stage;
  t0: number;
  parent: Open | null;
}
const ambient = new AsyncLocalStorage<{ timer: StageTimer; stage: Stage | null; open: Open | null }>();

export class StageTimer {
  private readonly own: Record<Stage, number> = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  private readonly started = performance.now();
  private readonly open = new Set<Open>();

  /** Runs `fn` with this timer as the ambient one, so nested `timed()` calls are counted here. */
  measure<T>(fn: () => Promise<T>): Promise<T> {
    return ambient.run({ timer: this, stage: null, open: null }, fn);
  }

  async time<T>(stage: Stage, fn: () => Promise<T>): Promise<T> {
    const outer = ambient.getStore();
    const parent = outer?.timer === this ? outer.stage : null;
    if (parent === stage) return fn();
    const entry: Open = { stage, t0: performance.now(), parent: outer?.timer === this ? outer.open : null };
    this.open.add(entry);
    try {
      return await ambient.run({ timer: this, stage, open: entry }, fn);
    } finally {
      this.open.delete(entry);
      const took = performance.now() - entry.t0;
      this.own[stage] += took;
      if (parent) this.own[parent] -= took;
    }
  }

  /**
   * Milliseconds per stage (one decimal), and the total since the timer was made. Stages still
   * under way count up to now (the outcome written inside the signal's own transaction reports
   * from within its apply stage).
   */
  report(): StageTimes {
    const round = (n: number) => Math.round(Math.max(0, n) * 10) / 10;
    const now = performance.now();
    const own = { ...this.own };
    for (const e of this.open) {
      own[e.stage] += now - e.t0;
      if (e.parent) own[e.parent.stage] -= now - e.t0;
    }
    const out = Object.fromEntries(STAGES.map((s) => [s, round(own[s])])) as StageTimes;
    out.total = round(performance.now() - this.started);
    return out;
  }
}

/** Times `fn` as `stage` on the ambient timer; outside a timed delivery it simply runs it. */
export function timed<T>(stage: Stage, fn: () => Promise<T>): Promise<T> {
  const store = ambient.getStore();
  return store ? store.timer.time(stage, fn) : fn();
}

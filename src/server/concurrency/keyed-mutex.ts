/**
 * In-process mutual exclusion per key. Correctness never depends on it (Firestore transactions
 * guarantee that across instances); it keeps one instance's own work on the same customer from
 * contending, which on Firestore means lock waits and retries.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    // Sorted and distinct, so two callers needing overlapping keys always queue in the same order.
    const ordered = [...new Set(keys)].sort();
    const releases: Array<() => void> = [];
    try {
      for (const key of ordered) releases.push(await this.acquire(key));
      return await fn();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}

/** Limits how many tasks run at once; the rest wait in order. */
export class ConcurrencyLimiter {
  private active = 0;
  /** Waiting callers and tasks, in order; a finishing one hands its slot to the first. */
  private readonly queue: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    // A waiter is handed the slot of the one that finishes (it is not counted twice).
    if (this.active >= this.max) await new Promise<void>((r) => this.queue.push(r));
    else this.active += 1;
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /**
   * Runs `task` when a slot is free, leaving the caller nothing to wait on: what waits is the task
   * function alone. A caller awaiting run() waits as a pending promise, and a pending promise keeps
   * the async context it was made in alive (inside a request, everything Next keeps for it) until
   * its turn. The task handles its own failures; one it throws is dropped.
   */
  start(task: () => Promise<unknown>): void {
    if (this.active >= this.max) {
      this.queue.push(() => void this.go(task));
      return;
    }
    this.active += 1;
    void this.go(task);
  }

  private async go(task: () => Promise<unknown>) {
    try {
      await task();
    } catch {
      /* the task's own to report */
    } finally {
      this.release();
    }
  }

  private release() {
    const next = this.queue.shift();
    if (next) next();
    else this.active -= 1;
  }

  get full(): boolean {
    return this.active >= this.max;
  }

  get waiting(): number {
    return this.queue.length;
  }
}

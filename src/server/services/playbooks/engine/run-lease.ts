import type { Timestamp } from 'firebase-admin/firestore';
import type { PendingExit, PlaybookRun } from '@/domain/playbooks/run';
import type { ServiceContext } from '../../../context';
import { tenantDb } from '../../../db/tenant-db';

export const DEFAULT_LEASE_MS = 60_000;
let leaseMsSetting = DEFAULT_LEASE_MS;

/** How long a claim on a run lasts without a heartbeat. */
export function leaseMs(): number {
  return leaseMsSetting;
}

/** Tests shorten the lease to watch heartbeats and take-overs happen in seconds. */
export function setLeaseMs(ms: number): void {
  leaseMsSetting = ms;
}

/** Commits retried after someone else's harmless write (an exit request, a woken wait) before giving up. */
const MAX_COMMIT_ATTEMPTS = 6;

export type CommitResult = 'ok' | 'lost' | 'exit';

/**
 * An executor's hold on one run. Every write it makes is conditional on the run's last update
 * time as this executor knows it. When a write fails, it reads the run again: if the lease still
 * names this executor, nobody took the run over, so the write is retried against the new time
 * (noting any exit requested meanwhile); if not, the run is lost and nothing more is written.
 * While a handler runs, a heartbeat extends the lease the same way, so a slow step keeps its run.
 */
export class RunLease {
  lost = false;
  pendingExit: PendingExit | null;
  written!: Timestamp;
  private timer: ReturnType<typeof setInterval> | null = null;
  private beating: Promise<void> | null = null;
  private known: Promise<void> | null = null;

  /**
   * `written` is the run's last write time as this executor knows it; a run the executor has just
   * created in a transaction (which does not report write times) passes the read that fetches it,
   * made alongside the first step: every write waits for it, and a run found no longer its own is lost.
   */
  constructor(
    private readonly ctx: ServiceContext,
    readonly runId: string,
    readonly owner: string,
    public lease: { owner: string; until: Date } | null,
    written: Timestamp | Promise<Timestamp | null>,
    pendingExit: PendingExit | null,
  ) {
    this.pendingExit = pendingExit;
    if (written instanceof Promise) {
      this.known = written.then((at) => {
        if (at) this.written = at;
        else this.lost = true;
      });
    } else {
      this.written = written;
    }
  }

  /** Resolves once the run's write time is known. */
  private ready(): Promise<void> {
    return this.known ?? Promise.resolve();
  }

  private get runs() {
    return tenantDb(this.ctx.orgId).runs;
  }

  /** Re-reads the run after a failed write: still ours (adopt its time), or lost. */
  async resync(): Promise<PlaybookRun | null> {
    const snap = await this.runs.doc(this.runId).get();
    const run = snap.data();
    if (!run || !snap.updateTime || run.status !== 'running' || run.lease?.owner !== this.owner) {
      this.lost = true;
      return null;
    }
    this.written = snap.updateTime;
    this.lease = run.lease;
    this.pendingExit = run.pendingExit;
    return run;
  }

  /**
   * Writes the patch if the run is still this executor's and nobody asked it to exit. 'exit' means
   * an exit is pending: the caller finishes the run as exited instead of advancing it.
   */
  async commit(patch: Record<string, unknown>): Promise<CommitResult> {
    await this.ready();
    for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
      if (this.lost) return 'lost';
      if (this.pendingExit) return 'exit';
      const at = await this.runs.updateIfUnchanged(this.runId, patch, this.written);
      if (at) {
        this.written = at;
        if ('lease' in patch) this.lease = patch.lease as RunLease['lease'];
        return 'ok';
      }
      await this.resync();
    }
    return 'lost';
  }

  /** Applies the pending exit (with whatever else the caller records, such as the last step's result). */
  async finishExited(extra: Record<string, unknown> = {}): Promise<boolean> {
    await this.ready();
    for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
      if (this.lost || !this.pendingExit) return false;
      const at = await this.runs.updateIfUnchanged(this.runId, { ...extra, ...exitPatch(this.pendingExit, this.ctx.clock.now()) }, this.written);
      if (at) {
        this.written = at;
        this.lease = null;
        return true;
      }
      await this.resync();
    }
    return false;
  }

  /** Runs the work while a heartbeat keeps the lease alive; the heartbeat has stopped when this returns. */
  async heartbeatWhile<T>(work: () => Promise<T>): Promise<T> {
    this.timer = setInterval(
      () => {
        this.beating ??= this.beat().finally(() => (this.beating = null));
      },
      Math.max(50, Math.floor(leaseMs() / 3)),
    );
    try {
      return await work();
    } finally {
      clearInterval(this.timer);
      this.timer = null;
      await this.beating;
    }
  }

  private async beat(): Promise<void> {
    await this.ready();
    for (let attempt = 0; attempt < 2 && !this.lost; attempt++) {
      const lease = { owner: this.owner, until: new Date(this.ctx.clock.now().getTime() + leaseMs()) };
      try {
        const at = await this.runs.updateIfUnchanged(this.runId, { lease }, this.written);
        if (at) {
          this.written = at;
          this.lease = lease;
          return;
        }
        await this.resync();
      } catch (err) {
        // A heartbeat that cannot reach Firestore is not a lost lease yet; the next beat tries again.
        this.ctx.log?.warn({ err, runId: this.runId }, 'playbook lease heartbeat failed');
        return;
      }
    }
  }
}

/** The fields that end a run as exited, from the exit that was asked for. */
export function exitPatch(exit: PendingExit, now: Date): Record<string, unknown> {
  return {
    status: 'exited',
    exitedBy: exit.exitedBy,
    ...(exit.error ? { error: exit.error } : {}),
    pendingExit: null,
    lease: null,
    resumeAt: null,
    waitingFor: null,
    finishedAt: now,
    updatedAt: now,
  };
}

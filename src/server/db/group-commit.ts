import type { DocumentReference, Timestamp, WriteBatch } from 'firebase-admin/firestore';
import { firestore } from './firestore';
import { isFailedPrecondition } from './typed-collection';

/** Adds one caller's writes to a batch. Called again on a fresh batch if its group has to be split. */
export type AddWrites = (batch: WriteBatch) => void;

interface Pending {
  add: AddWrites;
  writes: number;
  bytes: number;
  resolve: (writeTime: Timestamp) => void;
  reject: (err: unknown) => void;
}

/** Firestore's limit is 500 writes a commit; a field transform (an increment) counts as one more. */
const MAX_WRITES = 450;
/** A commit request may carry 10 MiB; a group stays well below, whatever its callers' documents weigh. */
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * Group commit: callers that commit at the same moment share one atomic batch, so N concurrent
 * small commits cost one round trip instead of N (the emulator measured 10x more documents per
 * second in batches of 20 than one at a time; production Firestore saves the RPCs the same way).
 *
 * Each caller's writes stay all-or-nothing and its result stays its own:
 * - nothing waits on a timer. A commit starts on the next turn of the event loop when none is in
 *   flight, so a lone caller commits at once; callers arriving while one is in flight go together
 *   in the next.
 * - when a shared batch fails (a precondition, an existing document, anything), each of its
 *   callers commits again alone, so one caller's conflict never fails or delays another's write
 *   beyond that retry, and each gets the error its own writes would have got.
 * - a caller's conditional write (a create, or a write on a last update time or existence) never
 *   shares a group with another caller's write of that document: the emulator checks every
 *   precondition of a commit against the state before it (the reference does not say how
 *   production does), so two claims of one copy in one batch both passed (a send delivered
 *   twice). The later caller waits for the next group.
 *   Unconditional writes of one document (counter increments) still go together.
 *
 * firebase-admin's BulkWriter batches too, but applies each write on its own (not atomically, and
 * never two writes of one document in a batch); callers here need their writes together (a send
 * and its rollup, a delivery and its live-list copy), hence this small class (docs/performance.md).
 * A group may hold several tenants' writes: each caller builds its own, scoped as always.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(private readonly opts: { maxInFlight?: number; maxWrites?: number; maxBytes?: number } = {}) {}

  /**
   * Commits the writes `add` makes, together with whoever else commits now; resolves with the
   * write time. `size` bounds the group: how many writes `add` makes (a field transform counts
   * one more) and roughly how many bytes they carry.
   */
  commit(add: AddWrites, size: { writes: number; bytes?: number }): Promise<Timestamp> {
    return new Promise<Timestamp>((resolve, reject) => {
      this.queue.push({ add, writes: size.writes, bytes: size.bytes ?? 0, resolve, reject });
      this.schedule();
    });
  }

  /**
   * `commit` for writes conditional on a document's last update time (a claim, a hand-back):
   * resolves with null instead of failing when a precondition no longer holds (the document
   * changed since it was read: someone else's now). Any other error still fails.
   */
  async commitIfUnchanged(add: AddWrites, size: { writes: number; bytes?: number }): Promise<Timestamp | null> {
    try {
      return await this.commit(add, size);
    } catch (err) {
      if (isFailedPrecondition(err)) return null;
      throw err;
    }
  }

  private schedule() {
    if (this.inFlight >= (this.opts.maxInFlight ?? 2) || !this.queue.length) return;
    this.inFlight += 1;
    // Let everything already running on this turn join the group.
    setImmediate(() => {
      void this.flush().finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
    });
  }

  private async flush() {
    const maxWrites = this.opts.maxWrites ?? MAX_WRITES;
    const maxBytes = this.opts.maxBytes ?? MAX_BYTES;
    const group: Pending[] = [];
    const paths = new Map<string, boolean>(); // path -> written on a condition
    const left: Pending[] = [];
    let writes = 0;
    let bytes = 0;
    while (this.queue.length) {
      const next = this.queue[0]!;
      if (group.length && (writes + next.writes > maxWrites || bytes + next.bytes > maxBytes)) break;
      this.queue.shift();
      const mine = pathsOf(next.add);
      // A caller whose writes cannot be listed commits alone, where its own error surfaces.
      const clashes = (w: Written) => paths.has(w.path) && (w.conditional || paths.get(w.path)!);
      if (group.length && (!mine || mine.some(clashes))) {
        left.push(next);
        continue;
      }
      group.push(next);
      for (const w of mine ?? []) paths.set(w.path, w.conditional || (paths.get(w.path) ?? false));
      writes += next.writes;
      bytes += next.bytes;
      if (!mine) break;
    }
    // Callers that touch a document of this group go first in the next one, in their order.
    this.queue.unshift(...left);
    if (!group.length) return;
    if (group.length === 1) return commitAlone(group[0]!);
    const batch = firestore().batch();
    try {
      for (const p of group) p.add(batch);
    } catch {
      // A caller's writes could not even be built: every caller on its own, so only that one fails.
      await Promise.all(group.map(commitAlone));
      return;
    }
    try {
      const [first] = await batch.commit();
      for (const p of group) p.resolve(first!.writeTime);
    } catch {
      await Promise.all(group.map(commitAlone));
    }
  }
}

async function commitAlone(p: Pending): Promise<void> {
  try {
    const batch = firestore().batch();
    p.add(batch);
    const [first] = await batch.commit();
    if (!first) throw new Error('GroupCommit: a caller added no writes.');
    p.resolve(first.writeTime);
  } catch (err) {
    p.reject(err);
  }
}

interface Written {
  path: string;
  /** A create, or an update or delete on a precondition: checked against the state before the commit. */
  conditional: boolean;
}

/** The documents a caller's writes touch; null when its writes cannot be built. */
function pathsOf(add: AddWrites): Written[] | null {
  const written: Written[] = [];
  const onCondition = (args: unknown[]) => {
    const last = args.at(-1);
    return args.length > 0 && typeof last === 'object' && last !== null && ('lastUpdateTime' in last || 'exists' in last);
  };
  const recorder = {
    create: (ref: DocumentReference) => note(ref, true),
    set: (ref: DocumentReference) => note(ref, false),
    update: (ref: DocumentReference, ...rest: unknown[]) => note(ref, rest.length > 1 && onCondition(rest)),
    delete: (ref: DocumentReference, ...rest: unknown[]) => note(ref, onCondition(rest)),
  };
  function note(ref: DocumentReference, conditional: boolean) {
    written.push({ path: ref.path, conditional });
    return recorder;
  }
  try {
    add(recorder as unknown as WriteBatch);
    return written;
  } catch {
    return null;
  }
}

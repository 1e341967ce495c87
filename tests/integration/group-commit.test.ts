import { randomUUID } from 'node:crypto';
import { FieldValue, type Timestamp } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { firestore } from '@/server/db/firestore';
import { GroupCommit } from '@/server/db/group-commit';
import { isAlreadyExists, isFailedPrecondition } from '@/server/db/typed-collection';

// Group commit (src/server/db/group-commit.ts): callers committing at the same moment share one
// batch, and each caller's writes and result stay its own.

/** A commit's identity: its write time, to the nanosecond. */
const key = (t: Timestamp) => `${t.seconds}.${t.nanoseconds}`;

const col = () => firestore().collection(`group_commit_test/${randomUUID()}/docs`);

describe('group commit', () => {
  it('commits concurrent callers together, each caller all-or-nothing, in one commit', async () => {
    const c = col();
    const group = new GroupCommit();
    const times = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        group.commit(
          (b) => {
            b.set(c.doc(`a${i}`), { i });
            b.set(c.doc('total'), { n: FieldValue.increment(1) }, { merge: true });
          },
          { writes: 3 },
        ),
      ),
    );
    expect((await c.doc('total').get()).data()?.n).toBe(30);
    expect((await c.get()).size).toBe(31);
    // The first caller commits alone at once; the ones that came while it was in flight share commits.
    expect(new Set(times.map(key)).size).toBeLessThan(10);
  });

  it('a caller whose precondition fails gets its own error, and the others in its group still land', async () => {
    const c = col();
    await Promise.all([0, 1, 2, 3].map((i) => c.doc(`d${i}`).set({ v: 0 })));
    const snaps = await Promise.all([0, 1, 2, 3].map((i) => c.doc(`d${i}`).get()));
    await c.doc('d2').update({ v: 9 }); // d2 moved since it was read
    const group = new GroupCommit();
    const results = await Promise.allSettled(
      snaps.map((s) =>
        group.commit(
          (b) => {
            b.update(s.ref, { v: 1 }, { lastUpdateTime: s.updateTime! });
            b.set(c.doc(`side-${s.id}`), { by: s.id });
          },
          { writes: 2 },
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(isFailedPrecondition((results[2] as PromiseRejectedResult).reason)).toBe(true);
    const after = await Promise.all([0, 1, 2, 3].map(async (i) => (await c.doc(`d${i}`).get()).data()?.v));
    expect(after).toEqual([1, 1, 9, 1]);
    // All or nothing per caller: the failed caller's other write is not there, the others' are.
    expect((await c.doc('side-d2').get()).exists).toBe(false);
    expect((await c.doc('side-d3').get()).exists).toBe(true);
  });

  it('commitIfUnchanged answers null for a document that moved, and still fails on any other error', async () => {
    const c = col();
    await Promise.all(['a', 'b'].map((id) => c.doc(id).set({ v: 0 })));
    const [a, b] = await Promise.all(['a', 'b'].map((id) => c.doc(id).get()));
    await c.doc('b').update({ v: 9 });
    await c.doc('taken').set({ first: true });
    const group = new GroupCommit();
    const claim = (s: typeof a) => group.commitIfUnchanged((batch) => batch.update(s!.ref, { v: 1 }, { lastUpdateTime: s!.updateTime! }), { writes: 1 });
    const [won, lost, other] = await Promise.allSettled([
      claim(a),
      claim(b),
      group.commitIfUnchanged((batch) => batch.create(c.doc('taken'), {}), { writes: 1 }),
    ]);
    expect(won.status === 'fulfilled' && won.value).toBeTruthy();
    expect(lost).toEqual({ status: 'fulfilled', value: null });
    expect(other.status === 'rejected' && isAlreadyExists(other.reason)).toBe(true);
    expect((await c.doc('b').get()).data()).toEqual({ v: 9 });
  });

  it('never puts two callers writing one document in the same commit: of concurrent claims on one copy, exactly one wins', async () => {
    const c = col();
    await c.doc('send').set({ attempts: 2 });
    const copy = await c.doc('send').get();
    const group = new GroupCommit();
    const claim = (n: number) =>
      group.commitIfUnchanged(
        (b) => {
          b.update(copy.ref, { attempts: 3, by: n }, { lastUpdateTime: copy.updateTime! });
          b.set(c.doc(`side-${n}`), { n });
        },
        { writes: 2 },
      );
    const others = Array.from({ length: 3 }, (_, i) => group.commit((b) => b.set(c.doc(`other-${i}`), { i }), { writes: 1 }));
    const results = await Promise.all([claim(0), claim(1), claim(2), ...others]);
    const claims = results.slice(0, 3);
    // The emulator checks every precondition of a commit against the state before it: three
    // claims of one copy in one batch all passed, and a send went out three times.
    expect(claims.filter((t) => t !== null)).toHaveLength(1);
    const winner = claims.findIndex((t) => t !== null);
    expect((await c.doc('send').get()).data()).toEqual({ attempts: 3, by: winner });
    expect(await Promise.all([0, 1, 2].map(async (n) => (await c.doc(`side-${n}`).get()).exists))).toEqual([0, 1, 2].map((n) => n === winner));
    expect(results.slice(3).every((t) => t !== null)).toBe(true);
  });

  it('a duplicate create fails only its own caller with already-exists', async () => {
    const c = col();
    await c.doc('taken').set({ first: true });
    const group = new GroupCommit();
    const results = await Promise.allSettled(['x', 'taken', 'y'].map((id) => group.commit((b) => b.create(c.doc(id), { id }), { writes: 1 })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(isAlreadyExists((results[1] as PromiseRejectedResult).reason)).toBe(true);
    expect((await c.doc('taken').get()).data()).toEqual({ first: true });
  });

  it('a caller whose writes cannot be built fails alone', async () => {
    const c = col();
    const group = new GroupCommit();
    const results = await Promise.allSettled([
      group.commit((b) => b.set(c.doc('ok1'), { a: 1 }), { writes: 1 }),
      group.commit(
        () => {
          throw new Error('bad writes');
        },
        { writes: 1 },
      ),
      group.commit((b) => b.set(c.doc('ok2'), { a: 2 }), { writes: 1 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(((results[1] as PromiseRejectedResult).reason as Error).message).toBe('bad writes');
  });

  it('keeps each group within its size bounds', async () => {
    const c = col();
    const group = new GroupCommit({ maxWrites: 4, maxInFlight: 1 });
    const times = await Promise.all(Array.from({ length: 12 }, (_, i) => group.commit((b) => b.set(c.doc(`s${i}`), { i }), { writes: 2 })));
    // Two callers a commit at most: at least six commits.
    const counts = new Map<string, number>();
    for (const t of times) counts.set(key(t), (counts.get(key(t)) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    expect((await c.get()).size).toBe(12);
  });
});

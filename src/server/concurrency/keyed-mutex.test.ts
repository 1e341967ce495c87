import { describe, expect, it, vi } from 'vitest';
import { ConcurrencyLimiter, KeyedMutex } from './keyed-mutex';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedMutex', () => {
  it('runs work on the same key one at a time, and different keys side by side', async () => {
    const m = new KeyedMutex();
    let active = 0;
    let maxSame = 0;
    const same = Array.from({ length: 10 }, () =>
      m.run(['customer:1'], async () => {
        active += 1;
        maxSame = Math.max(maxSame, active);
        await tick();
        active -= 1;
      }),
    );
    let overlap = false;
    let inA = false;
    const a = m.run(['a'], async () => {
      inA = true;
      await tick();
      await tick();
      inA = false;
    });
    const b = m.run(['b'], async () => {
      overlap = inA;
    });
    await Promise.all([...same, a, b]);
    expect(maxSame).toBe(1);
    expect(overlap).toBe(true);
  });

  it('takes overlapping key sets in a fixed order, so they never deadlock', async () => {
    const m = new KeyedMutex();
    const order: string[] = [];
    await Promise.all([
      m.run(['x', 'y'], async () => order.push('xy')),
      m.run(['y', 'x'], async () => order.push('yx')),
      m.run(['y'], async () => order.push('y')),
    ]);
    expect(order.sort()).toEqual(['xy', 'y', 'yx']);
  });

  it('releases a key when the work throws', async () => {
    const m = new KeyedMutex();
    await expect(m.run(['k'], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(m.run(['k'], async () => 'ok')).resolves.toBe('ok');
  });
});

describe('ConcurrencyLimiter', () => {
  it('never runs more than its limit at once', async () => {
    const l = new ConcurrencyLimiter(3);
    let active = 0;
    let max = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        l.run(async () => {
          active += 1;
          max = Math.max(max, active);
          await tick();
          active -= 1;
        }),
      ),
    );
    expect(max).toBe(3);
  });

  it('started tasks share the limit with awaited ones, in order, and a failing one frees its slot', async () => {
    const l = new ConcurrencyLimiter(2);
    let active = 0;
    let max = 0;
    const order: string[] = [];
    const work =
      (name: string, fail = false) =>
      async () => {
        active += 1;
        max = Math.max(max, active);
        await tick();
        order.push(name);
        active -= 1;
        if (fail) throw new Error(`${name} failed`);
      };
    l.start(work('a', true));
    l.start(work('b'));
    expect(l.full).toBe(true);
    l.start(work('c'));
    const awaited = l.run(work('d'));
    l.start(work('e'));
    expect(l.waiting).toBe(3);
    await awaited;
    await vi.waitFor(() => expect(order).toHaveLength(5));
    expect(max).toBe(2);
    expect(order.slice(0, 2).sort()).toEqual(['a', 'b']);
    expect(order.indexOf('c')).toBeLessThan(order.indexOf('e'));
    expect(l.full).toBe(false);
    expect(l.waiting).toBe(0);
  });
});

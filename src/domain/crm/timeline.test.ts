import { describe, expect, it } from 'vitest';
import { mergeTimeline, TIMELINE_SOURCES, type SourceRows, type TimelineCursor, type TimelineSource } from './timeline';

const row = (source: TimelineSource, id: string, t: number) => ({
  id,
  at: new Date(t),
  entry: { key: `${source}:${id}`, source, kind: 'note' as const, at: new Date(t), summary: id, by: null, href: null },
});

/** Pages through in-memory sources the way the service pages through queries. */
function pageAll(data: Partial<Record<TimelineSource, ReturnType<typeof row>[]>>, limit: number): string[][] {
  const pages: string[][] = [];
  let cursor: TimelineCursor | null = { v: 1, p: {} };
  while (cursor && pages.length < 50) {
    const p: TimelineCursor['p'] = cursor.p;
    const answers: SourceRows[] = TIMELINE_SOURCES.filter((s) => p[s] !== 'done').map((s) => {
      const pos = p[s];
      const sorted = [...(data[s] ?? [])].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));
      const after = Array.isArray(pos) ? sorted.filter((r) => r.at.getTime() < pos[0] || (r.at.getTime() === pos[0] && r.id < pos[1])) : sorted;
      const rows = after.slice(0, limit + 1);
      return { source: s, rows, full: rows.length === limit + 1 };
    });
    const out = mergeTimeline(p, answers, limit);
    pages.push(out.entries.map((e) => e.key));
    cursor = out.next;
  }
  return pages;
}

describe('mergeTimeline', () => {
  it('merges sources newest first and pages without gaps or duplicates, ties included', () => {
    const data = {
      orders: [row('orders', 'o1', 100), row('orders', 'o2', 300), row('orders', 'o3', 300)],
      notes: [row('notes', 'n1', 200), row('notes', 'n2', 300), row('notes', 'n3', 50)],
      sends: [row('sends', 's1', 250)],
    };
    const pages = pageAll(data, 2);
    const flat = pages.flat();
    expect(flat).toEqual(['notes:n2', 'orders:o3', 'orders:o2', 'sends:s1', 'notes:n1', 'orders:o1', 'notes:n3']);
    expect(pages.every((p) => p.length <= 2)).toBe(true);
  });

  it('ends with no cursor when every source is done', () => {
    const out = mergeTimeline({}, [{ source: 'orders', rows: [row('orders', 'a', 1)], full: false }], 5);
    expect(out.next).toEqual({ v: 1, p: { orders: 'done' } });
    const all = mergeTimeline(
      {},
      TIMELINE_SOURCES.map((s) => ({ source: s, rows: [], full: false })),
      5,
    );
    expect(all.next).toBeNull();
  });
});

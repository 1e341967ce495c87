import { z } from 'zod';

/**
 * One customer's timeline: everything that happened to them, newest first, merged from the stores
 * each kind lives in (docs/crm.md, The customer page). Pure: the sources, the merge and the cursor.
 */
export const TIMELINE_SOURCES = ['orders', 'attributions', 'events', 'sends', 'points', 'runs', 'tasks', 'consent', 'segments', 'notes', 'tags'] as const;
export type TimelineSource = (typeof TIMELINE_SOURCES)[number];

export type TimelineKind =
  | 'order'
  | 'attribution'
  | 'refund'
  | 'browse'
  | 'cart'
  | 'wishlist'
  | 'review'
  | 'message'
  | 'points'
  | 'playbook_run'
  | 'task'
  | 'consent'
  | 'segment'
  | 'note'
  | 'tag';

export interface TimelineEntry {
  /** Unique on the page: source and document id. */
  key: string;
  source: TimelineSource;
  kind: TimelineKind;
  at: Date;
  /** Plain words, as the viewer's role may read them (no ids, no expressions; amounts only for revenue roles). */
  summary: string;
  /** Who did it, when a person did (notes, tags, counter consent). */
  by: string | null;
  href: string | null;
  /** A note's id and whether this viewer may delete it. */
  noteId?: string;
  canDelete?: boolean;
}

/** A source's place: the last entry already shown (time, document id), or done when nothing older is left. */
const PositionSchema = z.union([z.tuple([z.number().int(), z.string().min(1).max(300)]), z.literal('done')]);
export type SourcePosition = z.infer<typeof PositionSchema>;
export const TimelineCursorSchema = z.object({
  v: z.literal(1),
  p: z.partialRecord(z.enum(TIMELINE_SOURCES), PositionSchema),
});
export type TimelineCursor = z.infer<typeof TimelineCursorSchema>;

/** What one source's query answered: up to `limit + 1` rows after its position, newest first (time, then id, descending). */
export interface SourceRows {
  source: TimelineSource;
  rows: Array<{ id: string; at: Date; entry: TimelineEntry | null }>;
  /** Whether the query may have more than it returned (it returned the full `limit + 1`). */
  full: boolean;
}

/**
 * The k-way merge: the newest `limit` rows across sources, and the cursor after them (each source's
 * last row taken, or done when a source gave everything it had). Rows a source returns but the
 * viewer does not see (entry null) still advance its position, so they are never read again.
 */
export function mergeTimeline(previous: TimelineCursor['p'], answers: SourceRows[], limit: number): { entries: TimelineEntry[]; next: TimelineCursor | null } {
  const all = answers.flatMap((a) => a.rows.map((r) => ({ ...r, source: a.source })));
  all.sort((x, y) => y.at.getTime() - x.at.getTime() || x.source.localeCompare(y.source) || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0));
  const taken = all.slice(0, limit);
  const p: TimelineCursor['p'] = { ...previous };
  for (const a of answers) {
    const mine = taken.filter((r) => r.source === a.source);
    const last = mine.at(-1);
    if (mine.length === a.rows.length && !a.full) p[a.source] = 'done';
    else if (last) p[a.source] = [last.at.getTime(), last.id];
  }
  const more = TIMELINE_SOURCES.some((s) => p[s] !== 'done');
  return { entries: taken.flatMap((r) => (r.entry ? [r.entry] : [])), next: more ? { v: 1, p } : null };
}

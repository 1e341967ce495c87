import { z } from 'zod';

/**
 * tenants/{orgId}/segment_recompute/{id}: one pass over every customer (`thresholds`: after a
 * save of the segment thresholds; `nightly`: the daily scan, as days since the last order move
 * without events). The cursor lets a pass cut short by its time budget go on at the next tick;
 * the settings page polls `thresholds` for its progress bar.
 */
export const SegmentRecomputeSchema = z.object({
  id: z.enum(['thresholds', 'nightly']),
  status: z.enum(['running', 'done']),
  /** Names this pass in the events it stores, so a rerun of the same pass stores nothing twice. */
  runKey: z.string().min(1),
  startedAt: z.date(),
  updatedAt: z.date(),
  finishedAt: z.date().nullable(),
  /** The last customer id done (customers are walked in id order); null: not started. */
  cursor: z.string().nullable(),
  processed: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  /** Customers when the pass started (a count query), for the progress bar. */
  total: z.number().int().nonnegative(),
});
export type SegmentRecompute = z.infer<typeof SegmentRecomputeSchema>;

/** 0-100 for the progress bar; a finished pass is 100 whatever the counts. */
export function recomputePercent(r: Pick<SegmentRecompute, 'status' | 'processed' | 'total'>): number {
  if (r.status === 'done') return 100;
  return r.total ? Math.min(99, Math.floor((r.processed / r.total) * 100)) : 0;
}

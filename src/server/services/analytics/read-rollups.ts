import { ROLLUP_PARTS, tallyOfDoc, type RollupPart, type Tally } from '@/domain/analytics/rollup';
import type { DayKey } from '@/domain/analytics/rollup-day';
import { timestampsToDates } from '../../db/convert';
import { rollupCollection } from './rollups-in-tx';

/**
 * The rollups of [from, to] with each day's shards added up: one query on the day field per part
 * (at most days × ROLLUP_SHARDS[part] small documents). `parts` and `fields` narrow what is read
 * (the Overview needs only the sales counters). Days without figures are absent.
 */
export async function readRollupDays(
  orgId: string,
  from: DayKey,
  to: DayKey,
  opts: { parts?: RollupPart[]; fields?: string[] } = {},
): Promise<Map<DayKey, Tally>> {
  const snaps = await Promise.all(
    (opts.parts ?? ROLLUP_PARTS).map((part) => {
      const query = rollupCollection(orgId, part).ref.withConverter(null).where('day', '>=', from).where('day', '<=', to);
      return (opts.fields ? query.select('day', ...opts.fields) : query).get();
    }),
  );
  const out = new Map<DayKey, Tally>();
  for (const doc of snaps.flatMap((s) => s.docs)) {
    const data = timestampsToDates(doc.data()) as Record<string, unknown>;
    const day = data.day as DayKey;
    const sum = out.get(day) ?? {};
    for (const [k, v] of Object.entries(tallyOfDoc(data))) sum[k] = (sum[k] ?? 0) + v;
    out.set(day, sum);
  }
  for (const [day, t] of out) {
    for (const [k, v] of Object.entries(t)) if (!v) delete t[k];
    if (!Object.keys(t).length) out.delete(day);
  }
  return out;
}

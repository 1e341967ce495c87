import { tallyOfDoc, type Tally } from '@/domain/analytics/rollup';
import type { DayKey } from '@/domain/analytics/rollup-day';
import { timestampsToDates } from '../../db/convert';
import { tenantDb } from '../../db/tenant-db';

/**
 * The rollups of [from, to] with each day's shards added up: one query on the day field (at most
 * days × ROLLUP_SHARDS small documents). `fields` narrows what is read (the Overview needs only
 * the sales counters, not every playbook's). Days without figures are absent.
 */
export async function readRollupDays(orgId: string, from: DayKey, to: DayKey, fields?: string[]): Promise<Map<DayKey, Tally>> {
  let query = tenantDb(orgId).rollupsDaily.ref.withConverter(null).where('day', '>=', from).where('day', '<=', to);
  if (fields) query = query.select('day', ...fields);
  const snap = await query.get();
  const out = new Map<DayKey, Tally>();
  for (const doc of snap.docs) {
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

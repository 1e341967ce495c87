import type { DocumentReference } from 'firebase-admin/firestore';
import { defaultAttributionSettings } from '@/domain/analytics/attribution-settings';
import type { Clock } from '@/domain/clock';
import { tenantDb } from '../db/tenant-db';
import { generateDemoHistory, type DemoHistory } from './demo-history';
import type { DemoData } from './generate-demo-data';

/** Where the history goes: the seed's batch pipeline (or anything that queues a validated write). */
export interface HistoryWriter {
  set<T>(ref: DocumentReference<T>, model: T): Promise<void>;
  delete(ref: DocumentReference): Promise<void>;
}

export interface HistoryCounts {
  runs: number;
  sends: number;
  campaigns: number;
  attributions: number;
  members: number;
}

/**
 * Generates the tenant's 90 days of playbook and campaign history around its demo orders and queues
 * the writes. Needs the playbooks installed (the history refers to their ids and step ids). What an
 * earlier seed wrote (sends keyed `seed:`, runs triggered by `seed-` events, attributions of demo
 * orders, A/B members of demo customers) and this one does not rewrite is deleted, so a re-seed at
 * another `now` leaves no message out of step with the moved orders.
 */
export async function seedDemoHistory(
  writer: HistoryWriter,
  data: Pick<DemoData, 'tenant' | 'customers' | 'orders' | 'products'>,
  opts: { clock: Clock; seed: number; owner: { uid: string; email: string | null } },
): Promise<{ history: DemoHistory; counts: HistoryCounts }> {
  const tdb = tenantDb(data.tenant.id);
  const playbooks = (await tdb.playbooks.ref.get()).docs.map((d) => d.data());
  const settings = (await tdb.analyticsSettings.get('current'))?.attribution ?? defaultAttributionSettings();
  const history = generateDemoHistory({
    orgId: data.tenant.id,
    timeZone: data.tenant.timeZone,
    customers: data.customers,
    orders: data.orders,
    products: data.products,
    playbooks,
    settings,
    now: opts.clock.now(),
    seed: opts.seed,
    owner: opts.owner,
  });

  const orderIds = new Set(data.orders.map((o) => o.id));
  const customerIds = new Set(data.customers.map((c) => c.id));
  const keep = {
    sends: new Set(history.sends.map((s) => s.id)),
    runs: new Set(history.runs.map((r) => r.id)),
    attributions: new Set(history.attributions.map((a) => a.id)),
    members: new Set(history.members.map((m) => m.id)),
  };
  const [oldSends, oldRuns, oldAttributions, oldMembers] = await Promise.all([
    tdb.sends.ref.where('idempotencyKey', '>=', 'seed:').where('idempotencyKey', '<', 'seed;').select().get(),
    tdb.runs.ref.where('trigger.eventId', '>=', 'seed-').where('trigger.eventId', '<', 'seed.').select().get(),
    tdb.attributions.ref.select().get(),
    tdb.splitMembers.ref.select('customerId').get(),
  ]);
  for (const d of oldSends.docs) if (!keep.sends.has(d.id)) await writer.delete(d.ref);
  for (const d of oldRuns.docs) if (!keep.runs.has(d.id)) await writer.delete(d.ref);
  for (const d of oldAttributions.docs) if (orderIds.has(d.id) && !keep.attributions.has(d.id)) await writer.delete(d.ref);
  for (const d of oldMembers.docs) if (customerIds.has(String(d.get('customerId'))) && !keep.members.has(d.id)) await writer.delete(d.ref);

  for (const r of history.runs) await writer.set(tdb.runs.doc(r.id), r);
  for (const s of history.sends) await writer.set(tdb.sends.doc(s.id), s);
  for (const c of history.campaigns) await writer.set(tdb.campaigns.doc(c.id), c);
  for (const a of history.attributions) await writer.set(tdb.attributions.doc(a.id), a);
  for (const m of history.members) await writer.set(tdb.splitMembers.doc(m.id), m);
  return {
    history,
    counts: {
      runs: history.runs.length,
      sends: history.sends.length,
      campaigns: history.campaigns.length,
      attributions: history.attributions.length,
      members: history.members.length,
    },
  };
}

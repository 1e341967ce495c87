import { z } from 'zod';
import {
  isKeptOnRebuild,
  nestTally,
  rollupFromRecords,
  tallyOfDoc,
  ROLLUP_PARTS,
  splitTally,
  type AttributionFacts,
  type MemberFacts,
  type OrderFacts,
  type RollupPart,
  type SegmentChangeFacts,
  type SendFacts,
  type Tally,
} from '@/domain/analytics/rollup';
import { addDays, dayStart, daysBetween, DAY_KEY_PATTERN, localDayKey, type DayKey } from '@/domain/analytics/rollup-day';
import { errors } from '@/domain/errors';
import type { RefundRecord } from '@/domain/signals/records';
import type { ServiceContext } from '../../context';
import { timestampsToDates } from '../../db/convert';
import { firestore } from '../../db/firestore';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { rollupCollection, rollupRef } from './rollups-in-tx';

export const RebuildRollupsInputSchema = z
  .object({
    from: z.string().regex(DAY_KEY_PATTERN, 'Use YYYY-MM-DD').optional(),
    to: z.string().regex(DAY_KEY_PATTERN, 'Use YYYY-MM-DD').optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '`from` must not be after `to`', path: ['from'] });

export interface RebuildReport {
  from: DayKey;
  to: DayKey;
  days: number;
  orders: number;
  sends: number;
  attributions: number;
  members: number;
  /** What the recomputation found, per day (only days with figures). */
  totals: Record<DayKey, Tally>;
}

type Raw = Record<string, unknown>;
const rawOf = (d: { data(): unknown }) => timestampsToDates(d.data()) as Raw;

/**
 * Recomputes the rollups of [from, to] (the dispensary's local days; default: from its first order
 * or message to today) from the orders, refunds and sends themselves, and overwrites the days'
 * shards (attributions, A/B split members and segment changes included): shard 0 of each part gets the totals, every other shard is removed. What a day's shards add up to is then
 * exactly the recomputation. Increments landing while it runs can be lost: run it when quiet.
 */
export async function rebuildRollups(ctx: ServiceContext, input: z.input<typeof RebuildRollupsInputSchema> = {}): Promise<RebuildReport> {
  const parsed = RebuildRollupsInputSchema.safeParse(input);
  if (!parsed.success) throw errors.badRequest(parsed.error.issues[0]!.message);
  const tdb = tenantDb(ctx.orgId);
  const { timeZone } = await tenantsCollection().getOrThrow(ctx.orgId);
  const now = ctx.clock.now();
  const to = parsed.data.to ?? localDayKey(now, timeZone);
  const from = parsed.data.from ?? (await firstDay(ctx.orgId, timeZone)) ?? to;
  const end = dayStart(addDays(to, 1), timeZone);
  const start = dayStart(from, timeZone);

  // Every earlier order too: whether a customer is new on a day depends on all their orders before it.
  const orderFields = ['status', 'totalCents', 'refundedCents', 'placedAt', 'customerId', 'lineItems'];
  const [orderSnap, refundSnap, sendSnap, attributionSnap, memberSnap, segmentSnap, runSnap] = await Promise.all([
    tdb.orders.ref
      .withConverter(null)
      .where('placedAt', '<', end)
      .select(...orderFields)
      .get(),
    tdb.refunds.ref.withConverter(null).get(),
    tdb.sends.ref
      .withConverter(null)
      .where('createdAt', '>=', start)
      .where('createdAt', '<', end)
      .select('channel', 'source', 'purpose', 'createdAt', 'sentAt', 'deliveredAt', 'openedAt', 'clickedAt')
      .get(),
    tdb.attributions.ref
      .withConverter(null)
      .where('placedAt', '>=', start)
      .where('placedAt', '<', end)
      .select('channel', 'source', 'codeKind', 'placedAt', 'revenueCents')
      .get(),
    tdb.splitMembers.ref
      .withConverter(null)
      .where('firstEnteredAt', '>=', start)
      .where('firstEnteredAt', '<', end)
      .select('playbookId', 'stepId', 'arm', 'firstEnteredAt', 'orders')
      .get(),
    tdb.events.ref
      .withConverter(null)
      .where('name', '==', 'customer.segment_changed')
      .where('occurredAt', '>=', start)
      .where('occurredAt', '<', end)
      // The (name, occurredAt desc) index the timeline already has serves it.
      .orderBy('occurredAt', 'desc')
      .select('occurredAt', 'data')
      .get(),
    tdb.runs.ref.withConverter(null).where('startedAt', '>=', start).where('startedAt', '<', end).select('playbookId', 'startedAt', 'dryRun').get(),
  ]);
  const orders = orderSnap.docs.map((d) => ({ ...(rawOf(d) as unknown as OrderFacts), id: d.id }));
  const refunds = new Map(refundSnap.docs.map((d) => [d.id, ((rawOf(d).refunds as RefundRecord[] | undefined) ?? []) as readonly RefundRecord[]]));
  const sends = sendSnap.docs.map((d) => rawOf(d) as unknown as SendFacts);
  const attributions = attributionSnap.docs.map((d) => rawOf(d) as unknown as AttributionFacts);
  const members = memberSnap.docs.map((d) => rawOf(d) as unknown as MemberFacts);
  const segmentChanges = segmentSnap.docs.map((d) => rawOf(d) as unknown as SegmentChangeFacts);
  const runs = runSnap.docs.map((d) => rawOf(d) as unknown as { playbookId: string; startedAt: Date; dryRun?: boolean });
  const all = rollupFromRecords(orders, refunds, sends, timeZone, { attributions, members, segmentChanges, runs });

  const days = daysBetween(from, to);
  const totals: Record<DayKey, Tally> = {};
  // Only shards that exist are removed (most days of a quiet store have a few, old days none).
  const existing = await Promise.all(
    ROLLUP_PARTS.map((part) =>
      rollupCollection(ctx.orgId, part).ref.withConverter(null).where('day', '>=', from).where('day', '<=', to).select('day', 'aiCalls').get(),
    ),
  );
  // AI calls leave no record to recount: what the shards hold is carried over into the rebuilt totals.
  for (const doc of existing.flatMap((snap) => snap.docs)) {
    const data = rawOf(doc);
    const day = data.day as DayKey;
    for (const [k, v] of Object.entries(tallyOfDoc(data))) {
      if (!isKeptOnRebuild(k)) continue;
      const t = (all[day] ??= {});
      t[k] = (t[k] ?? 0) + v;
      if (!t[k]) delete t[k];
    }
  }
  const writer = firestore().bulkWriter();
  const written = new Set<string>();
  for (const day of days) {
    const tally = all[day];
    if (!tally) continue;
    totals[day] = tally;
    for (const [part, entries] of Object.entries(splitTally(tally)) as Array<[RollupPart, Tally]>) {
      const ref = rollupRef(ctx.orgId, part, day, 0);
      written.add(ref.path);
      void writer.set(ref, { ...nestTally(entries, (n) => n), day, shard: 0, updatedAt: now });
    }
  }
  for (const doc of existing.flatMap((snap) => snap.docs)) if (!written.has(doc.ref.path)) void writer.delete(doc.ref);
  await writer.close();
  ctx.log?.info({ from, to, orders: orders.length, sends: sends.length, attributions: attributions.length, members: members.length }, 'rollups rebuilt');
  return { from, to, days: days.length, orders: orders.length, sends: sends.length, attributions: attributions.length, members: members.length, totals };
}

async function firstDay(orgId: string, timeZone: string): Promise<DayKey | null> {
  const tdb = tenantDb(orgId);
  const [o, s] = await Promise.all([
    tdb.orders.ref.withConverter(null).orderBy('placedAt').limit(1).select('placedAt').get(),
    tdb.sends.ref.withConverter(null).orderBy('createdAt').limit(1).select('createdAt').get(),
  ]);
  const dates = [o.docs[0] && rawOf(o.docs[0]).placedAt, s.docs[0] && rawOf(s.docs[0]).createdAt].filter((d): d is Date => d instanceof Date);
  if (!dates.length) return null;
  return localDayKey(new Date(Math.min(...dates.map((d) => d.getTime()))), timeZone);
}

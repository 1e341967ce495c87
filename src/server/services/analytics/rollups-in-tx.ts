import { FieldValue, type DocumentReference, type Transaction, type WriteBatch } from 'firebase-admin/firestore';
import { nestTally, rollupDocId, ROLLUP_SHARDS, sendDelta, splitTally, type RollupDelta, type RollupPart } from '@/domain/analytics/rollup';
import type { Send } from '@/domain/messaging/send';
import { cachedTenant } from '../messaging/messaging-settings';
import { tenantDb } from '../../db/tenant-db';

/** The collection of a part's shards. */
export const rollupCollection = (orgId: string, part: RollupPart) => (part === 'sales' ? tenantDb(orgId).rollupsDaily : tenantDb(orgId).rollupsDailyMessages);

/** The untyped reference increments need (the typed converter would validate a FieldValue as a number). */
export function rollupRef(orgId: string, part: RollupPart, day: string, shard: number): DocumentReference {
  return rollupCollection(orgId, part).ref.withConverter(null).doc(rollupDocId(day, shard));
}

/**
 * Adds a change to the day's rollups inside the caller's transaction (or batch), so it commits
 * exactly when the change it counts does: one blind merge write per day (and part) touched, on a
 * shard picked at random, and no read.
 */
export function writeRollupDeltaInTx(tx: Transaction | WriteBatch, orgId: string, delta: RollupDelta, now: Date): void {
  for (const [day, tally] of Object.entries(delta)) {
    for (const [part, entries] of Object.entries(splitTally(tally)) as Array<[RollupPart, RollupDelta[string]]>) {
      const shard = Math.floor(Math.random() * ROLLUP_SHARDS[part]);
      const counters = nestTally(entries, (n) => FieldValue.increment(n));
      // set+merge creates the shard on first use and merges nested counters field by field.
      (tx as Transaction).set(rollupRef(orgId, part, day, shard), { ...counters, day, shard, updatedAt: now }, { merge: true });
    }
  }
}

/** The zone rollup days are counted in: the dispensary's, from the instance's short cache. */
export async function rollupTimeZone(orgId: string): Promise<string> {
  return (await cachedTenant(orgId)).timeZone;
}

/** A send's engagement counters move by what `patch` sets on it (a timestamp set for the first time), in the caller's transaction. */
export function writeSendRollupInTx(
  tx: Transaction | WriteBatch,
  orgId: string,
  before: Send,
  patch: Record<string, unknown>,
  timeZone: string,
  now: Date,
): void {
  writeRollupDeltaInTx(tx, orgId, sendDelta(before, { ...before, ...patch } as Send, timeZone), now);
}

import { STATUS_RANK } from '@/domain/messaging/send';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { rollupTimeZone, writeSendRollupInTx } from '../analytics/rollups-in-tx';
import { withEvent } from './dispatch-send';

/** A delivery receipt for a text we sent (matched on Blackleaf's message id). */
export async function applySmsStatus(
  ctx: ServiceContext,
  r: { messageId: string; status: 'delivered' | 'failed' | 'undelivered'; error: string | null; at: Date },
): Promise<boolean> {
  const db = tenantDb(ctx.orgId);
  const hit = (await db.sends.ref.where('providerMessageId', '==', r.messageId).limit(1).get()).docs[0]?.data();
  if (!hit || hit.channel !== 'sms') return false;
  const timeZone = await rollupTimeZone(ctx.orgId);
  return firestore().runTransaction(async (tx) => {
    const send = (await tx.get(db.sends.doc(hit.id))).data();
    if (!send) return false;
    const type = r.status === 'delivered' ? 'delivered' : 'delivery_failed';
    if (send.events.some((e) => e.type === type && e.at.getTime() === r.at.getTime())) return false;
    const failed = r.status !== 'delivered';
    const patch = {
      status: failed ? 'failed' : STATUS_RANK.delivered > STATUS_RANK[send.status] ? 'delivered' : send.status,
      ...(failed
        ? {
            failedAt: send.failedAt ?? r.at,
            lastError: { code: 'undelivered', message: (r.error ?? 'The carrier did not deliver the text.').slice(0, 1000), retryable: false, at: r.at },
          }
        : { deliveredAt: send.deliveredAt ?? r.at }),
      events: withEvent(send.events, { type, at: r.at, detail: r.error?.slice(0, 500) ?? null }),
      updatedAt: ctx.clock.now(),
    };
    db.sends.updateIn(tx, send.id, patch);
    writeSendRollupInTx(tx, ctx.orgId, send, patch, timeZone, ctx.clock.now());
    return true;
  });
}

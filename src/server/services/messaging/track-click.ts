import { STATUS_RANK } from '@/domain/messaging/send';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import type { Clock } from '@/domain/clock';
import { rollupTimeZone, writeSendRollupInTx } from '../analytics/rollups-in-tx';
import { withEvent } from './dispatch-send';
import { TRACK_TOKEN_PATTERN } from './message-tokens';

/**
 * /r/{trackToken}-{index}: records the click on the send and the customer's profile and answers
 * with the original URL, which can only be one that was in the message (no open redirect).
 * Null when the token names no link.
 */
export async function trackClick(token: string, clock: Clock): Promise<string | null> {
  const m = TRACK_TOKEN_PATTERN.exec(token);
  if (!m) return null;
  const [, trackToken, index] = m as unknown as [string, string, string];
  const snap = await firestore().collectionGroup('sends').where('trackToken', '==', trackToken).limit(1).get();
  const doc = snap.docs[0];
  if (!doc) return null;
  const orgId = doc.ref.parent.parent!.id;
  const db = tenantDb(orgId);
  const send = await db.sends.get(doc.id);
  const url = send?.links[Number(index)];
  if (!send || !url || !/^https?:\/\//i.test(url)) return null;
  const at = clock.now();
  const timeZone = await rollupTimeZone(orgId);
  await firestore().runTransaction(async (tx) => {
    const cur = (await tx.get(db.sends.doc(send.id))).data();
    if (!cur) return;
    const customer = (await tx.get(db.customers.doc(cur.customerId))).data();
    const patch = {
      status: STATUS_RANK.clicked > STATUS_RANK[cur.status] ? 'clicked' : cur.status,
      clickedAt: cur.clickedAt ?? at,
      events: withEvent(cur.events, { type: 'link_clicked', at, detail: url.slice(0, 500) }),
      updatedAt: at,
    };
    db.sends.updateIn(tx, cur.id, patch);
    writeSendRollupInTx(tx, orgId, cur, patch, timeZone, at);
    if (customer) db.customers.updateIn(tx, customer.id, cur.channel === 'email' ? { lastEmailClickAt: at } : { lastSmsClickAt: at });
  });
  return url;
}

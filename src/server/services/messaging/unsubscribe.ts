import { systemActor } from '@/domain/roles';
import type { Clock } from '@/domain/clock';
import { firestore } from '../../db/firestore';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { withEvent } from './dispatch-send';
import { verifyUnsubscribeToken } from './message-tokens';
import { recordConsent } from './record-consent';
import { getMessagingSettings } from './messaging-settings';

export interface UnsubscribeTarget {
  orgId: string;
  customerId: string;
  channel: 'email' | 'sms';
  sendId: string | null;
  businessName: string;
  maskedAddress: string;
  alreadyOptedOut: boolean;
}

/** What a signed unsubscribe token names, for the public page. Null for a forged or broken token. */
export async function describeUnsubscribe(token: string, clock: Clock): Promise<UnsubscribeTarget | null> {
  const p = await verifyUnsubscribeToken(token);
  if (!p) return null;
  const db = tenantDb(p.orgId);
  const [customer, tenant] = await Promise.all([db.customers.get(p.customerId), tenantsCollection().get(p.orgId)]);
  if (!customer || !tenant) return null;
  const settings = await getMessagingSettings({ orgId: p.orgId, clock });
  const email = customer.email ?? '';
  const [user = '', domain = ''] = email.split('@');
  return {
    ...p,
    businessName: settings.footer.businessName,
    maskedAddress: email ? `${user.slice(0, 2)}***@${domain}` : '',
    alreadyOptedOut: customer.consent[p.channel].status === 'opted_out',
  };
}

/**
 * One-click unsubscribe (RFC 8058 POST, or the button on the public page): opts the customer out
 * of the channel and notes it on the send. Doing it twice is harmless.
 */
export async function unsubscribeWithToken(token: string, clock: Clock): Promise<UnsubscribeTarget | null> {
  const target = await describeUnsubscribe(token, clock);
  if (!target) return null;
  const ctx = { orgId: target.orgId, actor: systemActor('unsubscribe-link'), clock };
  const { changed } = await recordConsent(ctx, {
    customerId: target.customerId,
    channel: target.channel,
    status: 'opted_out',
    source: 'unsubscribe_link',
    sendId: target.sendId,
  });
  if (changed && target.sendId && /^snd_[0-9a-f]{40}$/.test(target.sendId)) {
    const db = tenantDb(target.orgId);
    const at = clock.now();
    await firestore().runTransaction(async (tx) => {
      const send = (await tx.get(db.sends.doc(target.sendId!))).data();
      if (send) db.sends.updateIn(tx, send.id, { events: withEvent(send.events, { type: 'unsubscribed', at, detail: 'Unsubscribe link' }), updatedAt: at });
    });
  }
  return { ...target, alreadyOptedOut: true };
}

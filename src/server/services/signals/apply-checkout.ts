import { MINUTE } from '@/domain/clock';
import { stableId, type Checkout } from '@/domain/signals/records';
import type { CheckoutInput } from '@/domain/signals/signal';
import { lineItemData } from '@/domain/signals/event-builders';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { getSignalSettings } from '../integrations/signal-settings';
import { linkLineItems } from './link-products';
import { signalLocks, type SignalContext } from './signal-context';

export function checkoutIdFor(token: string): string {
  return stableId('chk', token);
}

/**
 * Keeps one document per checkout. An open checkout is due for the abandonment check the
 * tenant's delay after its last activity; a completed one (or one whose order already arrived,
 * whatever the order of delivery) is never abandoned.
 */
export async function applyCheckout(ctx: SignalContext, input: CheckoutInput, customerId: string | null, occurredAt: Date): Promise<Checkout> {
  const tdb = tenantDb(ctx.orgId);
  const id = checkoutIdFor(input.token);
  const [lineItems, settings] = await Promise.all([linkLineItems(ctx.orgId, input.lineItems), getSignalSettings(ctx)]);
  const now = ctx.clock.now();
  return signalLocks.run([`checkout:${ctx.orgId}:${id}`], () =>
    firestore().runTransaction(async (tx) => {
      // An order that completed this checkout has already marked it (see applyOrder), whichever came first.
      const existing = (await tx.get(tdb.checkouts.doc(id))).data() ?? null;
      const orderId = existing?.orderId ?? null;
      const lastActivityAt = existing && existing.lastActivityAt > occurredAt ? existing.lastActivityAt : occurredAt;
      const completed = !!orderId || !!input.completedAt || existing?.status === 'completed';
      const status = completed ? 'completed' : (existing?.status ?? 'open');
      const checkout: Checkout = {
        id,
        token: input.token,
        source: ctx.source,
        customerId: customerId ?? existing?.customerId ?? null,
        email: input.customer?.email ?? existing?.email ?? null,
        phone: input.customer?.phone ?? existing?.phone ?? null,
        lineItems: lineItems.length || !existing ? lineItems.map(lineItemData) : existing.lineItems,
        totalCents: input.totalCents,
        recoveryUrl: input.recoveryUrl ?? existing?.recoveryUrl ?? null,
        startedAt: existing?.startedAt ?? input.startedAt,
        lastActivityAt,
        status,
        orderId,
        abandonCheckAt: status === 'open' ? new Date(lastActivityAt.getTime() + settings.abandonedCheckoutDelayMinutes * MINUTE) : null,
        abandonedAt: existing?.abandonedAt ?? null,
        updatedAt: now,
      };
      tx.set(tdb.checkouts.doc(id), checkout);
      return checkout;
    }),
  );
}

import { DAY } from '@/domain/clock';
import { formatCents } from '@/domain/money';
import { tenantDb } from '../../../db/tenant-db';
import { createNotification } from '../../notifications/create-notification';
import { registerStepHandler } from '../engine/step-handler';

const MAX_ORDERS = 20_000;

/** Top sellers by units over the period, from the orders themselves (refunded and cancelled ones excluded). */
export async function topSellers(orgId: string, since: Date, limit: number, maxOrders = MAX_ORDERS) {
  // Newest first, so a period with more orders than we read counts its most recent ones.
  const snap = await tenantDb(orgId).orders.ref.where('placedAt', '>=', since).orderBy('placedAt', 'desc').limit(maxOrders).get();
  const totals = new Map<string, { name: string; units: number; revenueCents: number }>();
  let orders = 0;
  for (const doc of snap.docs) {
    const o = doc.data();
    if (o.status === 'cancelled' || o.status === 'refunded' || o.status === 'pending') continue;
    orders++;
    for (const li of o.lineItems) {
      const key = li.productId ?? li.sku ?? li.name;
      const t = totals.get(key) ?? { name: li.name, units: 0, revenueCents: 0 };
      t.units += li.quantity;
      t.revenueCents += li.totalCents;
      totals.set(key, t);
    }
  }
  const top = [...totals.values()].sort((a, b) => b.units - a.units || b.revenueCents - a.revenueCents).slice(0, limit);
  return { orders, top, truncated: snap.size >= maxOrders };
}

registerStepHandler('staff_report', {
  idempotentByKey: true,
  async execute(ctx) {
    const days = ctx.step.periodDays as number;
    const since = new Date(ctx.clock.now().getTime() - days * DAY);
    const { orders, top, truncated } = await topSellers(ctx.orgId, since, ctx.step.limit as number);
    const title = `Top sellers, last ${days} days`;
    const body = top.length
      ? [
          `${orders.toLocaleString('en-US')} orders${truncated ? ` (the most recent ${MAX_ORDERS.toLocaleString('en-US')})` : ''}.`,
          ...top.map((t, i) => `${i + 1}. ${t.name}: ${t.units} sold, ${formatCents(t.revenueCents)}`),
        ].join('\n')
      : 'No completed orders in this period.';
    if (ctx.dryRun) return { kind: 'next', status: 'done', detail: `Would post “${title}” (${top.length} products from ${orders} orders)` };
    const { notification } = await createNotification(ctx, {
      kind: 'playbook',
      severity: 'info',
      // Revenue per product: for the roles that see revenue.
      audience: 'owners_admins',
      title,
      body,
      link: '/dashboard/analytics',
      sourceId: ctx.run.id,
      dedupeKey: ctx.idempotencyKey,
    });
    return {
      kind: 'next',
      status: 'done',
      detail: `Posted “${title}”: ${top[0] ? `${top[0].name} leads with ${top[0].units}` : 'no sales'}`,
      refs: { notificationId: notification.id },
    };
  },
});

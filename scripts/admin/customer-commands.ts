import { normalizeEmail, normalizePhone } from '@/domain/phone';
import { tenantDb, tenantsCollection } from '@/server/db/tenant-db';
import { backfillSearchKeys } from '@/server/services/customers/backfill-search-keys';
import { need, optional, UsageError, type CommandGroup } from './registry';

export const customerCommands: CommandGroup = {
  name: 'customers',
  summary: 'customer profiles',
  commands: [
    {
      name: 'backfill-search-keys',
      summary: 'Gives every profile written before search keys existed its keys, so search finds it (docs/crm.md, Search).',
      options: { tenant: { description: 'Dispensary id', required: true } },
      async run(o) {
        const orgId = need(o, 'tenant');
        await tenantsCollection().getOrThrow(orgId);
        return backfillSearchKeys({ orgId });
      },
    },
    {
      name: 'get',
      summary: 'Find a profile by phone (any format) or email; prints it with its aggregates and recent orders.',
      options: { tenant: { description: 'Dispensary id', required: true }, phone: { description: 'Phone number' }, email: { description: 'Email address' } },
      async run(o) {
        const orgId = need(o, 'tenant');
        await tenantsCollection().getOrThrow(orgId);
        const tdb = tenantDb(orgId);
        const rawPhone = optional(o, 'phone');
        const rawEmail = optional(o, 'email');
        if (!rawPhone && !rawEmail) throw new UsageError('Give --phone or --email.');
        const phone = rawPhone ? normalizePhone(rawPhone) : null;
        const email = rawEmail ? normalizeEmail(rawEmail) : null;
        if (rawPhone && !phone) throw new UsageError(`"${rawPhone}" is not a valid phone number.`);
        if (rawEmail && !email) throw new UsageError(`"${rawEmail}" is not a valid email address.`);
        const snap = await (phone ? tdb.customers.ref.where('phone', '==', phone) : tdb.customers.ref.where('email', '==', email)).limit(5).get();
        if (snap.empty) throw new UsageError(`No customer with ${phone ?? email} in ${orgId}.`);
        return Promise.all(
          snap.docs.map(async (d) => {
            const c = d.data();
            const orders = await tdb.orders.ref.where('customerId', '==', c.id).orderBy('placedAt', 'desc').limit(10).get();
            return {
              id: c.id,
              name: `${c.firstName} ${c.lastName}`.trim(),
              email: c.email,
              phone: c.phone,
              externalIds: c.externalIds,
              source: c.source,
              consent: { email: c.consent.email.status, sms: c.consent.sms.status },
              lifetimeValueCents: c.lifetimeValueCents,
              orderCount: c.orderCount,
              avgOrderValueCents: c.avgOrderValueCents,
              firstOrderAt: c.firstOrderAt,
              lastOrderAt: c.lastOrderAt,
              recentOrders: orders.docs.map((x) => ({
                id: x.id,
                externalId: x.data().externalId,
                status: x.data().status,
                totalCents: x.data().totalCents,
                refundedCents: x.data().refundedCents,
                placedAt: x.data().placedAt,
              })),
            };
          }),
        ).then((rows) => (rows.length === 1 ? rows[0] : rows));
      },
    },
  ],
};

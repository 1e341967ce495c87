import type { Customer } from '@/domain/customer';
import { expiresAtFor } from '@/domain/loyalty/earning';
import type { LedgerLine, LoyaltyAccount } from '@/domain/loyalty/ledger';
import { defaultLoyaltySettings } from '@/domain/loyalty/settings';
import { orderNetCents, type Order } from '@/domain/order';
import { LedgerSession } from '../services/loyalty/ledger-in-tx';

export interface DemoLoyalty {
  lines: LedgerLine[];
  accounts: LoyaltyAccount[];
  /** The customers with their `loyalty` summary (and the same points balance). */
  customers: Customer[];
}

const SEED_ACTOR = { kind: 'system', id: 'system:seed', name: 'Demo import' } as const;

/**
 * The demo's points as a real programme would hold them after switching providers: each balance
 * is one opening-balance line (so "Why this balance?" explains every demo balance), the account
 * carries the spend of the customer's orders per month (so tiers follow the default programme),
 * and the profile's summary is computed by the same session the services use. Opening balances
 * expire on the programme's schedule from the day of the import, as imported points do.
 */
export function demoLoyalty(data: { tenant: { id: string; timeZone: string }; customers: Customer[]; orders: Order[] }, now: Date): DemoLoyalty {
  const programme = { settings: defaultLoyaltySettings(), timeZone: data.tenant.timeZone };
  const byCustomer = new Map<string, Order[]>();
  for (const o of data.orders) if (o.customerId) byCustomer.set(o.customerId, [...(byCustomer.get(o.customerId) ?? []), o]);
  const lines: LedgerLine[] = [];
  const accounts: LoyaltyAccount[] = [];
  const customers = data.customers.map((c) => {
    const session = new LedgerSession(data.tenant.id, c.id, null, new Map(), programme, now);
    for (const o of byCustomer.get(c.id) ?? []) session.addSpend(orderNetCents(o), o.placedAt);
    if (c.pointsBalance > 0)
      session.post({
        key: `opening:seed:${c.id}`,
        posting: {
          kind: 'credit',
          type: 'opening_balance',
          points: c.pointsBalance,
          availableAt: now,
          expiresAt: expiresAtFor(now, programme.settings.points.expiryMonths, programme.timeZone),
        },
        source: { importId: 'demo-seed' },
        actor: SEED_ACTOR,
        reason: 'Balance brought over from the previous loyalty programme',
      });
    session.reviewTier();
    lines.push(...session.lines);
    accounts.push(session.current);
    return { ...c, ...session.customerFields() };
  });
  return { lines, accounts, customers };
}

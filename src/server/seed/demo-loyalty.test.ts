import { describe, expect, it } from 'vitest';
import { accountConsistent } from '@/domain/loyalty/ledger';
import { demoLoyalty } from './demo-loyalty';
import { DEMO_SEED, DEMO_TENANTS } from './demo-tenants';
import { generateDemoData } from './generate-demo-data';

const NOW = new Date('2026-11-30T15:00:00Z');

describe('the demo loyalty data', () => {
  const data = generateDemoData({ tenant: DEMO_TENANTS[0]!, now: NOW, seed: DEMO_SEED });
  const loyalty = demoLoyalty(data, NOW);

  it('explains every balance with one opening-balance line, and the account adds up', () => {
    const lineByCustomer = new Map(loyalty.lines.map((l) => [l.customerId, l]));
    expect(loyalty.lines.length).toBe(data.customers.filter((c) => c.pointsBalance > 0).length);
    for (const c of loyalty.customers) {
      const line = lineByCustomer.get(c.id);
      expect(line?.points ?? 0).toBe(c.pointsBalance);
      if (line) expect(line).toMatchObject({ type: 'opening_balance', balanceAfter: c.pointsBalance });
      expect(c.loyalty?.available).toBe(c.pointsBalance);
    }
    for (const a of loyalty.accounts) expect(accountConsistent(a)).toBe(true);
  });

  it('places customers in tiers by what they spent, so the top spenders are not all Bronze', () => {
    const tiers = new Map<string, number>();
    for (const c of loyalty.customers) tiers.set(c.loyalty!.tierId!, (tiers.get(c.loyalty!.tierId!) ?? 0) + 1);
    expect(tiers.get('bronze')).toBeGreaterThan(0);
    expect(tiers.size).toBeGreaterThanOrEqual(3);
    const top = [...loyalty.customers].sort((a, b) => b.loyalty!.tierSpendCents - a.loyalty!.tierSpendCents)[0]!;
    expect(top.loyalty!.tierId).not.toBe('bronze');
  });
});

import { describe, expect, it } from 'vitest';
import { PlaybookDefinitionSchema } from '../playbooks/playbook';
import '../playbooks/steps';
import { buildSuggestion, nudgePoints, readySuggestions, type ProgrammeFigures } from './parker-suggestions';
import { defaultLoyaltySettings } from './settings';

const figures: ProgrammeFigures = { members: 40, expiringCustomers: 6, expiringPoints: 930, tiers: [{ name: 'Bronze', customers: 40 }] };

describe('Mrs. Parker’s bonus suggestions', () => {
  it('sizes the bonus at a tenth of the cheapest active reward, in fives', () => {
    const s = defaultLoyaltySettings();
    s.redemptions.rewards = [
      { id: 'a', pointsCost: 480, rewardValueCents: 500, description: '$5 off', active: true },
      { id: 'b', pointsCost: 100, rewardValueCents: 100, description: 'retired', active: false },
    ];
    expect(nudgePoints(s)).toBe(50);
    s.redemptions.rewards = [];
    expect(nudgePoints(s)).toBe(25);
  });

  it('builds valid playbooks grounded in the figures', () => {
    const s = defaultLoyaltySettings();
    const list = readySuggestions(s, figures);
    expect(list.map((x) => x.key)).toEqual(['expiring_points_bonus', 'tier_up_bonus']);
    expect(list[0]!.why).toMatch(/^6 of 40 members have 930 points expiring in the next 30 days/);
    for (const x of list) expect(PlaybookDefinitionSchema.safeParse(x.playbook).success).toBe(true);
  });

  it('offers no expiry bonus when points never expire, and no tier bonus with one tier', () => {
    const s = defaultLoyaltySettings();
    s.points.expiryMonths = null;
    s.tiers.tiers = s.tiers.tiers.slice(0, 1);
    expect(buildSuggestion('expiring_points_bonus', s, figures)).toBeNull();
    expect(buildSuggestion('tier_up_bonus', s, figures)).toBeNull();
  });
});

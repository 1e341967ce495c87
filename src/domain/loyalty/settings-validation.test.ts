import { describe, expect, it } from 'vitest';
import { settingsChanges } from './settings-audit';
import { defaultLoyaltySettings } from './settings';
import { validateLoyaltySettings } from './settings-validation';

function body() {
  const { updatedAt: _u, updatedBy: _b, ...s } = defaultLoyaltySettings();
  const { bonusWindows: _w, ...points } = s.points;
  return structuredClone({ ...s, points });
}

const issuesOf = (input: unknown) => {
  const r = validateLoyaltySettings(input);
  return r.ok ? [] : r.issues;
};

describe('validateLoyaltySettings', () => {
  it('accepts the default programme', () => {
    expect(validateLoyaltySettings(body()).ok).toBe(true);
  });

  it('refuses thresholds that do not go up, naming the tier', () => {
    const s = body();
    s.tiers.tiers[2]!.minSpendCents = s.tiers.tiers[1]!.minSpendCents;
    expect(issuesOf(s)).toEqual([{ path: 'tiers.tiers.2.minSpendCents', message: expect.stringContaining('Gold must need more spend than Silver') }]);
  });

  it('refuses a first tier that does not start at zero, and tiers that share a name', () => {
    const s = body();
    s.tiers.tiers[0]!.minSpendCents = 100;
    s.tiers.tiers[3]!.name = 'gold';
    const paths = issuesOf(s).map((i) => i.path);
    expect(paths).toContain('tiers.tiers.0.minSpendCents');
    expect(paths).toContain('tiers.tiers.3');
  });

  it('refuses a reward with no positive cost or value, with the field named in the message', () => {
    const s = body();
    s.redemptions.rewards[0]!.pointsCost = 0;
    s.redemptions.rewards[1]!.rewardValueCents = -5;
    const issues = issuesOf(s);
    expect(issues.map((i) => i.path)).toEqual(['redemptions.rewards.0.pointsCost', 'redemptions.rewards.1.rewardValueCents']);
    expect(issues[0]!.message).toMatch(/^Points cost: /);
    expect(issues[1]!.message).toMatch(/^Reward value: /);
  });

  it('refuses a notice longer than the points last, and a list of rewards none of which is active', () => {
    const s = body();
    s.points.expiryMonths = 1;
    s.points.expiringNoticeDays = 30;
    for (const r of s.redemptions.rewards) r.active = false;
    expect(issuesOf(s).map((i) => i.path)).toEqual(['points.expiringNoticeDays', 'redemptions.rewards']);
  });

  it('accepts never-expiring points and a colour per tier; refuses a colour that is not one', () => {
    const s = body();
    s.points.expiryMonths = null;
    expect(validateLoyaltySettings(s).ok).toBe(true);
    s.tiers.tiers[1]!.color = 'silver';
    expect(issuesOf(s)).toEqual([{ path: 'tiers.tiers.1.color', message: 'Colour: Use a colour like #b08d57' }]);
  });
});

describe('settingsChanges', () => {
  it('lists each changed leaf with before and after', () => {
    const a = body();
    const b = structuredClone(a);
    b.points.pointsPerDollar = 2;
    b.menu.programmes.military.enabled = true;
    b.tiers.tiers.pop();
    expect(settingsChanges(a, b)).toEqual([
      { path: 'menu.programmes.military.enabled', before: 'false', after: 'true' },
      { path: 'points.pointsPerDollar', before: '1', after: '2' },
      { path: 'tiers.tiers', before: expect.stringContaining('Platinum'), after: expect.not.stringContaining('Platinum') },
    ]);
    expect(settingsChanges(a, structuredClone(a))).toEqual([]);
  });
});

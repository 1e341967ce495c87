import { describe, expect, it } from 'vitest';
import { wallClock } from '../messaging/local-time';
import { emptyAccount } from './ledger';
import { defaultLoyaltySettings } from './settings';
import { addSpend, evaluateTier, qualifyingSpend, tierProgress } from './tiers';

const tz = 'America/Detroit';
const settings = defaultLoyaltySettings().tiers; // bronze 0, silver 500, gold 1500, platinum 3000; grace 30 days
const d = (s: string) => new Date(s);

describe('evaluateTier', () => {
  it('upgrades on the order that crosses the line, and renews a year from then', () => {
    const joined = evaluateTier(null, 10_000, settings, d('2031-01-10T17:00:00Z'), tz);
    expect(joined.change).toMatchObject({ kind: 'joined', to: 'bronze' });
    const up = evaluateTier(joined.state, 60_000, settings, d('2031-02-01T17:00:00Z'), tz);
    expect(up.change).toEqual({ kind: 'upgraded', from: 'bronze', to: 'silver' });
    expect(wallClock(tz, up.state.requalifyAt)).toMatchObject({ year: 2032, month: 2, day: 1, hour: 0 });
  });

  it('never downgrades before the requalification date, then only after the grace period', () => {
    const gold = evaluateTier(null, 200_000, settings, d('2031-01-10T17:00:00Z'), tz).state; // requalify 2032-01-10
    // A big refund the next day: still Gold.
    expect(evaluateTier(gold, 1_000, settings, d('2031-01-11T17:00:00Z'), tz)).toEqual({ state: gold, change: { kind: 'none' } });
    // At the requalification date, short: grace for 30 days.
    const atDate = evaluateTier(gold, 60_000, settings, d('2032-01-10T06:00:00Z'), tz);
    expect(atDate.change).toMatchObject({ kind: 'grace_started', tier: 'gold' });
    expect(wallClock(tz, atDate.state.graceUntil!)).toMatchObject({ year: 2032, month: 2, day: 9 });
    expect(evaluateTier(atDate.state, 60_000, settings, d('2032-02-08T17:00:00Z'), tz).change).toEqual({ kind: 'none' });
    // After the grace, still short: straight to the tier the spend reaches.
    const after = evaluateTier(atDate.state, 60_000, settings, d('2032-02-09T06:00:00Z'), tz);
    expect(after.change).toEqual({ kind: 'downgraded', from: 'gold', to: 'silver' });
  });

  it('keeps the tier for another year when it qualifies again, even during grace', () => {
    const gold = evaluateTier(null, 200_000, settings, d('2031-01-10T17:00:00Z'), tz).state;
    const grace = evaluateTier(gold, 60_000, settings, d('2032-01-10T06:00:00Z'), tz).state;
    const back = evaluateTier(grace, 160_000, settings, d('2032-01-20T17:00:00Z'), tz);
    expect(back.change).toEqual({ kind: 'none' });
    expect(back.state.graceUntil).toBeNull();
    expect(wallClock(tz, back.state.requalifyAt)).toMatchObject({ year: 2033, month: 1, day: 10 });
  });
});

describe('spend windows', () => {
  it('counts the last twelve local months for the rolling window, all of it for lifetime', () => {
    let a = emptyAccount('c1', d('2030-01-01T00:00:00Z'));
    const now = d('2031-06-15T17:00:00Z');
    a = { ...a, ...addSpend(a, 10_000, d('2030-05-20T17:00:00Z'), tz, d('2030-05-20T17:00:00Z')) };
    a = { ...a, ...addSpend(a, 20_000, d('2030-07-02T17:00:00Z'), tz, d('2030-07-02T17:00:00Z')) };
    a = { ...a, ...addSpend(a, -5_000, d('2031-06-01T17:00:00Z'), tz, now) };
    expect(qualifyingSpend(a, 'rolling_12_months', now, tz)).toBe(15_000);
    expect(qualifyingSpend(a, 'lifetime', now, tz)).toBe(25_000);
  });

  it('says how much more to reach the next tier, or to keep this one and by when', () => {
    const silver = evaluateTier(null, 60_000, settings, d('2031-01-10T17:00:00Z'), tz).state;
    expect(tierProgress(silver, 60_000, settings)).toMatchObject({ toNextCents: 90_000, toKeepCents: null, fraction: 0.1 });
    expect(tierProgress(silver, 45_000, settings)).toMatchObject({ toKeepCents: 5_000, keepBy: silver.requalifyAt });
  });
});

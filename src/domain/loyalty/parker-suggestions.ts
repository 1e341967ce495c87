import type { PlaybookDefinitionInput } from '../playbooks/playbook';
import { MAX_AWARD_POINTS } from './playbook-steps';
import type { LoyaltySettings } from './settings';

/**
 * Mrs. Parker's bonus campaign suggestions: playbooks built from the programme's settings and a
 * few ledger aggregates. They are only ever created as drafts (someone reviews and activates them).
 */

export const SUGGESTION_KEYS = ['expiring_points_bonus', 'tier_up_bonus'] as const;
export type SuggestionKey = (typeof SUGGESTION_KEYS)[number];

export interface ProgrammeFigures {
  members: number;
  /** Customers with points expiring within 30 days, and how many points. */
  expiringCustomers: number;
  expiringPoints: number;
  tiers: Array<{ name: string; customers: number }>;
}

export interface BonusSuggestion {
  key: SuggestionKey;
  title: string;
  /** Why, from the figures: what a reviewer reads before creating the draft. */
  why: string;
  points: number;
  playbook: PlaybookDefinitionInput;
}

const n = (v: number) => v.toLocaleString('en-US');

/** A bonus worth a tenth of the cheapest reward, in fives (25 without rewards): a nudge, not a reward. */
export function nudgePoints(settings: Pick<LoyaltySettings, 'redemptions'>): number {
  const costs = settings.redemptions.rewards.filter((r) => r.active).map((r) => r.pointsCost);
  if (!costs.length) return 25;
  return clampPoints(Math.round(Math.min(...costs) / 10 / 5) * 5);
}

export const clampPoints = (p: number) => Math.min(MAX_AWARD_POINTS, Math.max(5, Math.round(p)));

export function buildSuggestion(
  key: SuggestionKey,
  settings: LoyaltySettings,
  figures: ProgrammeFigures,
  points = nudgePoints(settings),
): BonusSuggestion | null {
  const p = clampPoints(points);
  switch (key) {
    case 'expiring_points_bonus': {
      if (settings.points.expiryMonths === null) return null;
      return {
        key,
        title: 'Bonus before points expire',
        why: `${n(figures.expiringCustomers)} of ${n(figures.members)} members have ${n(figures.expiringPoints)} points expiring in the next 30 days (points expire ${settings.points.expiryMonths} months after they are earned). A ${n(p)}-point bonus with the reminder ${settings.points.expiringNoticeDays} days before gives them a reason to visit.`,
        points: p,
        playbook: {
          name: 'Bonus before points expire',
          description: `Suggested by Mrs. Parker: ${n(p)} bonus points and the expiring-points email when a customer's points are about to expire.`,
          ownerAgent: 'mrs_parker',
          triggers: [{ type: 'event', eventName: 'loyalty.points_expiring' }],
          entry: { runKey: 'customerId', reentry: 'after_days', reentryDays: 30 },
          steps: [
            { action: 'award_points', points: p, reason: 'A thank-you before your points expire', label: 'Bonus points' },
            { action: 'send_email', template: 'points_expiring', label: 'Expiring points email' },
          ],
        },
      };
    }
    case 'tier_up_bonus': {
      if (settings.tiers.tiers.length < 2) return null;
      const spread = figures.tiers.map((t) => `${n(t.customers)} ${t.name}`).join(', ');
      return {
        key,
        title: 'Bonus for reaching a new tier',
        why: `Members by tier: ${spread}. A ${n(p)}-point bonus when a customer moves up rewards the step and shows the tier is worth reaching.`,
        points: p,
        playbook: {
          name: 'Tier-up bonus',
          description: `Suggested by Mrs. Parker: ${n(p)} bonus points and the congratulations email when a customer moves up a tier.`,
          ownerAgent: 'mrs_parker',
          triggers: [{ type: 'event', eventName: 'loyalty.tier_changed', filter: 'direction == "up"' }],
          entry: { runKey: 'customerId', reentry: 'always' },
          steps: [
            { action: 'award_points', points: p, reason: 'Welcome to your new tier', label: 'Tier-up bonus' },
            { action: 'send_email', template: 'tier_up', label: 'Congratulations email' },
          ],
        },
      };
    }
  }
}

export function readySuggestions(settings: LoyaltySettings, figures: ProgrammeFigures): BonusSuggestion[] {
  return SUGGESTION_KEYS.map((k) => buildSuggestion(k, settings, figures)).filter((s): s is BonusSuggestion => s !== null);
}

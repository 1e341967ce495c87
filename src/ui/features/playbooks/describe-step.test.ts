import { describe, expect, it } from 'vitest';
import type { Step } from '@/domain/playbooks/step-registry';
import { describeStep, stepDetailWords, stepTypeName } from './describe-step';
import { describeTrigger, eventGroup, eventLabel } from './describe-trigger';

describe('what the builder, list and log say about conditions', () => {
  it('describes a trigger filter in words, never as code', () => {
    expect(describeTrigger({ type: 'event', eventName: 'order.created', filter: 'order.totalCents > 0' })).toBe(
      'When an order is created, only if order total above $0.00',
    );
    expect(describeTrigger({ type: 'event', eventName: 'order.created', filter: '  ' })).toBe('When an order is created');
  });

  it('names a saved segment trigger by the segment, never its id', () => {
    const t = { type: 'segment_entered', segment: 'saved:seg_abc' } as const;
    expect(describeTrigger(t, undefined, { seg_abc: 'Lapsed edible buyers' })).toBe('Enters the saved segment “Lapsed edible buyers”');
    expect(describeTrigger(t)).toBe('Enters a saved segment');
    expect(describeTrigger({ type: 'segment_entered', segment: 'VIP' })).toBe('When a customer enters the segment “VIP”');
  });

  it('describes condition and wait-for-event steps in words', () => {
    expect(describeStep({ id: 'c', action: 'condition', if: 'customer.orderCount >= 3 and days_since(customer.lastOrderAt) >= 45' } as Step)).toBe(
      'If at least 3 orders and last order at least 45 days ago',
    );
    expect(
      describeStep({
        id: 'w',
        action: 'wait_for_event',
        eventName: 'inventory.updated',
        timeout: '60d',
        filter: 'quantity > 0 and previousQuantity == 0',
      } as Step),
    ).toBe('Wait up to 60 days for: stock changes, stock above 0 and stock before the change exactly 0');
  });

  it('turns a condition step’s log line into words and keeps the expression', () => {
    expect(stepDetailWords('condition', 'order.totalCents > 0 → yes')).toEqual({ words: 'Order total above $0.00: yes', expression: 'order.totalCents > 0' });
    expect(stepDetailWords('send_email', 'Email queued → later')).toEqual({ words: 'Email queued → later', expression: null });
    expect(stepTypeName('send_email')).toBe('Send email');
    expect(stepTypeName('mystery_step')).toBe('mystery step');
  });

  it('names the loyalty steps and triggers in plain words', () => {
    expect(describeStep({ id: 'a', action: 'award_points', points: 1500, reason: 'Thanks for your review' } as Step)).toBe(
      'Award 1,500 bonus points (“Thanks for your review”)',
    );
    expect(describeStep({ id: 'c', action: 'issue_coupon', offer: { valueCents: 500, description: '$5 off' }, validDays: 14 } as Step)).toBe(
      'Give a coupon: “$5 off”, valid 14 days',
    );
    expect(stepTypeName('award_points')).toBe('Award bonus points');
    expect(stepTypeName('issue_coupon')).toBe('Give a coupon');
    expect(
      ['loyalty.points_earned', 'loyalty.tier_changed', 'loyalty.points_expiring', 'customer.birthday', 'customer.anniversary'].map((n) => [
        eventLabel(n),
        eventGroup(n),
      ]),
    ).toEqual([
      ['Points earned', 'Loyalty'],
      ['Tier changed', 'Loyalty'],
      ['Points about to expire', 'Loyalty'],
      ["Customer's birthday", 'Loyalty'],
      ['Join anniversary', 'Loyalty'],
    ]);
    expect(describeTrigger({ type: 'event', eventName: 'loyalty.tier_changed', filter: 'direction == "up"' })).toBe(
      "When a customer's tier changes, only if tier change is up",
    );
  });
});

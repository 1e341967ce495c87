import { describe, expect, it } from 'vitest';
import type { Step } from '@/domain/playbooks/step-registry';
import { describeStep, stepDetailWords, stepTypeName } from './describe-step';
import { describeTrigger } from './describe-trigger';

describe('what the builder, list and log say about conditions', () => {
  it('describes a trigger filter in words, never as code', () => {
    expect(describeTrigger({ type: 'event', eventName: 'order.created', filter: 'order.totalCents > 0' })).toBe(
      'When an order is created, only if order total above $0.00',
    );
    expect(describeTrigger({ type: 'event', eventName: 'order.created', filter: '  ' })).toBe('When an order is created');
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
});

import { describe, expect, it } from 'vitest';
import { PlaybookDefinitionSchema } from '@/domain/playbooks/playbook';
import { describePath } from './builder/problem-summary';
import { describeCron } from './describe-trigger';
import { controlId, emptyDraft, fingerprint, moveItem, newStep, toDefinition, valueAt } from './draft';

describe('the builder draft', () => {
  it('sends cleared optional text as absent, so the server never takes "" for a value', () => {
    const draft = {
      ...emptyDraft(),
      name: 'Thanks',
      triggers: [{ type: 'event' as const, eventName: 'order.created', filter: '  ' }],
      steps: [{ ...newStep('send_email'), template: 'thank_you', subject: '' }],
    };
    const def = toDefinition(draft) as { triggers: Array<Record<string, unknown>>; steps: Array<Record<string, unknown>> };
    expect(def.triggers[0]).not.toHaveProperty('filter');
    expect(def.steps[0]).not.toHaveProperty('subject');
    expect(def.steps[0]).toMatchObject({ action: 'send_email', template: 'thank_you' });
    expect(PlaybookDefinitionSchema.safeParse(def).success).toBe(true);
  });

  it('every new step of a built-in type is a valid definition once its required text is filled', () => {
    for (const action of ['notify_staff', 'create_task', 'wait', 'wait_for_event', 'ab_split', 'staff_report']) {
      const step = newStep(action);
      const filled = action === 'notify_staff' ? { ...step, title: 'T', message: 'M' } : action === 'create_task' ? { ...step, title: 'T' } : step;
      const parsed = PlaybookDefinitionSchema.safeParse({ name: 'x', triggers: [{ type: 'manual' }], steps: [filled] });
      expect(parsed.success, `${action}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it('a change of property order is not a change; a change of value is', () => {
    expect(fingerprint({ a: 1, b: { c: 2, d: 3 } })).toBe(fingerprint({ b: { d: 3, c: 2 }, a: 1 }));
    expect(fingerprint({ a: 1, b: '' })).toBe(fingerprint({ a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
  });

  it('reads nested paths, moves items within bounds, and names controls by path', () => {
    const root = { steps: [{ then: [{ if: 'x > 1' }] }] };
    expect(valueAt(root, 'steps.0.then.0.if')).toBe('x > 1');
    expect(valueAt(root, 'steps.3.if')).toBeUndefined();
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(controlId('steps.1.then.0.if')).toBe('pb-steps-1-then-0-if');
  });

  it('says where a problem is the way a person counts', () => {
    expect(describePath('steps.1.then.0.template')).toBe('step 2 › then › step 1 › template');
    expect(describePath('triggers.0.filter')).toBe('trigger 1 › filter');
    expect(describePath('steps.0.variants.1.weight')).toBe('step 1 › variant 2 › weight');
  });

  it('reads common cron schedules in words', () => {
    expect(describeCron('0 8 * * 1')).toMatch(/Monday/);
    expect(describeCron('not a cron')).toBeNull();
  });
});

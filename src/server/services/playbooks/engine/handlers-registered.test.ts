import { describe, expect, it } from 'vitest';
import { stepTypes } from '@/domain/playbooks/steps';
import { stepHandler } from './step-handler';
import './execute-run';

describe('the executor', () => {
  it('has a handler for every registered step type as soon as it is loaded, whatever route loads it', () => {
    const missing = stepTypes()
      .map((t) => t.action)
      .filter((action) => !stepHandler(action));
    expect(missing).toEqual([]);
    expect(stepTypes().length).toBeGreaterThanOrEqual(14);
  });
});

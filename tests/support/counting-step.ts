import { z } from 'zod';
import { registerStepType } from '@/domain/playbooks/step-registry';
import { registerStepHandler } from '@/server/services/playbooks/engine/step-handler';
import '@/domain/playbooks/steps';

/** What one call of the counting step does after it acted. */
export interface Plan {
  /** Then takes this long (real time), as a slow AI call or endpoint would. */
  delayMs?: number;
  /** Then waits for this, as a process frozen between its effect and its commit. */
  until?: Promise<void>;
  /** Then runs this (say, another worker taking the run over meanwhile). */
  onActed?: () => Promise<void>;
  /** Then throws, as a handler that failed after acting. */
  thenThrow?: boolean;
}

export interface CountingStep {
  action: string;
  /** One entry per effect performed, the idempotency key it carried. What "acted once" is counted on. */
  effects: string[];
  calls: number;
  maxConcurrent: number;
  next(...plans: Plan[]): void;
}

/**
 * A step type registered by a test, through the same registry and handler table as the built-in
 * steps, that counts its side effects. Idempotent by key, it acts once per key however often it is
 * called (as sendMessage returns the first send); otherwise every call acts.
 */
export function registerCountingStep(action: string, opts: { idempotentByKey?: boolean } = {}): CountingStep {
  const plans: Plan[] = [];
  let concurrent = 0;
  const state: CountingStep = { action, effects: [], calls: 0, maxConcurrent: 0, next: (...p) => plans.push(...p) };
  registerStepType({
    action,
    label: 'Counting step (test)',
    description: 'Counts its side effects.',
    category: 'integration',
    sideEffect: true,
    branches: [],
    fields: { note: z.string().max(40).optional() },
  });
  registerStepHandler(action, {
    idempotentByKey: opts.idempotentByKey,
    async execute(ctx) {
      const call = ++state.calls;
      state.maxConcurrent = Math.max(state.maxConcurrent, ++concurrent);
      const plan = plans.shift() ?? {};
      try {
        if (!(opts.idempotentByKey && state.effects.includes(ctx.idempotencyKey))) state.effects.push(ctx.idempotencyKey);
        if (plan.delayMs) await new Promise((r) => setTimeout(r, plan.delayMs));
        if (plan.onActed) await plan.onActed();
        if (plan.until) await plan.until;
        if (plan.thenThrow) throw new Error(`failed after acting (call ${call})`);
        return { kind: 'next', status: 'done', detail: `Acted (call ${call})` };
      } finally {
        concurrent--;
      }
    },
  });
  return state;
}

/** A promise the test resolves when it wants a frozen handler to carry on. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

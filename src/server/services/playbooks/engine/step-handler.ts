import type { WriteBatch } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import type { PreviewedMessage } from '@/domain/messaging/preview';
import type { Flow, FlowNode } from '@/domain/playbooks/flow';
import type { PlaybookVersion } from '@/domain/playbooks/playbook';
import type { PlaybookRun, WaitingFor } from '@/domain/playbooks/run';
import type { Step } from '@/domain/playbooks/steps';
import type { ServiceContext } from '../../../context';

export interface StepRunContext extends ServiceContext {
  run: PlaybookRun;
  version: PlaybookVersion;
  flow: Flow;
  node: FlowNode;
  step: Step;
  /** runId:stepId, carried down to every side effect so a retried step never acts twice. */
  idempotencyKey: string;
  /** What conditions and templates see: customer, event, the event's entity, vars. */
  data: Record<string, unknown>;
  /** The customer's current profile as the engine read it (null: none, or none read). */
  profile?: Customer | null;
  /**
   * The step's journal entry was created by this call: the step never started before, so nothing
   * exists yet under its idempotency key (a handler may skip looking for an earlier result).
   */
  freshStart?: boolean;
  /** A dry run decides and explains but changes nothing outside the run. */
  dryRun: boolean;
  /**
   * A dry run calls no model unless an owner or admin asked for it ("use AI in this dry run");
   * AI steps then say what they would ask and take their "no answer" path. Real runs ignore it.
   */
  aiInDryRun?: boolean;
}

export type StepOutcome =
  | {
      kind: 'next';
      status: 'done' | 'skipped' | 'holdout';
      detail: string;
      skipReason?: string;
      /** For branch steps: the branch to follow. */
      branch?: string;
      refs?: Record<string, string>;
      /** Values for later steps (A/B arm, composed copy). */
      vars?: Record<string, unknown>;
      /** Dry run only: the message a send step would send, in full. */
      message?: PreviewedMessage;
    }
  | { kind: 'wait'; until: Date; detail: string }
  /** Ends the run here, e.g. a birthday wait for a customer with no birthday on file. */
  | { kind: 'end'; detail: string; skipReason: string }
  | { kind: 'wait_for_event'; waitingFor: WaitingFor; detail: string };

/** A step's effect as Firestore writes, for the engine to commit together with the run (StepHandler.plan). */
export interface PlannedStep {
  outcome: StepOutcome;
  /** Adds the step's writes to the run's own batch. */
  write?: (batch: WriteBatch) => void;
  /** The customer's profile once the writes are made, for the steps after it. */
  profile?: Customer | null;
}

export interface StepHandler {
  execute(ctx: StepRunContext): Promise<StepOutcome>;
  /**
   * Optional, for steps whose whole effect is a write to Firestore (a tag): the outcome and the
   * writes, made by nobody yet. When every step of a pickup can be planned, the engine commits
   * their writes and the run's record of them in one batch conditional on the run's last write:
   * both land or neither does, so no lease, claim or journal is needed (engine/atomic-pickup.ts).
   */
  plan?(ctx: StepRunContext): Promise<PlannedStep>;
  /**
   * True when calling the handler again with the same idempotency key cannot act twice (the send,
   * task or notification id comes from the key; a tag is a set). The engine then re-calls it after
   * a crash left the step started but unrecorded, and retries it when it throws: exactly once.
   * Otherwise (the default) such a step is never called again: at most once.
   */
  idempotentByKey?: boolean;
}

const handlers = new Map<string, StepHandler>();

/** Later features add handlers for their step types here; the executor never changes. */
export function registerStepHandler(action: string, handler: StepHandler) {
  if (handlers.has(action)) throw new Error(`Step handler ${action} registered twice`);
  handlers.set(action, handler);
}

export function stepHandler(action: string): StepHandler | undefined {
  return handlers.get(action);
}

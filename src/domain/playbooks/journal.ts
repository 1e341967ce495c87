import { z } from 'zod';
import { IdSchema } from '../common';
import { WaitingForSchema } from './run';
import type { StepTypeDefinition } from './step-registry';

/** What a step handler answered, in a form the journal can keep. */
export const JournalOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('next'),
    status: z.enum(['done', 'skipped', 'holdout']),
    detail: z.string(),
    skipReason: z.string().optional(),
    branch: z.string().optional(),
    refs: z.record(z.string(), z.string()).optional(),
    vars: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({ kind: z.literal('wait'), until: z.date(), detail: z.string() }),
  z.object({ kind: z.literal('end'), detail: z.string(), skipReason: z.string() }),
  z.object({ kind: z.literal('wait_for_event'), waitingFor: WaitingForSchema, detail: z.string() }),
]);
export type JournalOutcome = z.infer<typeof JournalOutcomeSchema>;

/**
 * One side-effect step of one run: tenants/{orgId}/playbook_executions/{runId}/journal/{stepId}.
 * Created (only if absent) before the handler is called, so exactly one executor ever starts the
 * step afresh. `outcome` is written only when the run document could not take it (the executor
 * lost the run after the step acted); normally the outcome travels in the run's own commit.
 */
export const StepJournalSchema = z.object({
  /** The step id. */
  id: IdSchema,
  action: z.string(),
  owner: z.string(),
  startedAt: z.date(),
  outcome: JournalOutcomeSchema.nullable(),
  finishedAt: z.date().nullable(),
});
export type StepJournal = z.infer<typeof StepJournalSchema>;

/**
 * Steps the engine journals: everything that is not pure flow (waits, conditions, splits). A
 * message, a tag, a task, a webhook or a model call acts outside the run; a step type the
 * registry does not know is treated as acting, the safe side.
 */
export function isJournalled(def: Pick<StepTypeDefinition, 'category' | 'sideEffect'> | undefined): boolean {
  return !def || def.sideEffect || def.category !== 'flow';
}

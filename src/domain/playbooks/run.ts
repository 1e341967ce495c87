import { z } from 'zod';
import { IdSchema } from '../common';
import { RunKeySchema } from './playbook';

export const RunStatusSchema = z.enum(['running', 'waiting', 'completed', 'exited', 'failed']);
export type RunStatus = z.infer<typeof RunStatusSchema>;
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['running', 'waiting'];

export const StepResultSchema = z.object({
  stepId: z.string(),
  action: z.string(),
  /** done: it acted (or decided); skipped: it chose not to act, with the reason; holdout: an A/B holdout got nothing. */
  status: z.enum(['done', 'skipped', 'failed', 'waiting', 'holdout']),
  startedAt: z.date(),
  finishedAt: z.date(),
  ms: z.number().int().nonnegative(),
  /** A short human sentence: "Email queued (send snd_…)", "Quiet hours: deferred to 08:00". */
  detail: z.string().max(500).default(''),
  skipReason: z.string().max(300).nullable().default(null),
  /** For branch steps: which branch was taken. */
  branch: z.string().max(60).nullable().default(null),
  /** Ids of what the step created (a send, a notification, a task), for linking in the log. */
  refs: z.record(z.string(), z.string()).default({}),
});
export type StepResult = z.infer<typeof StepResultSchema>;

export const WaitingForSchema = z.object({
  eventName: z.string(),
  keyKind: RunKeySchema,
  key: z.string(),
  filter: z.string().nullable(),
  timeoutAt: z.date(),
  /** Set when the awaited event arrived; the step then takes its onEvent branch. */
  matchedEventId: z.string().nullable().default(null),
});
export type WaitingFor = z.infer<typeof WaitingForSchema>;

export const LeaseSchema = z.object({ owner: z.string(), until: z.date() });

export const ExitedBySchema = z.object({ eventName: z.string(), eventId: z.string() });
export type ExitedBy = z.infer<typeof ExitedBySchema>;

/**
 * An exit someone asked for and the run has not applied yet. It is written without a
 * precondition, so it can never lose a race; the executor holding the run applies it at its next
 * commit, and anyone else (the tick, the next event) at their next pickup.
 */
export const PendingExitSchema = z.object({
  exitedBy: ExitedBySchema,
  error: z.string().max(500).nullable(),
  requestedAt: z.date(),
});
export type PendingExit = z.infer<typeof PendingExitSchema>;

/**
 * One run of one playbook version for one key: the durable state the executor advances. Lives in
 * tenants/{orgId}/playbook_executions/{id}; the same document is the execution log.
 */
export const PlaybookRunSchema = z.object({
  id: IdSchema,
  playbookId: IdSchema,
  playbookName: z.string(),
  version: z.number().int().positive(),
  trigger: z.object({
    type: z.enum(['event', 'schedule', 'segment_entered', 'manual']),
    eventName: z.string().nullable(),
    eventId: z.string().nullable(),
  }),
  keyKind: RunKeySchema,
  runKey: z.string(),
  customerId: z.string().nullable(),
  status: RunStatusSchema,
  /** The next step to execute; null once the flow has no more steps. */
  cursor: z.string().nullable(),
  resumeAt: z.date().nullable(),
  waitingFor: WaitingForSchema.nullable(),
  /** Event names that end this run for its customer (from the version's exit rules). */
  exitEvents: z.array(z.string()),
  /** What the run knew when it started, plus values later steps produced (A/B arm, composed copy). */
  context: z.object({
    event: z.record(z.string(), z.unknown()).nullable(),
    customer: z.record(z.string(), z.unknown()).nullable(),
    vars: z.record(z.string(), z.unknown()),
  }),
  stepResults: z.array(StepResultSchema),
  lease: LeaseSchema.nullable(),
  /** How many times an executor picked the run up (waits and pause re-checks included). */
  attempts: z.number().int().nonnegative(),
  /** Consecutive failures of the step at the cursor: the retry budget. Reset when a step succeeds. */
  failures: z.number().int().nonnegative().default(0),
  error: z.string().nullable(),
  exitedBy: ExitedBySchema.nullable(),
  pendingExit: PendingExitSchema.nullable().default(null),
  dryRun: z.boolean().default(false),
  startedAt: z.date(),
  updatedAt: z.date(),
  finishedAt: z.date().nullable(),
});
export type PlaybookRun = z.infer<typeof PlaybookRunSchema>;

/** Remembers, per playbook and run key, the last run that started: the entry rules read it. */
export const RunKeyRecordSchema = z.object({
  id: z.string(),
  playbookId: IdSchema,
  keyKind: RunKeySchema,
  runKey: z.string(),
  lastRunId: z.string(),
  lastStartedAt: z.date(),
  runs: z.number().int().positive(),
});
export type RunKeyRecord = z.infer<typeof RunKeyRecordSchema>;

/** Whether entry rules let a new run start, given the key's last run. */
export function mayEnter(
  rules: { reentry: 'never' | 'always' | 'after_days'; reentryDays?: number },
  last: { lastStartedAt: Date } | null,
  now: Date,
): boolean {
  if (!last) return true;
  if (rules.reentry === 'always') return true;
  if (rules.reentry === 'never') return false;
  return now.getTime() - last.lastStartedAt.getTime() >= (rules.reentryDays ?? 0) * 86_400_000;
}

/** The exit named by a playbook's deletion (the log shows it as the cause). */
export const PLAYBOOK_DELETED = 'playbook.deleted';

/** Why the messages a run still had waiting (quiet hours, a retry) will not go. */
export function runEndedReason(run: Pick<PlaybookRun, 'status' | 'exitedBy' | 'pendingExit' | 'error'>): string | null {
  // An exit still pending counts for a run in flight; one that arrived after the run completed does not.
  const exit = run.status === 'exited' ? run.exitedBy : ACTIVE_RUN_STATUSES.includes(run.status) ? run.pendingExit?.exitedBy : null;
  if (exit) return exitReason(exit);
  if (run.status === 'failed') return `The playbook run failed${run.error ? `: ${run.error}` : '.'}`.slice(0, 500);
  return null;
}

export function exitReason(exit: ExitedBy): string {
  return exit.eventName === PLAYBOOK_DELETED ? 'The playbook was deleted.' : `The playbook run ended when ${exit.eventName} arrived (an exit rule).`;
}

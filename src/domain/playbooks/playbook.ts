import { z } from 'zod';
import { IdSchema, TimeZoneSchema } from '../common';
import { PLAYBOOK_AGENTS } from './agents';
import { StepSchema, walkSteps, type Step } from './steps';

export const PlaybookStatusSchema = z.enum(['draft', 'active', 'paused']);
export type PlaybookStatus = z.infer<typeof PlaybookStatusSchema>;

export const TriggerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), eventName: z.string().min(1).max(80), filter: z.string().trim().max(2000).optional() }),
  z.object({ type: z.literal('schedule'), cron: z.string().trim().min(9).max(120), timeZone: TimeZoneSchema.optional() }),
  // Registered by the CRM's segment scans: a customer entering the named segment.
  z.object({ type: z.literal('segment_entered'), segment: z.string().trim().min(1).max(60) }),
  z.object({ type: z.literal('manual') }),
]);
export type Trigger = z.infer<typeof TriggerSchema>;

export const RunKeySchema = z.enum(['orderId', 'customerId', 'checkoutToken', 'productId', 'eventId']);
export type RunKey = z.infer<typeof RunKeySchema>;

export const EntryRulesSchema = z
  .object({
    /** Which key makes a run unique; defaults to the trigger event's natural key. */
    runKey: RunKeySchema.optional(),
    reentry: z.enum(['never', 'always', 'after_days']).default('never'),
    reentryDays: z.number().int().min(1).max(3650).optional(),
  })
  .refine((e) => e.reentry !== 'after_days' || e.reentryDays !== undefined, {
    path: ['reentryDays'],
    message: 'Say after how many days a customer may enter again',
  });
export type EntryRules = z.infer<typeof EntryRulesSchema>;

export const ExitRulesSchema = z.object({
  /** Events that end a running or waiting run for the same customer, e.g. order.created ends an abandoned-checkout run. */
  onEvents: z
    .array(z.object({ eventName: z.string().min(1).max(80), filter: z.string().trim().max(2000).optional() }))
    .max(10)
    .default([]),
});
export type ExitRules = z.infer<typeof ExitRulesSchema>;

export const OwnerAgentSchema = z.enum(PLAYBOOK_AGENTS);

/** What a person or the API writes. Steps may omit ids; they are assigned on save. */
export const PlaybookDefinitionSchema = z.object({
  name: z.string().trim().min(1, 'Give the playbook a name').max(120),
  description: z.string().trim().max(1000).default(''),
  ownerAgent: OwnerAgentSchema.default('craig'),
  triggers: z.array(TriggerSchema).min(1, 'Add a trigger').max(5),
  entry: EntryRulesSchema.default({ reentry: 'never' }),
  exit: ExitRulesSchema.default({ onEvents: [] }),
  steps: z.array(StepSchema).min(1, 'Add at least one step').max(100),
});
export type PlaybookDefinitionInput = z.input<typeof PlaybookDefinitionSchema>;
export type PlaybookDefinition = z.infer<typeof PlaybookDefinitionSchema>;

export const MAX_STEPS = 200;

/** Gives every step without one a short id unique in the tree; keeps existing ids. */
export function assignStepIds(steps: Step[], existing = new Set<string>(), random: () => string = defaultId): Step[] {
  for (const { step } of walkSteps(steps)) if (step.id) existing.add(step.id);
  const fill = (list: Step[]): Step[] =>
    list.map((step) => {
      let id = step.id;
      while (!id || (existing.has(id) && id !== step.id)) id = `${step.action.replace(/_/g, '-').slice(0, 12)}-${random()}`;
      existing.add(id);
      const out: Step = { ...step, id };
      for (const [key, value] of Object.entries(out)) {
        if (Array.isArray(value) && value.every(isStep)) out[key] = fill(value as Step[]);
        if (key === 'variants' && Array.isArray(value)) out[key] = (value as Array<{ steps: Step[] }>).map((v) => ({ ...v, steps: fill(v.steps ?? []) }));
      }
      return out;
    });
  return fill(steps);
}

function isStep(v: unknown): v is Step {
  return !!v && typeof v === 'object' && typeof (v as Step).action === 'string';
}

function defaultId(): string {
  return Math.random().toString(36).slice(2, 8);
}

/** Problems a definition's step tree can have beyond field shapes: duplicate ids, too many steps. */
export function stepTreeProblems(steps: Step[]): Array<{ path: string; message: string }> {
  const seen = new Map<string, number>();
  let count = 0;
  for (const { step } of walkSteps(steps)) {
    count++;
    if (step.id) seen.set(step.id, (seen.get(step.id) ?? 0) + 1);
  }
  const problems: Array<{ path: string; message: string }> = [];
  for (const [id, n] of seen) if (n > 1) problems.push({ path: 'steps', message: `Step id "${id}" is used ${n} times` });
  if (count > MAX_STEPS) problems.push({ path: 'steps', message: `A playbook has at most ${MAX_STEPS} steps in all (this one has ${count})` });
  return problems;
}

export const PlaybookSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(120),
  description: z.string().max(1000),
  ownerAgent: OwnerAgentSchema,
  status: PlaybookStatusSchema,
  /** The latest version; runs keep the version they started on. */
  version: z.number().int().positive(),
  triggers: z.array(TriggerSchema).min(1),
  entry: EntryRulesSchema,
  exit: ExitRulesSchema,
  steps: z.array(StepSchema).min(1),
  installedFrom: z.string().nullable().default(null),
  createdAt: z.date(),
  updatedAt: z.date(),
  createdBy: z.string(),
  updatedBy: z.string(),
  activatedAt: z.date().nullable().default(null),
});
export type Playbook = z.infer<typeof PlaybookSchema>;

/** An immutable snapshot of a playbook as it was at one version. */
export const PlaybookVersionSchema = z.object({
  id: z.string(),
  playbookId: IdSchema,
  version: z.number().int().positive(),
  name: z.string(),
  triggers: z.array(TriggerSchema),
  entry: EntryRulesSchema,
  exit: ExitRulesSchema,
  steps: z.array(StepSchema),
  createdAt: z.date(),
  createdBy: z.string(),
});
export type PlaybookVersion = z.infer<typeof PlaybookVersionSchema>;

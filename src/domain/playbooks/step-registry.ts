import { z } from 'zod';

/** Any step: its action names its type; branch steps hold nested lists of steps. */
export interface Step {
  action: string;
  id: string;
  label?: string;
  [field: string]: unknown;
}

export type StepCategory = 'message' | 'flow' | 'data' | 'ai' | 'integration' | 'loyalty';

export interface StepTypeDefinition {
  action: string;
  /** The step's fields (without id/label/action, which every step has). Branch fields use `stepList()`. */
  fields: z.ZodRawShape;
  /** Names of the fields holding nested step lists, in display order (e.g. then, else). */
  branches: readonly string[];
  /** Named branches that are not plain fields, e.g. the variants of an A/B split. */
  dynamicBranches?: (step: Step) => Record<string, Step[]>;
  category: StepCategory;
  label: string;
  description: string;
  /** Whether running it changes something outside the run (a message, a tag, a call). */
  sideEffect: boolean;
  /** The step changes the customer's profile (points, tags): the executor re-reads it before the next step. */
  refreshesProfile?: boolean;
  /** Fields rendered as Liquid at run time: checked at save (no file tags, no broken syntax). */
  liquidFields?: readonly string[];
  /** Extra checks across fields, with a path and message for each problem. */
  refine?: (step: Step) => Array<{ path: string; message: string }>;
}

const registry = new Map<string, StepTypeDefinition>();
let cached: z.ZodType<Step> | undefined;

/**
 * Registers a step type. Built-in steps register in steps.ts; later features (loyalty points,
 * segments) register theirs the same way, and the executor picks them up through this table.
 */
export function registerStepType(def: StepTypeDefinition) {
  if (registry.has(def.action)) throw new Error(`Step type ${def.action} is registered twice`);
  registry.set(def.action, def);
  cached = undefined;
}

export function stepType(action: string): StepTypeDefinition | undefined {
  return registry.get(action);
}

export function stepTypes(): StepTypeDefinition[] {
  return [...registry.values()];
}

/** A nested list of steps, for branch fields. */
export function stepList() {
  return z.array(z.lazy(() => StepSchema)).max(100);
}

const StepIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Step ids use letters, digits, _ and -');

function buildSchema(): z.ZodType<Step> {
  const defs = stepTypes();
  const members = defs.map((d) =>
    z
      .object({ action: z.literal(d.action), id: StepIdSchema.optional(), label: z.string().trim().max(120).optional(), ...d.fields })
      .superRefine((step, ctx) => {
        for (const issue of d.refine?.(step as Step) ?? [])
          ctx.addIssue({ code: 'custom', path: issue.path ? issue.path.split('.') : [], message: issue.message });
      }),
  );
  if (members.length === 0) throw new Error('No step types registered');
  const known = defs.map((d) => d.action);
  return z.lazy(() =>
    z
      .object({ action: z.string() }, { error: 'Each step needs an "action"' })
      .passthrough()
      .superRefine((v, ctx) => {
        if (!known.includes(v.action)) ctx.addIssue({ code: 'custom', path: ['action'], message: `Unknown step "${v.action}". Steps: ${known.join(', ')}` });
      })
      .pipe(
        z.discriminatedUnion(
          'action',
          members as unknown as [z.ZodObject<{ action: z.ZodLiteral<string> }>, ...z.ZodObject<{ action: z.ZodLiteral<string> }>[]],
        ),
      ),
  ) as unknown as z.ZodType<Step>;
}

/** The schema of one step of any registered type, nested branches included. Ids are optional on input; assignStepIds fills them. */
export const StepSchema: z.ZodType<Step> = z.lazy(() => {
  cached ??= buildSchema();
  return cached;
});

/** The branches of a step, by name, in display order. */
export function branchesOf(step: Step): Record<string, Step[]> {
  const def = registry.get(step.action);
  if (!def) return {};
  const out: Record<string, Step[]> = {};
  for (const name of def.branches) out[name] = (step[name] as Step[] | undefined) ?? [];
  Object.assign(out, def.dynamicBranches?.(step) ?? {});
  return out;
}

/** Every step of a tree, depth first, with the chain of branch names that leads to it. */
export function* walkSteps(steps: Step[], path: string[] = []): Generator<{ step: Step; path: string[]; depth: number }> {
  for (const step of steps) {
    yield { step, path, depth: path.length / 2 };
    for (const [name, branch] of Object.entries(branchesOf(step))) yield* walkSteps(branch, [...path, step.id, name]);
  }
}

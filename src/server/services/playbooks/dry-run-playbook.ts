import { describeCondition } from '@/domain/playbooks/describe-condition';
import { z } from 'zod';
import { ManualClock } from '@/domain/clock';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import { getEventSchema, isEventName } from '@/domain/events/catalogue';
import { describeDuration } from '@/domain/playbooks/duration';
import { compileFlow } from '@/domain/playbooks/flow';
import { evaluateCondition } from '@/domain/playbooks/expression';
import type { PreviewedMessage } from '@/domain/messaging/preview';
import type { PlaybookDefinition, PlaybookVersion } from '@/domain/playbooks/playbook';
import { mayEnter, type PlaybookRun } from '@/domain/playbooks/run';
import { stepType } from '@/domain/playbooks/steps';
import { customerData, orderData, productData } from '@/domain/signals/event-builders';
import { AppError, errors, issuesOf } from '@/domain/errors';
import { capRenders, DRY_RUN_MAX_RENDERS, newRenderBudget, RenderBudgetExceededError } from '@/domain/messaging/render-budget';
import { can } from '@/domain/roles';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { runData } from './engine/run-data';
import { stepHandler, type StepOutcome } from './engine/step-handler';
import { conditionAst } from './steps/flow-steps';
import { loadVersion } from './engine/execute-run';
import { assertNoProblems, runKeyForEvent, validatePlaybook } from './validate-playbook';
import './steps';

export const DryRunInputSchema = z.object({
  customerId: z.string().min(1).max(128).optional(),
  /** Overrides the sample event's data (the builder lets people edit it). */
  eventData: z.record(z.string(), z.unknown()).optional(),
  triggerIndex: z.number().int().min(0).max(4).default(0),
  /**
   * Let AI steps call Claude (the dispensary's key and credits). Off by default: AI steps then say
   * what they would ask and take their "no answer" path. Owners and admins only.
   */
  useAi: z.boolean().default(false),
});
export type DryRunInput = z.input<typeof DryRunInputSchema>;

export interface DryRunStep {
  stepId: string;
  action: string;
  label: string;
  depth: number;
  status: 'done' | 'skipped' | 'holdout' | 'waiting';
  detail: string;
  skipReason: string | null;
  branch: string | null;
  /** When the step would run, on the simulated clock (waits move it forward). */
  at: string;
  /** A send step's whole message (subject and body, or the text), labelled when any of it is a sample. */
  message: PreviewedMessage | null;
}

export interface DryRunResult {
  trigger: string;
  event: { name: string; data: Record<string, unknown> } | null;
  customer: { id: string; name: string } | null;
  willStart: boolean;
  notes: string[];
  steps: DryRunStep[];
}

/** Sample values for any schema: the dry run's fallback when the tenant has no real data to show. */
function sampleFrom(schema: z.ZodType, now: Date): unknown {
  const def = (schema as unknown as { def: Record<string, unknown> & { type: string } }).def;
  switch (def.type) {
    case 'object':
      return Object.fromEntries(Object.entries((schema as unknown as { shape: Record<string, z.ZodType> }).shape).map(([k, v]) => [k, sampleFrom(v, now)]));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
      return sampleFrom(def.innerType as z.ZodType, now);
    case 'array':
      return [];
    case 'string':
      return 'sample';
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'date':
      return now;
    case 'enum':
      return Object.values(def.entries as Record<string, string>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    default:
      return null;
  }
}

/** Edits to the sample replace only the fields they name. */
function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b) && !(b instanceof Date)
        ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

async function sampleEvent(
  ctx: ServiceContext,
  eventName: string,
  customerId: string | null,
  override: Record<string, unknown> | undefined,
  now: Date,
): Promise<CanonicalEvent | null> {
  if (!isEventName(eventName)) return null;
  const tdb = tenantDb(ctx.orgId);
  const data = sampleFrom(getEventSchema(eventName) as z.ZodType, now) as Record<string, unknown>;
  const customer = customerId ? await tdb.customers.get(customerId) : null;
  if ('order' in data) {
    const q = customerId
      ? tdb.orders.ref.where('customerId', '==', customerId).orderBy('placedAt', 'desc').limit(1)
      : tdb.orders.ref.orderBy('placedAt', 'desc').limit(1);
    const latest = (await q.get()).docs[0]?.data();
    if (latest) data.order = orderData(latest);
  }
  if ('customer' in data && customer) data.customer = customerData(customer, false);
  if ('product' in data) {
    const product = (await tdb.products.ref.limit(1).get()).docs[0]?.data();
    if (product) data.product = productData(product);
  }
  const merged = deepMerge(data, override ?? {});
  const checked = (getEventSchema(eventName) as z.ZodType).safeParse(merged);
  if (!checked.success) {
    throw new AppError('validation_failed', 'The sample event does not fit its schema.', {
      issues: issuesOf(checked.error).map((i) => ({ ...i, path: `eventData.${i.path}` })),
    });
  }
  Object.assign(data, checked.data);
  const order = data.order as { id?: string; checkoutToken?: string | null } | undefined;
  return {
    id: 'evt_dry_run',
    name: eventName,
    occurredAt: now,
    receivedAt: now,
    source: 'bakedbot',
    customerId,
    keys: {
      customerId: customerId ?? undefined,
      orderId: order?.id,
      checkoutToken: order?.checkoutToken ?? (data.checkout as { token?: string } | undefined)?.token,
    },
    data,
  } as CanonicalEvent;
}

/**
 * A dry run evaluates conditions on a customer's real amounts and lifetime value, and may spend the
 * dispensary's Claude credits: running one is for the roles that see revenue. A draft is checked
 * before this (its problems are a 422 for anyone who may read playbooks).
 */
function assertMayDryRun(ctx: ServiceContext) {
  if (!(ctx.actor.role && can(ctx.actor.role, 'playbooks:write')))
    throw errors.forbidden('Dry runs are for owners and admins: they work with customers’ real order amounts and can call Claude on the dispensary’s account.');
}

/**
 * Walks a playbook for one customer (or a sample event) and says, step by step, what would
 * happen and why (conditions, A/B arms, the messaging gate's decisions at the simulated time
 * after each wait) without sending, tagging or notifying anything, and without calling any model
 * unless `useAi` (owners and admins).
 */
export async function dryRunPlaybook(ctx: ServiceContext, version: PlaybookVersion, raw: DryRunInput): Promise<DryRunResult> {
  const input = DryRunInputSchema.parse(raw);
  assertMayDryRun(ctx);
  const trigger = version.triggers[input.triggerIndex] ?? version.triggers[0]!;
  const clock = new ManualClock(ctx.clock.now());
  // Every render of the walk comes out of the request's budget, and a dry run renders at most so many.
  const renderBudget = ctx.renderBudget ?? newRenderBudget();
  capRenders(renderBudget, DRY_RUN_MAX_RENDERS);
  const sim: ServiceContext = { ...ctx, clock, renderBudget };
  const tdb = tenantDb(ctx.orgId);
  const customer = input.customerId ? await tdb.customers.get(input.customerId) : null;
  if (input.customerId && !customer) throw errors.notFound('Customer', input.customerId);
  const event = trigger.type === 'event' ? await sampleEvent(ctx, trigger.eventName, customer?.id ?? null, input.eventData, clock.now()) : null;
  const notes: string[] = [];
  let willStart = true;

  if (trigger.type === 'event' && trigger.filter) {
    const matches = evaluateCondition(
      conditionAst(trigger.filter),
      runData({ context: { event: event as never, customer: customer as never, vars: {} } }, customer as never),
      { now: clock.now() },
    );
    const words = describeCondition(trigger.filter, { eventName: trigger.eventName });
    notes.push(`The trigger's condition (${words}) ${matches ? 'holds' : 'does not hold'} for this ${event ? 'event' : 'customer'}.`);
    if (!matches) willStart = false;
  }
  const keyKind = trigger.type === 'event' ? runKeyForEvent(trigger.eventName, version.entry.runKey) : trigger.type === 'schedule' ? 'eventId' : 'customerId';
  const runKey =
    keyKind === 'customerId' ? (customer?.id ?? '') : ((event?.keys as Record<string, string | undefined> | undefined)?.[keyKind] ?? event?.id ?? 'sample');
  if (customer) {
    const keyRecords = await tdb.runKeys.ref.where('playbookId', '==', version.playbookId).where('runKey', '==', runKey).limit(1).get();
    const last = keyRecords.docs[0]?.data() ?? null;
    if (!mayEnter(version.entry, last, clock.now())) {
      notes.push(
        `Entry rules: this ${keyKind} already had a run on ${last!.lastStartedAt.toISOString().slice(0, 10)}, so a real trigger would not start another (${version.entry.reentry === 'after_days' ? `the same one goes through again only after ${version.entry.reentryDays} days` : 'the same one goes through once only'}).`,
      );
      willStart = false;
    }
  }

  const flow = compileFlow(version.steps);
  const run: PlaybookRun = {
    id: 'run_dry_run',
    playbookId: version.playbookId,
    playbookName: version.name,
    version: version.version,
    trigger: { type: trigger.type, eventName: trigger.type === 'event' ? trigger.eventName : null, eventId: event?.id ?? null },
    keyKind,
    runKey,
    customerId: customer?.id ?? null,
    status: 'running',
    cursor: flow.entry,
    resumeAt: null,
    waitingFor: null,
    exitEvents: version.exit.onEvents.map((e) => e.eventName),
    context: { event: event as never, customer: customer as never, vars: {} },
    stepResults: [],
    lease: null,
    attempts: 0,
    failures: 0,
    error: null,
    exitedBy: null,
    pendingExit: null,
    dryRun: true,
    startedAt: clock.now(),
    updatedAt: clock.now(),
    finishedAt: null,
  };
  const depthOf = (id: string) => {
    let depth = 0;
    for (let p = flow.nodes.get(id)?.parent ?? null; p; p = flow.nodes.get(p)?.parent ?? null) depth++;
    return depth;
  };
  const steps: DryRunStep[] = [];
  for (let guard = 0; run.cursor && guard < 300; guard++) {
    const node = flow.nodes.get(run.cursor)!;
    const handler = stepHandler(node.step.action);
    const base = {
      stepId: node.step.id,
      action: node.step.action,
      label: node.step.label ?? stepType(node.step.action)?.label ?? node.step.action,
      depth: depthOf(node.step.id),
      at: clock.now().toISOString(),
      message: null,
    };
    if (!handler) {
      steps.push({ ...base, status: 'skipped', detail: 'No handler for this step', skipReason: 'Unknown step', branch: null });
      run.cursor = node.next;
      continue;
    }
    let outcome: StepOutcome;
    try {
      outcome = await handler.execute({
        ...sim,
        run,
        version,
        flow,
        node,
        step: node.step,
        idempotencyKey: `dry:${node.step.id}`,
        data: runData(run, customer as never),
        dryRun: true,
        aiInDryRun: input.useAi,
      });
    } catch (err) {
      if (!(err instanceof RenderBudgetExceededError)) throw err;
      steps.push({ ...base, status: 'skipped', detail: `Not simulated: ${err.message}`, skipReason: 'Render budget used up', branch: null });
      run.cursor = node.next;
      continue;
    }
    if (outcome.kind === 'next') {
      steps.push({
        ...base,
        status: outcome.status,
        detail: outcome.detail,
        skipReason: outcome.skipReason ?? null,
        branch: outcome.branch ?? null,
        message: outcome.message ?? null,
      });
      if (outcome.vars) run.context.vars = { ...run.context.vars, ...outcome.vars };
      run.cursor = outcome.branch !== undefined ? (node.branches[outcome.branch] ?? node.next) : node.next;
    } else if (outcome.kind === 'wait') {
      steps.push({ ...base, status: 'waiting', detail: outcome.detail, skipReason: null, branch: null });
      clock.set(outcome.until);
      run.cursor = node.next;
    } else if (outcome.kind === 'wait_for_event') {
      const timeout = describeDuration(node.step.timeout as string);
      steps.push({
        ...base,
        status: 'waiting',
        detail: `${outcome.detail}. If it arrives, the “on event” branch runs; this dry run follows the timeout branch.`,
        skipReason: null,
        branch: 'onTimeout',
      });
      clock.set(outcome.waitingFor.timeoutAt);
      notes.push(`${node.step.eventName as string} did not arrive within ${timeout} in this simulation.`);
      run.cursor = node.branches.onTimeout ?? node.next;
    } else {
      steps.push({ ...base, status: 'skipped', detail: outcome.detail, skipReason: outcome.skipReason, branch: null });
      run.cursor = null;
    }
  }
  return {
    trigger: trigger.type === 'event' ? trigger.eventName : trigger.type,
    event: event ? { name: event.name, data: event.data as Record<string, unknown> } : null,
    customer: customer ? { id: customer.id, name: `${customer.firstName} ${customer.lastName}`.trim() } : null,
    willStart,
    notes,
    steps,
  };
}

/** The saved playbook's current version, dry-run. */
export async function dryRunSavedPlaybook(ctx: ServiceContext, playbookId: string, input: DryRunInput): Promise<DryRunResult> {
  assertMayDryRun(ctx);
  const playbook = await tenantDb(ctx.orgId).playbooks.getOrThrow(playbookId);
  const { version } = await loadVersion(ctx.orgId, playbookId, playbook.version);
  return dryRunPlaybook(ctx, version, input);
}

/** An unsaved definition from the builder, checked as a save would check it, then dry-run. */
export async function dryRunDraft(
  ctx: ServiceContext,
  definition: PlaybookDefinition,
  playbookId: string | undefined,
  input: DryRunInput,
): Promise<DryRunResult> {
  const { steps, problems } = await validatePlaybook(ctx, definition);
  assertNoProblems(problems);
  const version: PlaybookVersion = {
    id: 'draft',
    playbookId: playbookId ?? 'draft',
    version: 1,
    name: definition.name,
    triggers: definition.triggers,
    entry: definition.entry,
    exit: definition.exit,
    steps,
    createdAt: ctx.clock.now(),
    createdBy: ctx.actor.uid,
  };
  return dryRunPlaybook(ctx, version, input);
}

import { Cron } from 'croner';
import { getEventDefinition, isEventName, listEventNames, type EventName } from '@/domain/events/catalogue';
import { validateCondition, type TypeEnv } from '@/domain/playbooks/expression';
import { z } from 'zod';
import { assignStepIds, PlaybookDefinitionSchema, stepTreeProblems, type PlaybookDefinition, type RunKey } from '@/domain/playbooks/playbook';
import { liquidSourceProblem, variableRoots } from '@/domain/messaging/template-engine';
import { stepType, walkSteps, type Step } from '@/domain/playbooks/steps';
import { AppError, issuesOf } from '@/domain/errors';
import { urlTargetProblem } from '@/domain/net/address-policy';
import { savedSegmentIdOfTrigger } from '@/domain/crm/saved-segment';
import { SEGMENTS, sameSegment } from '@/domain/crm/segments';
import type { ServiceContext } from '../../context';
import { config } from '../../config';
import { tenantDb } from '../../db/tenant-db';
import { typeEnvForTrigger, typeEnvForTriggers } from './engine/run-data';

export interface PlaybookProblem {
  path: string;
  message: string;
  /** For conditions: where in the text the problem is. */
  start?: number;
  end?: number;
}

function eventProblem(name: string, path: string): PlaybookProblem | null {
  if (isEventName(name)) return null;
  const near = listEventNames().find((n) => n.startsWith(name.split('.')[0] ?? '')) ?? listEventNames()[0];
  return { path, message: `"${name}" is not an event BakedBot knows. Events include ${near}; see docs/events.md.` };
}

function conditionProblem(source: string | undefined, env: TypeEnv, path: string): PlaybookProblem | null {
  if (!source) return null;
  const check = validateCondition(source, env);
  return check.ok ? null : { path, message: check.error!.message, start: check.error!.start, end: check.error!.end };
}

/** The run key each event trigger would use: the entry rule's, or the event's most specific natural key. */
export function runKeyForEvent(eventName: string, preferred: RunKey | undefined): RunKey {
  if (preferred) return preferred;
  return isEventName(eventName) ? (getEventDefinition(eventName).runKeys[0] ?? 'eventId') : 'eventId';
}

/**
 * Everything a playbook is checked against when saved, beyond field shapes: events exist,
 * conditions type-check against the trigger's event (errors point at the position), templates
 * exist for their channel, Liquid texts parse and load no files, the run key is one the events
 * carry, schedules parse.
 */
export async function validatePlaybook(ctx: ServiceContext, def: PlaybookDefinition): Promise<{ steps: Step[]; problems: PlaybookProblem[] }> {
  const steps = assignStepIds(def.steps);
  const problems: PlaybookProblem[] = [...stepTreeProblems(steps)];
  const seenEvents = new Set<string>();
  const seenSchedules = new Set<string>();
  const savedTriggers: Array<{ i: number; id: string }> = [];

  def.triggers.forEach((t, i) => {
    if (t.type === 'event') {
      const p = eventProblem(t.eventName, `triggers.${i}.eventName`);
      if (p) return problems.push(p);
      if (seenEvents.has(t.eventName))
        problems.push({ path: `triggers.${i}.eventName`, message: `${t.eventName} is already a trigger; combine the filters with "or"` });
      seenEvents.add(t.eventName);
      const fp = conditionProblem(t.filter, typeEnvForTrigger(t), `triggers.${i}.filter`);
      if (fp) problems.push(fp);
      const key = runKeyForEvent(t.eventName, def.entry.runKey);
      const natural = getEventDefinition(t.eventName as EventName).runKeys as readonly string[];
      if (key !== 'eventId' && key !== 'customerId' && !natural.includes(key)) {
        problems.push({ path: 'entry.runKey', message: `${t.eventName} carries no ${key}; use one of ${[...natural, 'eventId'].join(', ')}` });
      }
    }
    if (t.type === 'segment_entered' && savedSegmentIdOfTrigger(t.segment)) savedTriggers.push({ i, id: savedSegmentIdOfTrigger(t.segment)! });
    else if (t.type === 'segment_entered' && !SEGMENTS.some((name) => sameSegment(name, t.segment)))
      problems.push({ path: `triggers.${i}.segment`, message: `“${t.segment}” is not a segment; use one of ${SEGMENTS.join(', ')}` });
    if (t.type === 'schedule') {
      try {
        new Cron(t.cron, { timezone: t.timeZone ?? 'UTC', paused: true });
      } catch (err) {
        problems.push({ path: `triggers.${i}.cron`, message: `Not a cron schedule: ${(err as Error).message}` });
      }
      const schedule = `${t.cron.trim()}|${t.timeZone ?? ''}`;
      if (seenSchedules.has(schedule)) problems.push({ path: `triggers.${i}.cron`, message: `"${t.cron}" is already a trigger of this playbook` });
      seenSchedules.add(schedule);
    }
  });

  // A saved segment must exist and be active when the playbook is saved (one read each; a playbook has a few triggers).
  for (const { i, id } of savedTriggers) {
    const seg = await tenantDb(ctx.orgId).savedSegments.get(id);
    if (!seg || seg.archived) problems.push({ path: `triggers.${i}.segment`, message: 'That saved segment no longer exists; pick another segment.' });
  }

  def.exit.onEvents.forEach((e, i) => {
    const p = eventProblem(e.eventName, `exit.onEvents.${i}.eventName`);
    if (p) return problems.push(p);
    const fp = conditionProblem(e.filter, typeEnvForTrigger({ type: 'event', eventName: e.eventName }), `exit.onEvents.${i}.filter`);
    if (fp) problems.push(fp);
  });

  const env = typeEnvForTriggers(def.triggers);
  const templates = tenantDb(ctx.orgId).templates;
  const pathOf = new Map<string, string>();
  const index = (list: Step[], prefix: string) =>
    list.forEach((s, i) => {
      pathOf.set(s.id, `${prefix}.${i}`);
      for (const [k, v] of Object.entries(s)) {
        if (Array.isArray(v) && v.every((x) => x && typeof x === 'object' && 'action' in x)) index(v as Step[], `${prefix}.${i}.${k}`);
        if (k === 'variants' && Array.isArray(v))
          (v as Array<{ steps: Step[] }>).forEach((variant, j) => index(variant.steps ?? [], `${prefix}.${i}.variants.${j}.steps`));
      }
    });
  index(steps, 'steps');

  // Walk order puts a step before what follows it (and its branches), so "seen" means "earlier in the run".
  let recommendSeen = false;
  for (const { step } of walkSteps(steps)) {
    const at = pathOf.get(step.id) ?? 'steps';
    if (step.action === 'recommend_products') recommendSeen = true;
    // Liquid is checked at save so {% include %} and friends are refused at the field, not met at run time.
    for (const field of stepType(step.action)?.liquidFields ?? []) {
      const source = step[field];
      if (typeof source !== 'string' || !source.includes('{')) continue;
      const p = liquidSourceProblem(source, field);
      if (p) problems.push({ path: `${at}.${field}`, message: p.message });
    }
    if (step.action === 'condition') {
      const p = conditionProblem(step.if as string, env, `${at}.if`);
      if (p) problems.push(p);
    }
    if (step.action === 'wait_for_event') {
      const p = eventProblem(step.eventName as string, `${at}.eventName`);
      if (p) problems.push(p);
      else {
        // At run time the filter sees the awaited event (its fields, `event`), the customer and vars; the trigger's fields are not there.
        const fp = conditionProblem(
          step.filter as string | undefined,
          typeEnvForTrigger({ type: 'event', eventName: step.eventName as string }),
          `${at}.filter`,
        );
        if (fp) problems.push(fp);
      }
    }
    if ((step.action === 'send_email' || step.action === 'send_sms') && typeof step.template === 'string') {
      const template = await templates.get(step.template);
      const channel = step.action === 'send_email' ? 'email' : 'sms';
      if (!template)
        problems.push({ path: `${at}.template`, message: `There is no template "${step.template}". Create it under Messages → Templates, or pick another.` });
      else if (template.channel !== channel)
        problems.push({ path: `${at}.template`, message: `"${step.template}" is an ${template.channel} template; this step sends ${channel}` });
    }
    if ((step.action === 'send_email' || step.action === 'send_sms') && !recommendSeen) {
      const inline = typeof step.body === 'string' && step.body ? `${String(step.subject ?? '')} ${step.body}` : null;
      const template = inline === null && typeof step.template === 'string' && step.template ? await templates.get(step.template) : null;
      const source = inline ?? (template ? `${template.subject ?? ''} ${template.body}` : '');
      if (source.includes('recommendations') && variableRoots(source).includes('recommendations'))
        problems.push({
          path: `${at}.${inline === null ? 'template' : 'body'}`,
          message: 'This message lists Smokey’s product suggestions: add a “Smokey suggests products” step before it.',
        });
    }
    if (step.action === 'webhook' && config().isProduction && !String(step.url).startsWith('https://')) {
      problems.push({ path: `${at}.url`, message: 'Webhooks must use https://' });
    } else if (step.action === 'webhook' && urlTargetProblem(String(step.url), config().outbound.allowHosts)) {
      problems.push({ path: `${at}.url`, message: 'Webhooks only go to public addresses; this URL points inside a private network.' });
    }
  }
  return { steps, problems };
}

export function assertNoProblems(problems: PlaybookProblem[]) {
  if (problems.length)
    throw new AppError('validation_failed', problems.length === 1 ? problems[0]!.message : `The playbook has ${problems.length} problems.`, {
      issues: problems,
    });
}

/**
 * A half-written playbook (no name yet, a step still being filled in) is still checked for
 * everything else, so a condition's mistake shows while it is typed, not only at save.
 */
const UnfinishedDefinitionSchema = PlaybookDefinitionSchema.extend({
  name: z.string().max(120).default(''),
  steps: z.array(z.looseObject({ action: z.string(), id: z.string().optional() })).max(100),
});

/** The builder's check as it edits: field problems and the save-time checks together, never saving. */
export async function validateDraft(ctx: ServiceContext, body: Record<string, unknown>): Promise<{ ok: boolean; problems: PlaybookProblem[]; steps?: Step[] }> {
  const strict = PlaybookDefinitionSchema.safeParse(body);
  const problems: PlaybookProblem[] = strict.success ? [] : issuesOf(strict.error);
  const loose = strict.success ? strict : UnfinishedDefinitionSchema.safeParse(body);
  if (!loose.success) return { ok: false, problems };
  const checked = await validatePlaybook(ctx, loose.data as PlaybookDefinition);
  for (const p of checked.problems) if (!problems.some((q) => q.path === p.path)) problems.push(p);
  return { ok: problems.length === 0, problems, steps: checked.steps };
}

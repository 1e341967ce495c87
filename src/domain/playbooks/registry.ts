import { z } from 'zod';
import { IdSchema, TimeZoneSchema } from '../common';
import { compileFlow } from './flow';
import type { PlaybookVersion } from './playbook';

/**
 * The event listener registry: one document per (playbook, event name), written in the same
 * transaction that activates, edits or pauses the playbook. An incoming event looks up its
 * listeners by name; nothing scans all playbooks.
 */
export const PlaybookListenerSchema = z.object({
  id: z.string(),
  eventName: z.string(),
  playbookId: IdSchema,
  version: z.number().int().positive(),
  active: z.boolean(),
  /** The trigger's filter condition, checked against the event before a run starts. */
  filter: z.string().nullable(),
  /** A `segment_entered` trigger: listens for customer.segment_changed into this segment (or, `saved:<id>`, customer.saved_segment_entered). */
  segment: z.string().nullable().optional(),
  updatedAt: z.date(),
});
export type PlaybookListener = z.infer<typeof PlaybookListenerSchema>;

export function listenerId(playbookId: string, eventName: string): string {
  return `${playbookId}__${eventName.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The document of a playbook's nth distinct schedule trigger; the first keeps the playbook's id. */
export function scheduleId(playbookId: string, n: number): string {
  return n === 0 ? playbookId : `${playbookId}__${n + 1}`;
}

/** A schedule trigger's next firing time, kept current by the tick. */
export const PlaybookScheduleSchema = z.object({
  id: z.string(),
  playbookId: IdSchema,
  version: z.number().int().positive(),
  cron: z.string(),
  timeZone: TimeZoneSchema,
  active: z.boolean(),
  nextFireAt: z.date(),
  lastFiredAt: z.date().nullable(),
  updatedAt: z.date(),
});
export type PlaybookSchedule = z.infer<typeof PlaybookScheduleSchema>;

/** The one document of tenants/{orgId}/playbook_registry that says what the listener registry looks like. */
export const REGISTRY_STATE_DOC = 'state';

/**
 * The registry's version and which event names matter to runs in flight. Written in the same
 * transaction as every listener change (activate, pause, edit, delete), so an instance that cached
 * the registry knows it is current when the version is unchanged. `exitEvents` and `awaitedEvents`
 * are every exit-rule event and every wait_for_event event of every version the registry has
 * seen (they only grow: a run may still be on an old version): an event named in neither, and
 * listened for by no playbook, has nothing to do with playbooks at all.
 */
export const PlaybookRegistryStateSchema = z.object({
  id: z.string(),
  version: z.number().int().nonnegative(),
  exitEvents: z.array(z.string()),
  awaitedEvents: z.array(z.string()),
  updatedAt: z.date(),
});
export type PlaybookRegistryState = z.infer<typeof PlaybookRegistryStateSchema>;

/** The event names a version ends runs on, and those its steps wait for. */
export function eventInterest(v: Pick<PlaybookVersion, 'exit' | 'steps'>): { exitEvents: string[]; awaitedEvents: string[] } {
  const awaited = [...compileFlow(v.steps).nodes.values()]
    .filter((n) => n.step.action === 'wait_for_event' && typeof n.step.eventName === 'string')
    .map((n) => n.step.eventName as string);
  return { exitEvents: [...new Set(v.exit.onEvents.map((e) => e.eventName))], awaitedEvents: [...new Set(awaited)] };
}

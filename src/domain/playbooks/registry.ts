import { z } from 'zod';
import { IdSchema, TimeZoneSchema } from '../common';

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

import { localDatePlus, zonedInstant } from '@/domain/messaging/local-time';
import type { Role } from '@/domain/roles';
import type { TaskView } from '@/domain/task-rules';

/** A task as the browser holds it: instants as ISO strings, the same shape the API answers with. */
export type TaskRow = Omit<TaskView, 'dueAt' | 'createdAt' | 'completedAt'> & { dueAt: string; createdAt: string; completedAt: string | null };

export function toTaskRow(t: TaskView): TaskRow {
  return { ...t, dueAt: t.dueAt.toISOString(), createdAt: t.createdAt.toISOString(), completedAt: t.completedAt?.toISOString() ?? null };
}

export const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', admin: 'Admin', budtender: 'Budtender' };
export const ROLE_PLURAL: Record<Role, string> = { owner: 'Owners', admin: 'Admins', budtender: 'Budtenders' };

const pad = (n: number) => String(n).padStart(2, '0');

/** A datetime-local value ("2026-03-02T10:00") for `days` from now at `hour`, in the store's zone. */
export function localInputValue(timeZone: string, now: Date, days: number, hour: number): string {
  const d = localDatePlus(timeZone, now, days);
  return `${d.year}-${pad(d.month)}-${pad(d.day)}T${pad(hour)}:00`;
}

/**
 * Reads a datetime-local value as store time, whatever zone the browser is in, so "10:00" means
 * 10:00 at the dispensary. Returns null for an empty or malformed value.
 */
export function localInputToIso(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return zonedInstant(timeZone, y, mo, d, h * 60 + mi).toISOString();
}

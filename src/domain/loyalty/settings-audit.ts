import { z } from 'zod';
import { IdSchema } from '../common';

/** One field a save changed, values as JSON text (so any field, including ones added later, fits). */
export const SettingsChangeSchema = z.object({ path: z.string().max(200), before: z.string().max(2_000), after: z.string().max(2_000) });
export type SettingsChange = z.infer<typeof SettingsChangeSchema>;

/**
 * tenants/{orgId}/loyalty_settings_audit/{id}: who changed the programme, when, and what it was
 * before and after; written in the same transaction as the settings. The whole before and after
 * are kept too (JSON), so a change can be undone by hand.
 */
export const LoyaltySettingsAuditSchema = z.object({
  id: IdSchema,
  actorUid: z.string().min(1).max(200),
  actorEmail: z.string().max(320).nullable(),
  at: z.date(),
  changes: z.array(SettingsChangeSchema).max(300),
  before: z.string().max(200_000),
  after: z.string().max(200_000),
});
export type LoyaltySettingsAudit = z.infer<typeof LoyaltySettingsAuditSchema>;

const clip = (s: string) => (s.length > 2_000 ? `${s.slice(0, 1_997)}...` : s);

/** Every leaf that differs between two programmes, by path ("tiers.tiers.1.minSpendCents"); arrays of different length count as one change. */
export function settingsChanges(before: unknown, after: unknown, path = ''): SettingsChange[] {
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length)
    return before.flatMap((b, i) => settingsChanges(b, after[i], path ? `${path}.${i}` : String(i)));
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => settingsChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  const b = JSON.stringify(before) ?? 'null';
  const a = JSON.stringify(after) ?? 'null';
  return a === b ? [] : [{ path: path || '(root)', before: clip(b), after: clip(a) }];
}

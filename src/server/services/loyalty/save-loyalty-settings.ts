import { randomUUID } from 'node:crypto';
import { AppError, errors } from '@/domain/errors';
import { can } from '@/domain/roles';
import { defaultLoyaltySettings, LOYALTY_SETTINGS_DOC, type LoyaltySettings } from '@/domain/loyalty/settings';
import { settingsChanges, type LoyaltySettingsAudit } from '@/domain/loyalty/settings-audit';
import { validateLoyaltySettings } from '@/domain/loyalty/settings-validation';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { continueSegmentRecompute, startSegmentRecompute } from '../crm/recompute-segments';
import type { FollowUp } from '../follow-up';
import { forgetLoyaltyProgramme } from './loyalty-settings';

/** How long the after-save recompute works before it leaves the rest to the every-minute tick. */
const RECOMPUTE_AFTER_SAVE_MS = 60_000;

/** A stored programme as the settings page edits it (bookkeeping fields and bonus windows left out). */
export function editableSettings(s: LoyaltySettings) {
  const { updatedAt: _u, updatedBy: _b, ...rest } = s;
  const { bonusWindows: _w, ...points } = rest.points;
  return { ...rest, points };
}

/**
 * Replaces the dispensary's loyalty programme. Owners only (the role table; admins read). The
 * input is checked by its schema and the programme rules (422 with every field's problem, nothing
 * written); the new settings and an audit entry with the before and after are written in one
 * transaction, so no change goes unrecorded. Bonus windows are kept as they are.
 */
export async function saveLoyaltySettings(
  ctx: ServiceContext,
  input: unknown,
): Promise<{ settings: LoyaltySettings; audit: LoyaltySettingsAudit | null; followUp: FollowUp | null }> {
  if (!ctx.actor.role || !can(ctx.actor.role, 'loyalty-settings:write')) throw errors.forbidden('Only owners change the loyalty programme.');
  const checked = validateLoyaltySettings(input);
  if (!checked.ok) throw new AppError('validation_failed', 'Some loyalty settings are not valid.', { issues: checked.issues });
  const tdb = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const result = await firestore().runTransaction(async (tx) => {
    const stored = (await tx.get(tdb.loyaltySettings.doc(LOYALTY_SETTINGS_DOC))).data();
    const before: LoyaltySettings = stored ?? defaultLoyaltySettings();
    const next: LoyaltySettings = {
      ...checked.settings,
      points: { ...checked.settings.points, bonusWindows: before.points.bonusWindows },
      updatedAt: now,
      updatedBy: ctx.actor.uid,
    };
    const changes = settingsChanges(editableSettings(before), editableSettings(next));
    if (!changes.length && stored) return { settings: before, audit: null };
    const audit: LoyaltySettingsAudit = {
      id: `lsa_${now.getTime()}_${randomUUID().slice(0, 8)}`,
      actorUid: ctx.actor.uid,
      actorEmail: ctx.actor.email ?? null,
      at: now,
      changes: changes.slice(0, 300),
      before: JSON.stringify(editableSettings(before)),
      after: JSON.stringify(editableSettings(next)),
    };
    tx.set(tdb.loyaltySettings.doc(LOYALTY_SETTINGS_DOC), tdb.loyaltySettings.parse({ ...next, id: LOYALTY_SETTINGS_DOC }));
    tx.create(tdb.loyaltySettingsAudit.doc(audit.id), tdb.loyaltySettingsAudit.parse(audit));
    return { settings: next, audit };
  });
  forgetLoyaltyProgramme(ctx.orgId);
  ctx.log?.info({ changes: result.audit?.changes.length ?? 0 }, 'loyalty settings saved');
  // New segment thresholds: every customer is placed again in the background (docs/crm.md), the
  // page shows the progress; the tick finishes whatever this instance does not.
  const audit = result.audit;
  if (!audit?.changes.some((c) => c.path.startsWith('segments.'))) return { ...result, followUp: null };
  const deps = { orgId: ctx.orgId, clock: ctx.clock, log: ctx.log };
  await startSegmentRecompute(deps, 'thresholds', `thresholds:${audit.id}`);
  return { ...result, followUp: { name: 'segments.recompute', run: () => continueSegmentRecompute(deps, 'thresholds', Date.now() + RECOMPUTE_AFTER_SAVE_MS) } };
}

/** The latest changes to the programme, newest first: who, when, what. */
export async function listLoyaltySettingsAudit(ctx: Pick<ServiceContext, 'orgId'>, limit = 20): Promise<LoyaltySettingsAudit[]> {
  const snap = await tenantDb(ctx.orgId).loyaltySettingsAudit.ref.orderBy('at', 'desc').limit(limit).get();
  return snap.docs.map((d) => d.data());
}

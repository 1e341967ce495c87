import { sumDays } from '@/domain/analytics/report';
import { addDays, localDayKey } from '@/domain/analytics/rollup-day';
import type { Playbook, PlaybookVersion } from '@/domain/playbooks/playbook';
import { placeholderMessage } from '@/domain/playbooks/placeholders';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { readRollupDays } from '../analytics/read-rollups';
import { rollupTimeZone } from '../analytics/rollups-in-tx';
import { playbookPlaceholders, tenantTemplateTexts } from './playbook-placeholders';

export interface PlaybookSummary {
  playbook: Playbook;
  runs30d: number;
  /** Messages that went out (sent), over the last 30 local days. */
  messages30d: number;
  /** Revenue attributed to it over the last 30 local days; null for roles that do not see revenue. */
  revenue30dCents: number | null;
  /** Example values still to replace (docs/playbooks.md, Safe defaults): while there are any, it cannot be activated. */
  placeholders: Array<{ path: string; message: string }>;
}

/**
 * Every playbook with its runs, messages and attributed revenue over the last 30 local days (today
 * included) and what stops it going live. The figures come from one read of the message rollups
 * (at most 30 × 32 small documents, whatever the number of playbooks or runs).
 */
export async function listPlaybooks(ctx: ServiceContext, opts: { seesRevenue?: boolean } = {}): Promise<PlaybookSummary[]> {
  const tdb = tenantDb(ctx.orgId);
  const today = localDayKey(ctx.clock.now(), await rollupTimeZone(ctx.orgId));
  const [playbooks, templates, days] = await Promise.all([
    tdb.playbooks.ref.get().then((q) => q.docs.map((d) => d.data())),
    tenantTemplateTexts(ctx),
    readRollupDays(ctx.orgId, addDays(today, -29), today, { parts: ['messages'], fields: ['playbookRuns', 'playbooks'] }),
  ]);
  const t = sumDays(days.values());
  const n = (...path: string[]) => t[JSON.stringify(path)] ?? 0;
  const summaries = await Promise.all(
    playbooks.map(async (playbook) => {
      const found = await playbookPlaceholders(ctx, playbook.steps, templates);
      const placeholders = found.map((p) => ({ path: p.path, message: placeholderMessage(p) }));
      const id = playbook.id;
      return {
        playbook,
        runs30d: n('playbookRuns', id),
        messages30d: n('playbooks', id, 'email', 'sends') + n('playbooks', id, 'sms', 'sends'),
        revenue30dCents: opts.seesRevenue ? ['email', 'sms', 'code'].reduce((s, ch) => s + n('playbooks', id, ch, 'attributedRevenueCents'), 0) : null,
        placeholders,
      };
    }),
  );
  return summaries.sort(
    (a, b) =>
      Number(b.playbook.status === 'active') - Number(a.playbook.status === 'active') || b.playbook.updatedAt.getTime() - a.playbook.updatedAt.getTime(),
  );
}

export async function getPlaybookWithVersions(ctx: ServiceContext, id: string): Promise<{ playbook: Playbook; versions: PlaybookVersion[] }> {
  const tdb = tenantDb(ctx.orgId);
  const playbook = await tdb.playbooks.getOrThrow(id);
  const versions = (await tdb.playbookVersions(id).ref.orderBy('version', 'desc').limit(50).get()).docs.map((d) => d.data());
  return { playbook, versions };
}

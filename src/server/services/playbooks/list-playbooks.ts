import { DAY } from '@/domain/clock';
import type { Playbook, PlaybookVersion } from '@/domain/playbooks/playbook';
import { placeholderMessage } from '@/domain/playbooks/placeholders';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { playbookPlaceholders, tenantTemplateTexts } from './playbook-placeholders';

export interface PlaybookSummary {
  playbook: Playbook;
  runs30d: number;
  messages30d: number;
  /** Example values still to replace (docs/playbooks.md, Safe defaults): while there are any, it cannot be activated. */
  placeholders: Array<{ path: string; message: string }>;
}

/** Every playbook with its runs and messages over the last 30 days (from count queries) and what stops it going live. */
export async function listPlaybooks(ctx: ServiceContext): Promise<PlaybookSummary[]> {
  const tdb = tenantDb(ctx.orgId);
  const since = new Date(ctx.clock.now().getTime() - 30 * DAY);
  const [playbooks, templates] = await Promise.all([tdb.playbooks.ref.get().then((q) => q.docs.map((d) => d.data())), tenantTemplateTexts(ctx)]);
  const summaries = await Promise.all(
    playbooks.map(async (playbook) => {
      const [runs, messages, found] = await Promise.all([
        tdb.runs.ref.where('playbookId', '==', playbook.id).where('startedAt', '>=', since).count().get(),
        tdb.sends.ref.where('source.playbookId', '==', playbook.id).where('createdAt', '>=', since).count().get(),
        playbookPlaceholders(ctx, playbook.steps, templates),
      ]);
      const placeholders = found.map((p) => ({ path: p.path, message: placeholderMessage(p) }));
      return { playbook, runs30d: runs.data().count, messages30d: messages.data().count, placeholders };
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

import { GALLERY, galleryItem } from '@/domain/playbooks/gallery';
import type { Playbook } from '@/domain/playbooks/playbook';
import type { Step } from '@/domain/playbooks/steps';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { createPlaybook } from './create-playbook';

/** Installs a ready playbook as an editable draft. */
export async function installGalleryPlaybook(ctx: ServiceContext, key: string): Promise<Playbook> {
  const item = galleryItem(key);
  if (!item) throw errors.notFound('Gallery playbook', key);
  return createPlaybook(ctx, item.definition, { installedFrom: key });
}

function firstWait(steps: Step[]): Step | null {
  return steps[0]?.action === 'wait' ? steps[0] : null;
}

/** The gallery, with which items this dispensary has already installed. */
export async function listGallery(ctx: ServiceContext) {
  const installed = new Map<string, string>();
  for (const doc of (await tenantDb(ctx.orgId).playbooks.ref.where('installedFrom', '!=', null).get()).docs) {
    const p = doc.data();
    if (p.installedFrom) installed.set(p.installedFrom, p.id);
  }
  return GALLERY.map((g) => ({
    key: g.key,
    title: g.title,
    summary: g.summary,
    setup: g.setup,
    ownerAgent: g.definition.ownerAgent ?? 'craig',
    trigger: g.definition.triggers[0]!,
    firstWait: firstWait(g.definition.steps as Step[]),
    installedPlaybookId: installed.get(g.key) ?? null,
  }));
}

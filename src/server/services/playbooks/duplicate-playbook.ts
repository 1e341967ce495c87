import type { Playbook } from '@/domain/playbooks/playbook';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { createPlaybook } from './create-playbook';

/** Copies a playbook's current version into a new draft. */
export async function duplicatePlaybook(ctx: ServiceContext, id: string): Promise<Playbook> {
  const source = await tenantDb(ctx.orgId).playbooks.getOrThrow(id);
  return createPlaybook(ctx, {
    name: `Copy of ${source.name}`.slice(0, 120),
    description: source.description,
    ownerAgent: source.ownerAgent,
    triggers: source.triggers,
    entry: source.entry,
    exit: source.exit,
    steps: source.steps,
  });
}

import type { Playbook, PlaybookStatus } from '@/domain/playbooks/playbook';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { forgetRegistry } from './engine/listener-registry';
import { playbookPlaceholders, placeholderError } from './playbook-placeholders';
import { syncRegistryInTx } from './registry-writes';

/**
 * Activates or pauses a playbook. The listener registry and the schedule change in the same
 * transaction, so an event that arrives after the switch sees exactly the new state. Paused
 * playbooks start no runs, and runs in flight hold where they are until it is active again.
 * Activation is refused while a step still carries an example value (docs/playbooks.md, Safe
 * defaults): the version checked is the one read in the transaction, so a save in between
 * cannot slip one through.
 */
export async function setPlaybookStatus(ctx: ServiceContext, id: string, status: Exclude<PlaybookStatus, 'draft'>): Promise<Playbook> {
  const tdb = tenantDb(ctx.orgId);
  const tenant = await tenantsCollection().getOrThrow(ctx.orgId);
  const updated = await firestore().runTransaction(async (tx) => {
    const current = (await tx.get(tdb.playbooks.doc(id))).data();
    if (!current) throw errors.notFound('Playbook', id);
    if (status === 'active') {
      const found = await playbookPlaceholders(ctx, current.steps);
      if (found.length) throw placeholderError(found, 'activate');
    }
    const now = ctx.clock.now();
    const next: Playbook = { ...current, status, updatedAt: now, updatedBy: ctx.actor.uid, activatedAt: status === 'active' ? now : current.activatedAt };
    await syncRegistryInTx(tx, tdb, next, tenant.timeZone, now);
    tx.set(tdb.playbooks.doc(id), next);
    return next;
  });
  forgetRegistry(ctx.orgId);
  ctx.log?.info({ event: `playbook.${status === 'active' ? 'activated' : 'paused'}`, playbookId: id, version: updated.version }, 'playbook status changed');
  return updated;
}

import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { removeRegistryInTx } from './registry-writes';

/**
 * Deletes a draft or paused playbook and its listeners and schedule. Its runs stay in the
 * execution log (they name the playbook); any still waiting end at their next pickup.
 */
export async function deletePlaybook(ctx: ServiceContext, id: string): Promise<void> {
  const tdb = tenantDb(ctx.orgId);
  await firestore().runTransaction(async (tx) => {
    const current = (await tx.get(tdb.playbooks.doc(id))).data();
    if (!current) throw errors.notFound('Playbook', id);
    if (current.status === 'active') throw errors.conflict('Pause the playbook before deleting it.');
    await removeRegistryInTx(tx, tdb, id);
    tx.delete(tdb.playbooks.doc(id));
  });
  // Versions are immutable history; they go last and best-effort.
  const versions = await tdb.playbookVersions(id).ref.get();
  const batch = firestore().batch();
  for (const doc of versions.docs) batch.delete(doc.ref);
  await batch.commit();
  ctx.log?.info({ event: 'playbook.deleted', playbookId: id }, 'playbook deleted');
}

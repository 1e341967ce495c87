import { errors } from '@/domain/errors';
import { ACTIVE_RUN_STATUSES } from '@/domain/playbooks/run';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { cancelPendingSends, pendingSendsWhere } from '../messaging/cancel-sends';
import { exitRun, playbookDeletedExit } from './engine/exit-run';
import { forgetRegistry } from './engine/listener-registry';
import { removeRegistryInTx } from './registry-writes';

const PAGE = 200;
const PARALLEL = 20;

/**
 * Deletes a draft or paused playbook and its listeners and schedule, then ends its runs in flight
 * (`exited`, "The playbook was deleted.") and cancels every message of it still queued or
 * deferred, and removes its versions. Runs stay in the execution
 * log (they name the playbook). A delete cut short leaves runs that end at their next pickup, or
 * when an event for their customer finds their version gone.
 */
export async function deletePlaybook(ctx: ServiceContext, id: string): Promise<{ runsEnded: number }> {
  const tdb = tenantDb(ctx.orgId);
  await firestore().runTransaction(async (tx) => {
    const current = (await tx.get(tdb.playbooks.doc(id))).data();
    if (!current) throw errors.notFound('Playbook', id);
    if (current.status === 'active') throw errors.conflict('Pause the playbook before deleting it.');
    await removeRegistryInTx(tx, tdb, id, ctx.clock.now());
    tx.delete(tdb.playbooks.doc(id));
  });
  forgetRegistry(ctx.orgId);

  // Nothing can start a run of it any more, so the set of runs in flight only shrinks.
  let runsEnded = 0;
  for (;;) {
    const page = await tdb.runs.ref
      .where('playbookId', '==', id)
      .where('status', 'in', [...ACTIVE_RUN_STATUSES])
      .limit(PAGE)
      .get();
    let ended = 0;
    for (let i = 0; i < page.docs.length; i += PARALLEL) {
      const results = await Promise.all(page.docs.slice(i, i + PARALLEL).map((doc) => exitRun(ctx, doc.id, playbookDeletedExit(id))));
      ended += results.filter(Boolean).length;
    }
    runsEnded += ended;
    // A page where nothing could be ended (runs busy under another writer) is left to their next pickup.
    if (page.size < PAGE || ended === 0) break;
  }

  // Messages still waiting from runs that had already completed (a deferred last step) go too;
  // those of the runs just ended were cancelled with them.
  let sendsCancelled = 0;
  for (;;) {
    const pending = await pendingSendsWhere(ctx, 'source.playbookId', id);
    const cancelled = await cancelPendingSends(
      ctx,
      pending.map((s) => s.id),
      'The playbook was deleted.',
    );
    sendsCancelled += cancelled.length;
    if (pending.length < 500 || cancelled.length === 0) break;
  }

  // Versions are immutable history, needed by no run now; they go last, a batch at a time.
  for (;;) {
    const versions = await tdb.playbookVersions(id).ref.limit(400).get();
    if (versions.empty) break;
    const batch = firestore().batch();
    for (const doc of versions.docs) batch.delete(doc.ref);
    await batch.commit();
  }
  ctx.log?.info({ event: 'playbook.deleted', playbookId: id, runsEnded, sendsCancelled }, 'playbook deleted');
  return { runsEnded };
}

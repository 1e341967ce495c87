import type { Query } from 'firebase-admin/firestore';
import { MINUTE } from '@/domain/clock';
import { systemActor } from '@/domain/roles';
import { StoredEventSchema, toCanonicalEvent } from '@/domain/events/stored-event';
import { firestore } from '../../db/firestore';
import { modelConverter } from '../../db/typed-collection';
import type { CronTask } from '../cron/cron-task';
import { triggerPlaybooksForEvent } from '../playbooks/trigger-playbooks-for-event';

/**
 * A safety net: an event stored but never dispatched (its worker died in between) is dispatched
 * by the next tick. Dispatch is idempotent, so one dispatched meanwhile is skipped.
 */
export const redispatchEventsTask: CronTask = {
  name: 'signals.redispatch-events',
  async run({ clock, log, deadline, orgId: only }) {
    const cutoff = new Date(clock.now().getTime() - 2 * MINUTE);
    const source: Query = only ? firestore().collection(`tenants/${only}/events`) : firestore().collectionGroup('events');
    const snap = await source
      .withConverter(modelConverter(StoredEventSchema, 'events'))
      .where('dispatchedAt', '==', null)
      .where('processedAt', '<=', cutoff)
      .orderBy('processedAt', 'asc')
      .limit(200)
      .get();
    let dispatched = 0;
    for (const doc of snap.docs) {
      if (Date.now() >= deadline) break;
      const tenant = doc.ref.parent.parent;
      if (!tenant || tenant.parent.id !== 'tenants') continue;
      const orgId = tenant.id;
      const r = await triggerPlaybooksForEvent({ orgId, actor: systemActor('signals'), clock, log }, toCanonicalEvent(doc.data()));
      if (r.dispatched) dispatched += 1;
    }
    return { pending: snap.size, dispatched };
  },
};

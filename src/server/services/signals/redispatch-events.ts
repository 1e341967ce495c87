import { MINUTE } from '@/domain/clock';
import { systemActor } from '@/domain/roles';
import { StoredEventSchema, toCanonicalEvent, type StoredEvent } from '@/domain/events/stored-event';
import { modelConverter } from '../../db/typed-collection';
import type { CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
import { triggerPlaybooksForEvent } from '../playbooks/trigger-playbooks-for-event';

/**
 * A safety net: an event stored but never dispatched (its worker died in between) is dispatched
 * by the next tick. Dispatch is idempotent, so one dispatched meanwhile is skipped.
 */
export const redispatchEventsTask: CronTask = {
  name: 'signals.redispatch-events',
  async run(deps) {
    const { clock, log } = deps;
    const report = await workDue(deps, {
      collection: 'events',
      outcomes: ['dispatched'] as const,
      pageSize: 200,
      concurrency: 4,
      due: (events, now) =>
        events
          .withConverter(modelConverter(StoredEventSchema, 'events'))
          .where('dispatchedAt', '==', null)
          .where('processedAt', '<=', new Date(now.getTime() - 2 * MINUTE))
          .orderBy('processedAt', 'asc'),
      async work(doc, orgId) {
        const r = await triggerPlaybooksForEvent({ orgId, actor: systemActor('signals'), clock, log }, toCanonicalEvent(doc.data() as StoredEvent));
        return r.dispatched ? 'dispatched' : null;
      },
    });
    return { pending: report.due, dispatched: report.dispatched, errors: report.errors, leftForNextTick: report.leftForNextTick };
  },
};

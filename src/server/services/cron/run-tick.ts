import type { Clock } from '@/domain/clock';
import type { Logger } from '../../log';
import { runCronTasks, type CronTask } from './cron-task';
import { releaseDeferredSendsTask, retrySendsTask } from '../messaging/dispatch-due-sends';
import { retryDeliveriesTask } from '../ingest/retry-deliveries';
import { detectAbandonedCheckoutsTask } from '../signals/detect-abandoned-checkouts';
import { redispatchEventsTask } from '../signals/redispatch-events';
import { fireSchedulesTask } from '../playbooks/engine/fire-schedules';
import { resumeDueRunsTask } from '../playbooks/engine/resume-due-runs';
import { settleDueLoyaltyAccountsTask } from '../loyalty/settle-loyalty-account';
import { runLoyaltyDaysTask } from '../loyalty/run-loyalty-day';
import { segmentRecomputeTask } from '../crm/segment-tasks';
import { savedSegmentJobTask } from '../crm/evaluate-saved-segment';
import { campaignsTask } from '../crm/run-campaign';
import { customerImportTask } from '../crm/customer-import-tasks';
import { duplicateChecksTask } from '../customers/check-new-profiles';

/**
 * What the every-minute tick does. Each area adds its task here: retrying failed deliveries and
 * sends, detecting abandoned checkouts, firing schedules, resuming due playbook runs. Runs go
 * last: they can be many, and the sends they make are dispatched as they go.
 */
export const TICK_TASKS: CronTask[] = [
  releaseDeferredSendsTask,
  retrySendsTask,
  retryDeliveriesTask,
  detectAbandonedCheckoutsTask,
  redispatchEventsTask,
  settleDueLoyaltyAccountsTask,
  runLoyaltyDaysTask,
  segmentRecomputeTask,
  savedSegmentJobTask,
  campaignsTask,
  customerImportTask,
  fireSchedulesTask,
  resumeDueRunsTask,
  // Last: staff review its proposals whenever they come; nothing a customer waits for gives it budget.
  duplicateChecksTask,
];

export function runTick(deps: { clock: Clock; log: Logger; orgId?: string }, tasks: CronTask[] = TICK_TASKS) {
  // Cloud Scheduler waits up to its deadline; stay well inside a minute so ticks do not pile up.
  return runCronTasks(tasks, { ...deps, budgetMs: 45_000 });
}

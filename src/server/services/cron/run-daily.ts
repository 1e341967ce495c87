import type { Clock } from '@/domain/clock';
import type { Logger } from '../../log';
import { runCronTasks, type CronTask } from './cron-task';
import { ensureLoyaltyDayStatesTask } from '../loyalty/run-loyalty-day';
import { nightlySegmentsTask } from '../crm/segment-tasks';

/** Once-a-day work: segment scans, birthdays, point expiry (added by their areas). */
export const DAILY_TASKS: CronTask[] = [ensureLoyaltyDayStatesTask, nightlySegmentsTask];

export function runDaily(deps: { clock: Clock; log: Logger; orgId?: string }, tasks: CronTask[] = DAILY_TASKS) {
  return runCronTasks(tasks, { ...deps, budgetMs: 9 * 60_000 });
}

import type { Clock } from '@/domain/clock';
import type { Actor } from '@/domain/roles';
import type { Logger } from './log';

/** What every service receives first: whose data, who is acting, and what time it is. */
export interface ServiceContext {
  orgId: string;
  actor: Actor;
  clock: Clock;
  log?: Logger;
}

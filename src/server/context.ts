import type { Clock } from '@/domain/clock';
import type { RenderBudget } from '@/domain/messaging/render-budget';
import type { Actor } from '@/domain/roles';
import type { Logger } from './log';

/** What every service receives first: whose data, who is acting, and what time it is. */
export interface ServiceContext {
  orgId: string;
  actor: Actor;
  clock: Clock;
  log?: Logger;
  /**
   * The request's template-rendering allowance, shared by every render it causes (preview, dry
   * run, send, SMS replies). Requests get one from their wrapper; work outside a request (the
   * cron tick) has none, and each render is then limited on its own.
   */
  renderBudget?: RenderBudget;
}

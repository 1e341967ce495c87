import { withCron } from '@/server/http/with-cron';
import { runTick } from '@/server/services/cron/run-tick';

// POST /api/cron/tick: every minute from Cloud Scheduler (OIDC) or the local ticker; bounded work, reports what it did
export const POST = withCron(async (_req, ctx) => runTick({ clock: ctx.clock, log: ctx.log }));

import { withCron } from '@/server/http/with-cron';
import { runDaily } from '@/server/services/cron/run-daily';

// POST /api/cron/daily: once a day from Cloud Scheduler (OIDC) or the local ticker
export const POST = withCron(async (_req, ctx) => runDaily({ clock: ctx.clock, log: ctx.log }));

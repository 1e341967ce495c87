import { errors } from '@/domain/errors';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { askRateLimiter, ASKS_PER_MINUTE } from '@/server/http/rate-limit';
import { withTenant } from '@/server/http/with-tenant';
import { askPops, AskPopsSchema } from '@/server/services/agents/ask-pops';

// POST /api/analytics/pops/ask: Pops answers a question (Claude calling typed queries) or a ready question (no AI)
export const POST = withTenant(
  async (req, ctx) => {
    const body = await parseJsonBody(req, AskPopsSchema, { maxBytes: 4_096 });
    const wait = askRateLimiter.take(`pops:${ctx.orgId}:${ctx.actor.uid}`, ASKS_PER_MINUTE, Date.now());
    if (wait) throw errors.rateLimited(wait);
    return askPops(ctx, body);
  },
  { roles: rolesFor('analytics:read') },
);

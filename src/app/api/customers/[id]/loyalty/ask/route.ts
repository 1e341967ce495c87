import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { errors } from '@/domain/errors';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { askRateLimiter, ASKS_PER_MINUTE } from '@/server/http/rate-limit';
import { withTenant } from '@/server/http/with-tenant';
import { askMrsParker, AskParkerSchema } from '@/server/services/loyalty/ask-mrs-parker';

const Params = z.object({ id: IdSchema });

// POST /api/customers/[id]/loyalty/ask: Mrs. Parker answers a question about the customer's points (Claude with tools, or a ready answer)
export const POST = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, Params);
    const body = await parseJsonBody(req, AskParkerSchema, { maxBytes: 4_096 });
    const wait = askRateLimiter.take(`parker:${ctx.orgId}:${ctx.actor.uid}`, ASKS_PER_MINUTE, Date.now());
    if (wait) throw errors.rateLimited(wait);
    return askMrsParker(ctx, { customerId: id, question: body.question });
  },
  { roles: rolesFor('customers:read') },
);

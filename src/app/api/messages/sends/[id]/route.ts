import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getSendOrThrow } from '@/server/services/messaging/list-sends';

const Params = z.object({ id: IdSchema });

// GET /api/messages/sends/[id]: one send with its rendered message, the gate's decision and its events
export const GET = withTenant<{ id: string }>(async (_req, ctx, params) => ({ send: await getSendOrThrow(ctx, parseParams(params, Params).id) }), {
  roles: rolesFor('messages:read'),
});

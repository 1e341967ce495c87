import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getOutboxSend } from '@/server/services/messaging/outbox-names';

const Params = z.object({ id: IdSchema });

// GET /api/messages/sends/[id]: one send with its rendered message, the gate's decision, its events and the names its ids stand for
export const GET = withTenant<{ id: string }>(async (_req, ctx, params) => getOutboxSend(ctx, parseParams(params, Params).id), {
  roles: rolesFor('messages:read'),
});

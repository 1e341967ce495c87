import { rolesFor } from '@/domain/roles';
import { parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { ListSendsQuerySchema, listSends } from '@/server/services/messaging/list-sends';

// GET /api/messages/sends?status=&channel=&customerId=&cursor=: the outbox, newest first
export const GET = withTenant(async (req, ctx) => listSends(ctx, parseSearchParams(req, ListSendsQuerySchema)), { roles: rolesFor('messages:read') });

import { rolesFor } from '@/domain/roles';
import { parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { ListSendsQuerySchema } from '@/server/services/messaging/list-sends';
import { listOutbox } from '@/server/services/messaging/outbox-names';

// GET /api/messages/sends?status=&channel=&customerId=&cursor=: the outbox, newest first, with the names its ids stand for
export const GET = withTenant(async (req, ctx) => listOutbox(ctx, parseSearchParams(req, ListSendsQuerySchema)), { roles: rolesFor('messages:read') });

import { rolesFor } from '@/domain/roles';
import { parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { ListDeliveriesQuerySchema, listDeliveries } from '@/server/services/integrations/list-deliveries';

// GET /api/integrations/deliveries?endpointId=&status=&before=&limit=: recent deliveries, newest first, without bodies
export const GET = withTenant(async (req, ctx) => listDeliveries(ctx, parseSearchParams(req, ListDeliveriesQuerySchema)), {
  roles: rolesFor('integrations:manage'),
});

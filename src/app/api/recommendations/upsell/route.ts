import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { upsellForProducts, UpsellBodySchema } from '@/server/services/agents/smokey';

// POST /api/recommendations/upsell: what goes with a basket (complements, never a category already in it)
export const POST = withTenant(async (req, ctx) => upsellForProducts(ctx, await parseJsonBody(req, UpsellBodySchema, { maxBytes: 8_192 })), {
  roles: rolesFor('customers:read'),
});

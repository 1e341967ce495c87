import { rolesFor } from '@/domain/roles';
import { parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { findMenuProducts, FindProductsQuerySchema } from '@/server/services/agents/find-products';

// GET /api/products?q=&limit=: menu products by name or brand, for the basket Smokey suggests complements for
export const GET = withTenant(async (req, ctx) => ({ products: await findMenuProducts(ctx, parseSearchParams(req, FindProductsQuerySchema)) }), {
  roles: rolesFor('customers:read'),
});

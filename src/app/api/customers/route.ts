import { rolesFor } from '@/domain/roles';
import { parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { ListCustomersQuerySchema, listCustomers } from '@/server/services/customers/list-customers';

// GET /api/customers?q=&sort=&cursor=&limit=: search and page through the tenant's customers
export const GET = withTenant(async (req, ctx) => listCustomers(ctx, parseSearchParams(req, ListCustomersQuerySchema)), { roles: rolesFor('customers:read') });

import { parseCustomerListQuery } from '@/domain/crm/customer-list-filter';
import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { listCustomers } from '@/server/services/customers/list-customers';

// GET /api/customers?q=&sort=&cursor=|before=&limit=&<filters>: search, filter and page through the tenant's customers
export const GET = withTenant(async (req, ctx) => listCustomers(ctx, parseCustomerListQuery(Object.fromEntries(new URL(req.url).searchParams))), {
  roles: rolesFor('customers:read'),
});

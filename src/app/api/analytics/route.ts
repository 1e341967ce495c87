import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { getAnalyticsReport } from '@/server/services/analytics/analytics-report';

const queryOf = (req: Request) => Object.fromEntries(new URL(req.url).searchParams);

// GET /api/analytics?from=&to=: per playbook, campaign and agent over the range and the period before it (owners and admins)
export const GET = withTenant(async (req, ctx) => getAnalyticsReport(ctx, queryOf(req)), { roles: rolesFor('analytics:read') });

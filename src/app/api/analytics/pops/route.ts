import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { getPopsReport } from '@/server/services/agents/pops-report';

// GET /api/analytics/pops: Pops's cards (last week against the week before, cohorts, repeat funnel) for owners and admins
export const GET = withTenant(async (_req, ctx) => getPopsReport(ctx), { roles: rolesFor('analytics:read') });

import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { suggestBonusCampaign } from '@/server/services/loyalty/suggest-bonus-campaign';

// GET /api/loyalty/suggestions: Mrs. Parker's bonus campaign suggestions from the programme's settings and figures (nothing is created)
export const GET = withTenant(async (_req, ctx) => suggestBonusCampaign(ctx), { roles: rolesFor('playbooks:write') });

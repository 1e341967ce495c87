import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { checkAudience } from '@/server/services/crm/campaigns';

// POST /api/campaigns/audience: who a campaign would reach now, after the gate, with counts per reason held back
export const POST = withTenant(async (req, ctx) => checkAudience(ctx, await parseJsonBody(req, z.unknown())), { roles: rolesFor('messages:send') });

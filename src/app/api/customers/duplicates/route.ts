import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { listDuplicateProposals, scanDuplicates } from '@/server/services/customers/find-duplicates';

const Query = z.object({ cursor: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) });

// GET /api/customers/duplicates?cursor=: the scan's open proposals, surest first (owners and admins)
export const GET = withTenant(async (req, ctx) => listDuplicateProposals(ctx, parseSearchParams(req, Query)), { roles: rolesFor('customers:write') });

// POST /api/customers/duplicates: one bounded step of the duplicate scan (50 customers); call again until done
export const POST = withTenant(async (_req, ctx) => scanDuplicates(ctx), { roles: rolesFor('customers:write') });

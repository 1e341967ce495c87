import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { previewSavedSegment } from '@/server/services/crm/preview-saved-segment';

// POST /api/saved-segments/preview: the editor's live count, { count, sample } of up to 5 names; spend conditions for owners and admins
export const POST = withTenant(async (req, ctx) => previewSavedSegment(ctx, await parseJsonBody(req, z.unknown())), { roles: rolesFor('customers:read') });

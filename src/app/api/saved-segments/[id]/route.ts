import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { scheduleFollowUp } from '@/server/http/after-response';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { archiveSavedSegment, getSavedSegment, SavedSegmentIdSchema, updateSavedSegment } from '@/server/services/crm/saved-segments';

const Params = z.object({ id: SavedSegmentIdSchema });

// GET /api/saved-segments/[id]: one saved segment with its definition, members counted now and the pass's progress
export const GET = withTenant<{ id: string }>(async (_req, ctx, params) => ({ segment: await getSavedSegment(ctx, parseParams(params, Params).id) }), {
  roles: rolesFor('customers:read'),
});

// PUT /api/saved-segments/[id]: a new name, description or definition; a new definition restarts the pass after the answer
export const PUT = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { segment, followUp } = await updateSavedSegment(ctx, parseParams(params, Params).id, await parseJsonBody(req, z.unknown()));
    scheduleFollowUp(followUp);
    return { segment };
  },
  { roles: rolesFor('segments:manage') },
);

// DELETE /api/saved-segments/[id]: archives it (never a hard delete); a pass takes its id off every profile after the answer
export const DELETE = withTenant<{ id: string }>(
  async (_req, ctx, params) => {
    const { followUp } = await archiveSavedSegment(ctx, parseParams(params, Params).id);
    scheduleFollowUp(followUp);
    return { archived: true };
  },
  { roles: rolesFor('segments:manage') },
);

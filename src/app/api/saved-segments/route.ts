import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { scheduleFollowUp } from '@/server/http/after-response';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { createSavedSegment, listSavedSegments } from '@/server/services/crm/saved-segments';

// GET /api/saved-segments: the active saved segments in plain words, each with its members counted now (any staff who see customers)
export const GET = withTenant(async (_req, ctx) => ({ segments: await listSavedSegments(ctx) }), { roles: rolesFor('customers:read') });

// POST /api/saved-segments: a new saved segment (201); the pass that marks its members starts after the answer
export const POST = withTenant(
  async (req, ctx) => {
    const { segment, followUp } = await createSavedSegment(ctx, await parseJsonBody(req, z.unknown()));
    scheduleFollowUp(followUp);
    return Response.json({ segment }, { status: 201 });
  },
  { roles: rolesFor('segments:manage') },
);

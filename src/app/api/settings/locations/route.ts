import { CreateLocationInputSchema } from '@/domain/location';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { listLocations } from '@/server/services/locations/list-locations';
import { createLocation } from '@/server/services/locations/save-location';

// GET /api/settings/locations: the dispensary's stores, archived ones last
export const GET = withTenant(async (_req, ctx) => ({ locations: await listLocations(ctx) }), { roles: rolesFor('settings:manage') });

// POST /api/settings/locations: add a store (422 with the fields named; an external id another store holds is refused)
export const POST = withTenant(
  async (req, ctx) => {
    const input = await parseJsonBody(req, CreateLocationInputSchema);
    return Response.json({ location: await createLocation(ctx, input) }, { status: 201 });
  },
  { roles: rolesFor('settings:manage') },
);

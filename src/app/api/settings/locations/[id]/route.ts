import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { UpdateLocationInputSchema } from '@/domain/location';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { updateLocation } from '@/server/services/locations/save-location';

const Params = z.object({ id: IdSchema });

// PATCH /api/settings/locations/[id]: edit a store, or archive/restore it with { archived } (stores are never deleted)
export const PATCH = withTenant<{ id: string }>(
  async (req, ctx, params) => {
    const { id } = parseParams(params, Params);
    const input = await parseJsonBody(req, UpdateLocationInputSchema);
    return { location: await updateLocation(ctx, id, input) };
  },
  { roles: rolesFor('settings:manage') },
);

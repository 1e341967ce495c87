import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { z } from 'zod';
import { getLoyaltySettings } from '@/server/services/loyalty/loyalty-settings';
import { editableSettings, listLoyaltySettingsAudit, saveLoyaltySettings } from '@/server/services/loyalty/save-loyalty-settings';

// GET /api/settings/loyalty: the programme (points, tiers, rewards, menu display) and its latest changes; owners and admins
export const GET = withTenant(
  async (_req, ctx) => ({ settings: editableSettings(await getLoyaltySettings(ctx)), audit: await listLoyaltySettingsAudit(ctx) }),
  { roles: rolesFor('loyalty-settings:read') },
);

// PUT /api/settings/loyalty: replace the programme (owners only); 422 per field when invalid; audited in the same transaction
export const PUT = withTenant(
  async (req, ctx) => {
    // The service checks the shape and the programme rules itself, with each field's label.
    const { settings, audit } = await saveLoyaltySettings(ctx, await parseJsonBody(req, z.unknown()));
    return { settings: editableSettings(settings), audit };
  },
  { roles: rolesFor('loyalty-settings:write') },
);

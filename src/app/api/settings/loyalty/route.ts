import { rolesFor } from '@/domain/roles';
import { scheduleFollowUp } from '@/server/http/after-response';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { z } from 'zod';
import { getSegmentRecompute } from '@/server/services/crm/recompute-segments';
import { getLoyaltySettings } from '@/server/services/loyalty/loyalty-settings';
import { editableSettings, listLoyaltySettingsAudit, saveLoyaltySettings } from '@/server/services/loyalty/save-loyalty-settings';

// GET /api/settings/loyalty: the programme (points, tiers, rewards, menu display, segments), its latest changes and the segment recompute's progress; owners and admins
export const GET = withTenant(
  async (_req, ctx) => ({
    settings: editableSettings(await getLoyaltySettings(ctx, { fresh: true })),
    audit: await listLoyaltySettingsAudit(ctx),
    segmentRecompute: await getSegmentRecompute(ctx),
  }),
  { roles: rolesFor('loyalty-settings:read') },
);

// PUT /api/settings/loyalty: replace the programme (owners only); 422 per field when invalid; audited in the same transaction
export const PUT = withTenant(
  async (req, ctx) => {
    // The service checks the shape and the programme rules itself, with each field's label.
    const { settings, audit, followUp } = await saveLoyaltySettings(ctx, await parseJsonBody(req, z.unknown()));
    scheduleFollowUp(followUp);
    return { settings: editableSettings(settings), audit, segmentRecompute: followUp ? await getSegmentRecompute(ctx) : null };
  },
  { roles: rolesFor('loyalty-settings:write') },
);

import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getAnalyticsSettings, updateAnalyticsSettings } from '@/server/services/analytics/analytics-settings';

// GET /api/settings/analytics: the attribution windows and the unit costs behind cost and ROI
export const GET = withTenant(async (_req, ctx) => ({ settings: await getAnalyticsSettings(ctx) }), { roles: rolesFor('settings:manage') });

// PUT /api/settings/analytics: save the windows, the costs or both (validated by the service)
export const PUT = withTenant(
  async (req, ctx) => ({ settings: await updateAnalyticsSettings(ctx, await parseJsonBody(req, z.unknown(), { maxBytes: 4_096 })) }),
  {
    roles: rolesFor('settings:manage'),
  },
);

import { rolesFor } from '@/domain/roles';
import { UpdateSignalSettingsInputSchema } from '@/domain/signals/records';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getSignalSettings, updateSignalSettings } from '@/server/services/integrations/signal-settings';

// GET /api/integrations/settings: signal settings (the abandoned-checkout delay)
export const GET = withTenant(async (_req, ctx) => ({ settings: await getSignalSettings(ctx) }), { roles: rolesFor('integrations:manage') });

// PATCH /api/integrations/settings: change the abandoned-checkout delay (5 minutes to 7 days)
export const PATCH = withTenant(
  async (req, ctx) => ({ settings: await updateSignalSettings(ctx, await parseJsonBody(req, UpdateSignalSettingsInputSchema)) }),
  { roles: rolesFor('integrations:manage') },
);

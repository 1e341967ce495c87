import { rolesFor } from '@/domain/roles';
import { MessagingSettingsBodySchema } from '@/domain/messaging/settings';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { getMessagingSettings, updateMessagingSettings } from '@/server/services/messaging/messaging-settings';
import { listMessagingWebhooks } from '@/server/services/messaging/messaging-webhooks';
import { providerStatus } from '@/server/services/messaging/resolve-providers';

// GET /api/settings/messaging: quiet hours, caps, age rule, sandbox, sender, brand voice, footer; webhook endpoints and providers
export const GET = withTenant(
  async (_req, ctx) => ({ settings: await getMessagingSettings(ctx), webhooks: await listMessagingWebhooks(ctx), providers: await providerStatus(ctx.orgId) }),
  { roles: rolesFor('settings:manage') },
);

// PUT /api/settings/messaging: replace the settings; a send window wider than 08:00-21:00 is refused
export const PUT = withTenant(async (req, ctx) => ({ settings: await updateMessagingSettings(ctx, await parseJsonBody(req, MessagingSettingsBodySchema)) }), {
  roles: rolesFor('settings:manage'),
});

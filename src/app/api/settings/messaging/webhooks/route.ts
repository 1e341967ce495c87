import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { MessagingWebhookProviderSchema } from '@/domain/messaging/records';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { rotateMessagingWebhook } from '@/server/services/messaging/messaging-webhooks';

const Body = z.object({ provider: MessagingWebhookProviderSchema });

// POST /api/settings/messaging/webhooks: create or rotate a provider's callback URL; its credentials are shown once
export const POST = withTenant(async (req, ctx) => ({ webhook: await rotateMessagingWebhook(ctx, (await parseJsonBody(req, Body)).provider) }), {
  roles: rolesFor('settings:manage'),
});

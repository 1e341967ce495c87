import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { getOutboundWebhookStatus } from '@/server/services/playbooks/outbound-webhook-secret';

// GET /api/settings/playbook-webhooks: whether the outbound signing secret exists, when it was rotated; never the secret
export const GET = withTenant(async (_req, ctx) => ({ status: await getOutboundWebhookStatus(ctx), scheme: 'standard-webhooks' }), {
  roles: rolesFor('settings:manage'),
});

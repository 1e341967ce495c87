import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { rotateOutboundWebhookSecret } from '@/server/services/playbooks/outbound-webhook-secret';

// POST /api/settings/playbook-webhooks/rotate-secret: a new outbound signing secret, shown once; the old one also signs for 24 hours
export const POST = withTenant(async (_req, ctx) => Response.json(await rotateOutboundWebhookSecret(ctx), { headers: { 'cache-control': 'no-store' } }), {
  roles: rolesFor('secrets:manage'),
});

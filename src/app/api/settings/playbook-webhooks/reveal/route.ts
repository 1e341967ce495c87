import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { revealOutboundWebhookSecret } from '@/server/services/playbooks/outbound-webhook-secret';

// POST /api/settings/playbook-webhooks/reveal: the current outbound signing secret, for an owner to give a receiver
export const POST = withTenant(async (_req, ctx) => Response.json(await revealOutboundWebhookSecret(ctx), { headers: { 'cache-control': 'no-store' } }), {
  roles: rolesFor('secrets:manage'),
});

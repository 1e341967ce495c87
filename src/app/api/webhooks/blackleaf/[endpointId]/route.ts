import { errors } from '@/domain/errors';
import { newRenderBudget } from '@/domain/messaging/render-budget';
import { systemActor } from '@/domain/roles';
import { systemClock } from '@/domain/clock';
import { readBodyBytes } from '@/server/http/parse';
import { withRequest } from '@/server/http/with-request';
import { parseBlackleafCallback } from '@/server/integrations/blackleaf/blackleaf-callbacks';
import { applySmsStatus } from '@/server/services/messaging/apply-sms-status';
import { handleInboundSms } from '@/server/services/messaging/handle-inbound-sms';
import { authenticateMessagingWebhook, markWebhookUsed } from '@/server/services/messaging/messaging-webhooks';

// POST /api/webhooks/blackleaf/[endpointId]: inbound texts (STOP/START/HELP/replies) and delivery receipts; basic auth, fail closed
export const POST = withRequest<{ endpointId: string }>(async (req, rc, params) => {
  const auth = await authenticateMessagingWebhook('blackleaf', params.endpointId, req.headers.get('authorization'));
  if (!auth) throw errors.unauthenticated('Unknown endpoint or wrong credentials.');
  const bytes = await readBodyBytes(req, 256 * 1024);
  const callbacks = parseBlackleafCallback(new TextDecoder().decode(bytes), req.headers.get('content-type'));
  const ctx = {
    orgId: auth.orgId,
    actor: systemActor('sms-inbound'),
    clock: systemClock,
    log: rc.log.child({ orgId: auth.orgId }),
    renderBudget: newRenderBudget(),
  };
  const results = [];
  for (const c of callbacks) {
    if (c.type === 'message.received')
      results.push({
        type: c.type,
        ...(await handleInboundSms(ctx, {
          from: c.from,
          to: c.to ?? null,
          body: c.body,
          providerMessageId: c.id ?? null,
          receivedAt: c.receivedAt ?? ctx.clock.now(),
        })),
      });
    else
      results.push({
        type: c.type,
        applied: await applySmsStatus(ctx, { messageId: c.messageId, status: c.status, error: c.error ?? null, at: c.at ?? ctx.clock.now() }),
      });
  }
  await markWebhookUsed(auth.orgId, auth.endpoint.id, ctx.clock.now());
  return { ok: true, results };
});

import type { ServiceContext } from '../../context';
import { parseBlackleafCallback } from '../../integrations/blackleaf/blackleaf-callbacks';
import { applySmsStatus } from './apply-sms-status';
import { handleInboundSms } from './handle-inbound-sms';
import { markWebhookUsed } from './messaging-webhooks';

/** Blackleaf's callbacks (JSON or form, one or many), from an authenticated endpoint: inbound texts (STOP/START/HELP/replies) and delivery receipts. */
export async function receiveBlackleafCallbacks(ctx: ServiceContext, input: { endpointId: string; raw: Uint8Array; contentType: string | null }) {
  const callbacks = parseBlackleafCallback(new TextDecoder().decode(input.raw), input.contentType);
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
  await markWebhookUsed(ctx.orgId, input.endpointId, ctx.clock.now());
  return { ok: true, results };
}

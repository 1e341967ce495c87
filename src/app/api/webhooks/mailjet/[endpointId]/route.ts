import { ZodError } from 'zod';
import { AppError, errors } from '@/domain/errors';
import { systemActor } from '@/domain/roles';
import { systemClock } from '@/domain/clock';
import { readBodyBytes } from '@/server/http/parse';
import { withRequest } from '@/server/http/with-request';
import { parseMailjetEvents } from '@/server/integrations/mailjet/mailjet-events';
import { applyMailjetEvents } from '@/server/services/messaging/apply-mailjet-events';
import { authenticateMessagingWebhook, markWebhookUsed } from '@/server/services/messaging/messaging-webhooks';

// POST /api/webhooks/mailjet/[endpointId]: Mailjet event callbacks (single or grouped); basic auth from the URL, fail closed
export const POST = withRequest<{ endpointId: string }>(async (req, rc, params) => {
  const auth = await authenticateMessagingWebhook('mailjet', params.endpointId, req.headers.get('authorization'));
  if (!auth) throw errors.unauthenticated('Unknown endpoint or wrong credentials.');
  const text = new TextDecoder().decode(await readBodyBytes(req, 2 * 1024 * 1024));
  let events;
  try {
    events = parseMailjetEvents(text);
  } catch (err) {
    if (err instanceof ZodError) throw errors.validation(err, 'The body is not a Mailjet event or array of events.');
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  const clock = systemClock;
  const report = await applyMailjetEvents({ orgId: auth.orgId, actor: systemActor('mailjet-events'), clock, log: rc.log.child({ orgId: auth.orgId }) }, events);
  await markWebhookUsed(auth.orgId, auth.endpoint.id, clock.now());
  return { ok: true, ...report };
});

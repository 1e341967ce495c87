import { ZodError } from 'zod';
import { AppError, errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { parseMailjetEvents } from '../../integrations/mailjet/mailjet-events';
import { applyMailjetEvents, type MailjetEventsReport } from './apply-mailjet-events';
import { markWebhookUsed } from './messaging-webhooks';

/** Mailjet's event callback (one event or a grouped array), from an authenticated endpoint: applied to sends and profiles. */
export async function receiveMailjetEvents(ctx: ServiceContext, input: { endpointId: string; raw: Uint8Array }): Promise<{ ok: true } & MailjetEventsReport> {
  let events;
  try {
    events = parseMailjetEvents(new TextDecoder().decode(input.raw));
  } catch (err) {
    if (err instanceof ZodError) throw errors.validation(err, 'The body is not a Mailjet event or array of events.');
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  const report = await applyMailjetEvents(ctx, events);
  await markWebhookUsed(ctx.orgId, input.endpointId, ctx.clock.now());
  return { ok: true, ...report };
}

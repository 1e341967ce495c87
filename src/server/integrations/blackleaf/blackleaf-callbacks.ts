import { z } from 'zod';
import { AppError, errors } from '@/domain/errors';
import { parseJsonExact } from '../parse-json-exact';

/**
 * What BakedBot accepts from Blackleaf at /api/webhooks/blackleaf/{endpointId} (our definition;
 * Blackleaf's public documentation gives none). JSON or form-encoded, one callback or a JSON
 * array of them:
 *
 *   {"type":"message.received","id":"<provider id>","from":"+13135550123","to":"+18775550100",
 *    "body":"STOP","receivedAt":"2031-05-06T16:00:00Z"}
 *   {"type":"message.status","messageId":"<message-id from the send>","status":"delivered"|"failed"|"undelivered",
 *    "error":"...","at":"..."}
 *
 * `type` may be left out of an inbound text. Ids may be numbers beyond 2^53; they are kept exact.
 */
const Id = z.union([z.string(), z.number()]).transform(String);
const When = z.coerce.date().optional();

const Received = z.object({
  type: z.literal('message.received').default('message.received'),
  id: Id.optional(),
  from: z.string().trim().min(3).max(32),
  to: z.string().trim().max(32).optional(),
  body: z.string().max(2_000),
  receivedAt: When,
});
const Status = z.object({
  type: z.literal('message.status'),
  messageId: Id,
  status: z.enum(['delivered', 'failed', 'undelivered']),
  error: z.string().max(500).optional(),
  at: When,
});
export const BlackleafCallbackSchema = z.union([Status, Received]);
export type BlackleafCallback = z.infer<typeof BlackleafCallbackSchema>;

export function parseBlackleafCallback(text: string, contentType: string | null): BlackleafCallback[] {
  let data: unknown;
  if (contentType?.includes('application/x-www-form-urlencoded')) data = Object.fromEntries(new URLSearchParams(text));
  else {
    try {
      data = parseJsonExact(text);
    } catch {
      throw new AppError('invalid_json', 'The request body is not valid JSON or form data.');
    }
  }
  const parsed = z
    .array(BlackleafCallbackSchema)
    .min(1)
    .max(500)
    .safeParse(Array.isArray(data) ? data : [data]);
  if (!parsed.success) throw errors.validation(parsed.error, 'The body is not a Blackleaf callback.');
  return parsed.data;
}

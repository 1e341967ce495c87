import { z } from 'zod';
import { parseJsonExact } from '../parse-json-exact';

/**
 * Mailjet's event callback format (Event API): one object per event, or, with "group events"
 * switched on, a JSON array of them. MessageID exceeds 2^53, so the body is parsed with exact
 * integers and every id is kept as a string.
 */
const Id = z.union([z.string(), z.number()]).transform(String);

export const MailjetEventSchema = z.looseObject({
  event: z.string().min(1),
  time: z.number().int().nonnegative(),
  MessageID: Id.optional(),
  Message_GUID: z.string().optional(),
  email: z.string().optional(),
  CustomID: z.string().optional(),
  Payload: z.string().optional(),
  url: z.string().optional(),
  hard_bounce: z.boolean().optional(),
  blocked: z.boolean().optional(),
  error_related_to: z.string().optional(),
  error: z.string().optional(),
  source: z.string().optional(),
});
export type MailjetEvent = z.infer<typeof MailjetEventSchema>;

export const MAILJET_EVENT_TYPES = ['sent', 'open', 'click', 'bounce', 'blocked', 'spam', 'unsub'] as const;

/** Parses a callback body (single or grouped); throws a ZodError or SyntaxError on anything else. */
export function parseMailjetEvents(body: string): MailjetEvent[] {
  const data = parseJsonExact(body);
  const list = Array.isArray(data) ? data : [data];
  return z.array(MailjetEventSchema).min(1).max(5_000).parse(list);
}

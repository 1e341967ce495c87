import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { ChannelSchema } from '@/domain/customer';
import { MessageKindSchema } from '@/domain/messaging/channel';
import { MessageContentSchema, type SendMessageInput } from '@/domain/messaging/send';
import { TemplateKeySchema } from '@/domain/messaging/template';
import type { PreviewInput } from './preview-send';

const Base = z.object({
  customerId: IdSchema,
  channel: ChannelSchema,
  /** Omitted: a template's own kind, else marketing (the stricter rules). */
  kind: MessageKindSchema.optional(),
  templateId: TemplateKeySchema.optional(),
  content: MessageContentSchema.optional(),
  variables: z.record(z.string(), z.unknown()).default({}),
});

function oneSource(v: { templateId?: string; content?: unknown }, ctx: z.RefinementCtx) {
  if (!!v.templateId === !!v.content) ctx.addIssue({ code: 'custom', path: ['templateId'], message: 'Choose a template or write a message' });
}

/** What the dashboard sends: the idempotency key comes from the form, so a double click sends once. */
export const SendRequestSchema = Base.extend({ idempotencyKey: z.string().min(8).max(200) }).superRefine(oneSource);
export const PreviewRequestSchema = Base.extend({
  /** false: preview exactly what a send with these variables would be (the profile's form); a missing variable is then the send's 422. */
  sampleMissing: z.boolean().default(true),
}).superRefine(oneSource);

function kindOf(v: z.infer<typeof Base>) {
  // A marketing template stays marketing whatever is passed (the send service takes the stricter).
  return v.kind ?? (v.templateId ? 'transactional' : 'marketing');
}

export function toSendInput(v: z.infer<typeof SendRequestSchema>, actorUid: string): SendMessageInput {
  return { ...v, kind: kindOf(v), idempotencyKey: `manual:${v.idempotencyKey}`, source: { type: 'manual', actorUid } };
}

export function toPreviewInput(v: z.infer<typeof PreviewRequestSchema>): PreviewInput {
  return { ...v, kind: kindOf(v) };
}

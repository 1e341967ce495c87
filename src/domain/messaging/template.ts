import { z } from 'zod';
import { ChannelSchema, MessageKindSchema } from './channel';

/**
 * A template's key is its id: a per-tenant unique slug that playbooks refer to
 * ("template": "thank_you"). It cannot change once created, so references never break.
 */
export const TemplateKeySchema = z
  .string()
  .min(2, 'At least 2 characters')
  .max(60, 'At most 60 characters')
  .regex(/^[a-z][a-z0-9_]*$/, 'Use lower-case letters, digits and _, starting with a letter');

export const SMS_MAX_CHARS = 1_600;

export const TemplateFieldsSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(80),
  description: z.string().trim().max(300).default(''),
  channel: ChannelSchema,
  kind: MessageKindSchema,
  /** Email only. */
  subject: z.string().trim().max(200).nullable().default(null),
  /** Email: an HTML fragment (the layout and footer are added); SMS: plain text. */
  body: z.string().min(1, 'Write the message').max(20_000),
});

export const TemplateSchema = TemplateFieldsSchema.extend({
  id: TemplateKeySchema,
  /** Part of the default set every dispensary starts with. */
  builtIn: z.boolean().default(false),
  createdAt: z.date(),
  updatedAt: z.date(),
  updatedBy: z.string().nullable(),
});
export type Template = z.infer<typeof TemplateSchema>;

export const CreateTemplateInputSchema = TemplateFieldsSchema.extend({ key: TemplateKeySchema }).superRefine(checkChannelShape);
export type CreateTemplateInput = z.input<typeof CreateTemplateInputSchema>;

export const UpdateTemplateInputSchema = TemplateFieldsSchema.superRefine(checkChannelShape);
export type UpdateTemplateInput = z.input<typeof UpdateTemplateInputSchema>;

function checkChannelShape(t: { channel: string; subject: string | null; body: string }, ctx: z.RefinementCtx) {
  if (t.channel === 'email' && !t.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'An email needs a subject' });
  if (t.channel === 'sms' && t.body.length > SMS_MAX_CHARS)
    ctx.addIssue({ code: 'custom', path: ['body'], message: `An SMS can be at most ${SMS_MAX_CHARS} characters` });
}

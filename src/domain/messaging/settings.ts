import { z } from 'zod';
import { formatAddress, type Address } from '../common';
import type { Tenant } from '../tenant';
import { HhmmSchema } from './channel';
import { parseHhmm } from './local-time';

/** The widest window any dispensary may message in, local time of the customer. */
export const DEFAULT_SEND_WINDOW = { start: '08:00', end: '21:00' } as const;

export const SendWindowSchema = z.object({ start: HhmmSchema, end: HhmmSchema }).superRefine((w, ctx) => {
  if (!HhmmSchema.safeParse(w.start).success || !HhmmSchema.safeParse(w.end).success) return;
  const start = parseHhmm(w.start);
  const end = parseHhmm(w.end);
  if (start < parseHhmm(DEFAULT_SEND_WINDOW.start))
    ctx.addIssue({ code: 'custom', path: ['start'], message: `Messages may not start before ${DEFAULT_SEND_WINDOW.start}` });
  if (end > parseHhmm(DEFAULT_SEND_WINDOW.end))
    ctx.addIssue({ code: 'custom', path: ['end'], message: `Messages may not go out after ${DEFAULT_SEND_WINDOW.end}` });
  if (end - start < 60) ctx.addIssue({ code: 'custom', path: ['end'], message: 'The window must end at least an hour after it starts' });
});
export type SendWindow = z.infer<typeof SendWindowSchema>;

export const FrequencyCapSchema = z.object({
  /** At most this many marketing messages on the channel... */
  max: z.number().int().min(1, 'At least 1').max(10, 'At most 10'),
  /** ...within any window of this many hours. */
  windowHours: z
    .number()
    .int()
    .min(1, 'At least 1 hour')
    .max(24 * 14, 'At most 14 days'),
});
export type FrequencyCap = z.infer<typeof FrequencyCapSchema>;

export const DEFAULT_CAPS = { email: { max: 1, windowHours: 16 }, sms: { max: 1, windowHours: 24 } } as const;

const optionalEmail = z.union([z.email(), z.null()]);

export const MessagingSettingsBodySchema = z.object({
  sendWindow: SendWindowSchema,
  caps: z.object({ email: FrequencyCapSchema, sms: FrequencyCapSchema }),
  /** When true, a customer with no date of birth gets no marketing (under-21s never do). */
  requireAgeVerification: z.boolean(),
  /** Email goes to Mailjet with SandboxMode (validated, not delivered); SMS stays in the outbox. */
  sandboxMode: z.boolean(),
  sender: z.object({
    fromName: z.string().trim().min(1, 'Enter a sender name').max(80),
    fromEmail: z.email('Enter a valid email address'),
    replyTo: optionalEmail,
    /** Starts every marketing SMS so the customer knows who is texting. */
    smsBrandName: z.string().trim().min(2, 'At least 2 characters').max(30, 'At most 30 characters'),
  }),
  /** How Craig should sound: a few sentences about tone and words to use or avoid. */
  brandVoice: z.string().max(2000),
  footer: z.object({
    businessName: z.string().trim().min(1, 'Enter the dispensary name').max(120),
    address: z.string().trim().min(5, 'Enter the postal address').max(300),
  }),
  /** Given in answer to a HELP text. */
  contact: z.object({
    phone: z.string().trim().max(40).nullable(),
    email: optionalEmail,
  }),
});
export type MessagingSettingsBody = z.infer<typeof MessagingSettingsBodySchema>;

export const MessagingSettingsSchema = MessagingSettingsBodySchema.extend({
  id: z.string().min(1),
  updatedAt: z.date(),
  updatedBy: z.string().nullable(),
});
export type MessagingSettings = z.infer<typeof MessagingSettingsSchema>;

export const MESSAGING_SETTINGS_DOC = 'current';

/** What a dispensary gets before it changes anything: the strictest defaults, its own name and address. */
export function defaultMessagingSettings(tenant: Pick<Tenant, 'name' | 'address' | 'contactEmail' | 'contactPhone'>, now: Date): MessagingSettings {
  return {
    id: MESSAGING_SETTINGS_DOC,
    sendWindow: { ...DEFAULT_SEND_WINDOW },
    caps: { email: { ...DEFAULT_CAPS.email }, sms: { ...DEFAULT_CAPS.sms } },
    requireAgeVerification: true,
    sandboxMode: false,
    sender: {
      fromName: tenant.name.slice(0, 80),
      fromEmail: tenant.contactEmail ?? 'messages@bakedbot.ai',
      replyTo: tenant.contactEmail ?? null,
      smsBrandName: smsBrandFrom(tenant.name),
    },
    brandVoice: '',
    footer: { businessName: tenant.name.slice(0, 120), address: formatAddress(tenant.address as Address) },
    contact: { phone: tenant.contactPhone ?? null, email: tenant.contactEmail ?? null },
    updatedAt: now,
    updatedBy: null,
  };
}

function smsBrandFrom(name: string): string {
  const short = name.replace(/\s*\(.*?\)\s*/g, ' ').trim();
  return (short.length >= 2 ? short : `${short} shop`).slice(0, 30).trim();
}

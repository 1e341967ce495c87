import { z } from 'zod';
import { CalendarDateSchema } from '../common';
import { ageOn } from '../customer';
import { normalizeEmail, normalizePhone } from '../phone';

/** The disclosures shown beside the two consent boxes; their version is recorded with the consent. */
export const CONSENT_DISCLOSURE_VERSION = 'join-v1';

/** TCPA-style: who texts, what, how often, cost, how to stop and get help, and that it is optional. */
export function smsDisclosure(businessName: string): string {
  return (
    `By ticking this box, you agree to receive recurring marketing and loyalty text messages from ${businessName} ` +
    'at the number provided, which may be sent using automated technology. Message frequency varies. ' +
    'Msg & data rates may apply. Reply STOP to cancel, HELP for help. Consent is not a condition of purchase.'
  );
}

export function emailDisclosure(businessName: string): string {
  return `By ticking this box, you agree to receive offers and loyalty news by email from ${businessName}. Every email has an unsubscribe link. Consent is not a condition of purchase.`;
}

export const MINIMUM_MEMBER_AGE = 21;
/** A person fills this form in more than a few seconds; a script posting at once is refused. */
export const JOIN_MIN_FILL_MS = 3_000;
/** A form left open longer than this is reloaded (its token is stale). */
export const JOIN_FORM_MAX_AGE_MS = 2 * 60 * 60_000;

const name = z.string().trim().min(1, 'Enter your first name').max(80);

/** The join form as posted. `website` is the honeypot: hidden from people, filled by bots. */
export const JoinInputSchema = z
  .object({
    firstName: name,
    lastName: z.string().trim().max(80).default(''),
    phone: z
      .string()
      .max(40)
      .transform((v, ctx) => {
        const e164 = normalizePhone(v);
        if (!e164) ctx.addIssue({ code: 'custom', message: 'Enter a valid mobile number' });
        return e164 ?? '';
      }),
    email: z
      .string()
      .max(320)
      .default('')
      .transform((v, ctx) => {
        if (!v.trim()) return null;
        const e = normalizeEmail(v);
        if (!e) ctx.addIssue({ code: 'custom', message: 'Enter a valid email address, or leave it empty' });
        return e;
      }),
    dateOfBirth: CalendarDateSchema,
    smsConsent: z.boolean().default(false),
    emailConsent: z.boolean().default(false),
    /** Optional: pre-filled from the referral link's ?ref=. */
    referralCode: z.string().trim().max(40).default(''),
    website: z.string().max(200).default(''),
    formToken: z.string().min(1).max(500),
  })
  // Checked even when other fields failed, so the person sees every problem at once.
  .refine((v) => !(v.emailConsent === true && !v.email), { path: ['email'], message: 'Enter your email to get offers by email', when: () => true });
export type JoinInput = z.output<typeof JoinInputSchema>;

/** Whether the date of birth makes the person at least 21 today in the dispensary's zone; a date in the future or absurdly old is invalid. */
export function ageProblem(dateOfBirth: string, now: Date, timeZone: string): string | null {
  const age = ageOn(dateOfBirth, now, timeZone);
  if (!Number.isFinite(age) || age < 0 || age > 120) return 'Enter a valid date of birth';
  if (age < MINIMUM_MEMBER_AGE) return `You must be ${MINIMUM_MEMBER_AGE} or older to join`;
  return null;
}

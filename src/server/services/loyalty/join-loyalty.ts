import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { newCustomer, type ChannelConsent } from '@/domain/customer';
import { AppError, errors } from '@/domain/errors';
import { ageProblem, CONSENT_DISCLOSURE_VERSION, JOIN_FORM_MAX_AGE_MS, JOIN_MIN_FILL_MS, JoinInputSchema } from '@/domain/loyalty/join';
import { identityDocId } from '@/domain/signals/records';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { newCustomerId } from '../signals/identity';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { readToken, signToken } from './loyalty-keys';
import { referralForSignUp } from './referrals';

const FormTokenSchema = z.object({ o: z.string(), t: z.number().int() });

/** The token the join page embeds: which dispensary's form, and when it was shown (for the minimum fill time). */
export function issueJoinFormToken(orgId: string, shownAt: Date): Promise<string> {
  return signToken('join-form', { o: orgId, t: shownAt.getTime() });
}

export type JoinResult = { status: 'joined'; customerId: string } | { status: 'already_member' };

// One refusal for every sign of a bot, so a script learns nothing about which check it failed.
const botRefusal = () => new AppError('bad_request', 'We could not take this sign-up. Reload the page and try again.');

/**
 * Signs a customer up from the join page on their phone. Refused before anything is read: a
 * filled honeypot, a form posted sooner than a person could fill it, or a token not issued for
 * this dispensary. Under 21 is refused. The phone is claimed as an identity inside the
 * transaction that creates the customer, so two sign-ups with one number make one member, and a
 * number already known answers "already a member" without saying anything about them. Consent
 * (each box on its own) is recorded with source join_page, the time, the address and the
 * disclosure's version.
 */
export async function joinLoyalty(ctx: ServiceContext, raw: unknown, meta: { ip: string }): Promise<JoinResult> {
  const parsed = JoinInputSchema.safeParse(raw);
  if (!parsed.success) throw errors.validation(parsed.error, 'Some details need a change.');
  const input = parsed.data;
  const now = ctx.clock.now();
  const token = FormTokenSchema.safeParse(await readToken('join-form', input.formToken));
  const age = token.success ? now.getTime() - token.data.t : -1;
  if (input.website.trim() || !token.success || token.data.o !== ctx.orgId || age < JOIN_MIN_FILL_MS || age > JOIN_FORM_MAX_AGE_MS) {
    ctx.log?.warn({ event: 'loyalty.join_refused', honeypot: !!input.website.trim(), tokenOk: token.success, ageMs: age }, 'join refused as automated');
    throw botRefusal();
  }
  const tenant = await tenantsCollection().getOrThrow(ctx.orgId);
  const tooYoung = ageProblem(input.dateOfBirth, now, tenant.timeZone);
  if (tooYoung) throw new AppError('validation_failed', tooYoung, { issues: [{ path: 'dateOfBirth', message: tooYoung }] });

  const tdb = tenantDb(ctx.orgId);
  const phoneKey = identityDocId('phone', input.phone);
  const emailKey = input.email ? identityDocId('email', input.email) : null;
  // Customers from the seed or imports have no identity documents: look for them by field too.
  const [byPhone, byEmail] = await Promise.all([
    tdb.customers.ref.where('phone', '==', input.phone).limit(1).get(),
    input.email ? tdb.customers.ref.where('email', '==', input.email).limit(1).get() : null,
  ]);
  if (!byPhone.empty || (byEmail && !byEmail.empty)) return { status: 'already_member' };

  const customerId = newCustomerId();
  const referredBy = await referralForSignUp(ctx, input.referralCode, { id: customerId, phone: input.phone, email: input.email }, 'join_page');
  const note = `Join page; IP ${meta.ip}; disclosure ${CONSENT_DISCLOSURE_VERSION}`;
  const consent = (given: boolean): ChannelConsent =>
    given ? { status: 'opted_in', source: 'join_page', at: now } : { status: 'unknown', source: 'join_page', at: null };
  return firestore().runTransaction(async (tx) => {
    const claims = await tx.getAll(tdb.identities.doc(phoneKey), ...(emailKey ? [tdb.identities.doc(emailKey)] : []));
    if (claims.some((c) => c.exists)) return { status: 'already_member' as const };
    const customer = newCustomer(
      {
        id: customerId,
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email,
        phone: input.phone,
        dateOfBirth: input.dateOfBirth,
        tags: ['loyalty-join-page'],
        externalIds: [],
        consent: { sms: consent(input.smsConsent), email: consent(input.emailConsent) },
        source: 'manual',
        referredBy: referredBy ?? undefined,
      },
      now,
    );
    tx.create(tdb.customers.doc(customerId), tdb.customers.parse(customer));
    tx.create(tdb.identities.doc(phoneKey), { id: phoneKey, kind: 'phone', value: input.phone, customerId, createdAt: now });
    if (emailKey) tx.create(tdb.identities.doc(emailKey), { id: emailKey, kind: 'email', value: input.email!, customerId, createdAt: now });
    for (const [channel, given] of [
      ['sms', input.smsConsent],
      ['email', input.emailConsent],
    ] as const) {
      if (!given) continue;
      const id = `ce_${randomUUID()}`;
      tx.create(tdb.consentEvents.doc(id), {
        id,
        customerId,
        channel,
        status: 'opted_in',
        previousStatus: 'unknown',
        source: 'join_page',
        actor: 'system:join_page',
        note,
        sendId: null,
        at: now,
      });
    }
    return { status: 'joined' as const, customerId };
  });
}

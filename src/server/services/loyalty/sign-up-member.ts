import { randomUUID } from 'node:crypto';
import { newCustomer, type ChannelConsent, type Customer } from '@/domain/customer';
import { AppError, errors } from '@/domain/errors';
import { CONSENT_DISCLOSURES, SignUpInputSchema, signUpProblems, type SignUpInput } from '@/domain/loyalty/tablet';
import { identityDocId } from '@/domain/signals/records';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { newCustomerId } from '../signals/identity';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { referralForSignUp } from './referrals';

export type SignUpSource = 'in_store';

/**
 * Signs a new member up at the counter: name, mobile, date of birth (21 or older, in the
 * dispensary's zone), and SMS and email consent as two separate choices. Each opt-in is recorded
 * on the profile (source in_store, time) and as a consent event naming the staff member and the
 * disclosure version shown. The phone (and email) are claimed as identity keys in the same
 * transaction, so a second sign-up of the same number is refused, not duplicated.
 */
export async function signUpMember(ctx: ServiceContext, raw: SignUpInput, source: SignUpSource = 'in_store'): Promise<{ customer: Customer }> {
  const parsed = SignUpInputSchema.safeParse(raw);
  if (!parsed.success) throw errors.validation(parsed.error);
  const input = parsed.data;
  const tdb = tenantDb(ctx.orgId);
  const tenant = await tenantsCollection().getOrThrow(ctx.orgId);
  const now = ctx.clock.now();
  const { problems, phone, email } = signUpProblems(input, now, tenant.timeZone);
  if (problems.length || !phone) throw new AppError('validation_failed', problems[0]?.message ?? 'Some fields are not valid.', { issues: problems });

  // Customers from the seed or an import have no identity keys: look for the number too.
  const byQuery = await tdb.customers.ref.where('phone', '==', phone).limit(1).get();
  const keys = [{ kind: 'phone' as const, value: phone }, ...(email ? [{ kind: 'email' as const, value: email }] : [])].map((k) => ({
    ...k,
    docId: identityDocId(k.kind, k.value),
  }));
  const id = newCustomerId();
  const referredBy = await referralForSignUp(ctx, input.referralCode, { id, phone, email }, 'in_store');
  const consent = (ticked: boolean): ChannelConsent => (ticked ? { status: 'opted_in', source, at: now } : { status: 'unknown', source, at: null });
  const customer = newCustomer(
    {
      id,
      firstName: input.firstName,
      lastName: input.lastName,
      email,
      phone,
      dateOfBirth: input.dateOfBirth,
      tags: ['loyalty'],
      externalIds: [],
      consent: { sms: consent(input.smsConsent), email: consent(input.emailConsent) },
      source,
      referredBy: referredBy ?? undefined,
    },
    now,
  );
  await firestore().runTransaction(async (tx) => {
    const claimed = await tx.getAll(...keys.map((k) => tdb.identities.doc(k.docId)));
    const phoneOwner = claimed[0]?.data()?.customerId ?? byQuery.docs[0]?.id;
    if (phoneOwner) throw errors.conflict('A member with this phone number already exists: look them up instead.', { customerId: phoneOwner });
    if (claimed[1]?.exists)
      throw new AppError('validation_failed', 'This email belongs to another member.', {
        issues: [{ path: 'email', message: 'This email belongs to another member' }],
      });
    tx.create(tdb.customers.doc(customer.id), tdb.customers.parse(customer));
    for (const k of keys) tx.create(tdb.identities.doc(k.docId), { id: k.docId, kind: k.kind, value: k.value, customerId: customer.id, createdAt: now });
    for (const channel of ['sms', 'email'] as const) {
      if (customer.consent[channel].status !== 'opted_in') continue;
      const eventId = `ce_${randomUUID()}`;
      tx.create(tdb.consentEvents.doc(eventId), {
        id: eventId,
        customerId: customer.id,
        channel,
        status: 'opted_in',
        previousStatus: 'unknown',
        source,
        actor: ctx.actor.uid,
        note: `Ticked on the loyalty tablet by ${ctx.actor.email ?? ctx.actor.uid}; disclosure ${CONSENT_DISCLOSURES.version}.`,
        sendId: null,
        at: now,
      });
    }
  });
  ctx.log?.info(
    { customerId: customer.id, sms: input.smsConsent, email: input.emailConsent, referredBy: referredBy?.customerId ?? null },
    'member signed up at the counter',
  );
  return { customer };
}

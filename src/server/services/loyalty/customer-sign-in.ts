import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError, errors } from '@/domain/errors';
import {
  checkCode,
  CODE_CHECK_MESSAGES,
  codesLeft,
  SIGN_IN_CODE_TTL_MS,
  SIGN_IN_CODE_WINDOW_MS,
  SignInChannelSchema,
  sixDigitCode,
  type CustomerSignInCode,
  type SignInChannel,
} from '@/domain/loyalty/member-access';
import { normalizeEmail, normalizePhone } from '@/domain/phone';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { sendMessage } from '../messaging/send-message';
import { loyaltyMac, sameBytes } from './loyalty-keys';

export const SignInRequestSchema = z.object({ channel: SignInChannelSchema, identifier: z.string().trim().min(3).max(320) });
export const SignInCheckSchema = SignInRequestSchema.extend({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code'),
});

/** The phone (E.164) or email the customer typed, normalised; 422 when it is neither. */
function identifierOf(channel: SignInChannel, raw: string): string {
  const value = channel === 'sms' ? normalizePhone(raw) : normalizeEmail(raw);
  if (!value)
    throw new AppError('validation_failed', channel === 'sms' ? 'Enter a valid mobile number.' : 'Enter a valid email address.', {
      issues: [{ path: 'identifier', message: channel === 'sms' ? 'Enter a valid mobile number' : 'Enter a valid email address' }],
    });
  return value;
}

const recordId = (channel: SignInChannel, value: string) => `sic_${createHash('sha256').update(`${channel}:${value}`).digest('hex').slice(0, 40)}`;
const codeHash = async (orgId: string, id: string, code: string) => (await loyaltyMac('sign-in-code', `${orgId}:${id}:${code}`)).toString('hex');

/**
 * Sends a one-time code to a member's phone (a transactional text, through the messaging gate) or
 * email. The answer is the same whether or not the identifier belongs to a member, so the form
 * reveals nobody; a record is kept either way so the per-identifier limit (3 codes in 15 minutes)
 * holds for both. Only the code's keyed hash is stored. A new code replaces the last one.
 */
export async function requestSignInCode(ctx: ServiceContext, input: z.input<typeof SignInRequestSchema>): Promise<{ sent: true }> {
  const { channel, identifier } = SignInRequestSchema.parse(input);
  const value = identifierOf(channel, identifier);
  const tdb = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const id = recordId(channel, value);
  const found = await tdb.customers.ref
    .where(channel === 'sms' ? 'phone' : 'email', '==', value)
    .limit(1)
    .get();
  const customerId = found.empty ? null : found.docs[0]!.id;
  const code = sixDigitCode(randomBytes(4));
  const hash = await codeHash(ctx.orgId, id, code);
  await firestore().runTransaction(async (tx) => {
    const prior = (await tx.get(tdb.customerSignInCodes.doc(id))).data();
    const recent = (prior?.sentAt ?? []).filter((t) => now.getTime() - t.getTime() < SIGN_IN_CODE_WINDOW_MS);
    const { left, retryAfterSeconds } = codesLeft(recent, now);
    if (!left)
      throw new AppError(
        'rate_limited',
        `Too many codes for this ${channel === 'sms' ? 'number' : 'address'}; try again in ${Math.ceil(retryAfterSeconds / 60)} min.`,
        { retryAfterSeconds },
        { 'retry-after': String(retryAfterSeconds) },
      );
    const record: CustomerSignInCode = {
      id,
      channel,
      customerId,
      codeHash: hash,
      expiresAt: new Date(now.getTime() + SIGN_IN_CODE_TTL_MS),
      tries: 0,
      usedAt: null,
      sentAt: [...recent, now].slice(-10),
      createdAt: now,
    };
    tx.set(tdb.customerSignInCodes.doc(id), tdb.customerSignInCodes.parse(record));
  });
  if (customerId) {
    const tenant = await tenantsCollection().getOrThrow(ctx.orgId);
    const text = `${tenant.name}: your sign-in code is ${code}. It expires in 10 minutes. Do not share it.`;
    const send = await sendMessage(ctx, {
      customerId,
      channel,
      kind: 'transactional',
      content: channel === 'sms' ? { body: text } : { subject: `Your ${tenant.name} sign-in code`, body: `<p>${text}</p>` },
      idempotencyKey: `member-sign-in:${id}:${now.getTime()}`,
      source: { type: 'manual', actorUid: 'system:member_sign_in' },
    });
    ctx.log?.info({ sendId: send.id, status: send.status, reason: send.decision.reason }, 'member sign-in code sent');
  }
  return { sent: true };
}

/**
 * Checks a code: at most 5 tries per code, 10 minutes, once. Returns the customer it signs in. A
 * wrong try is counted before the refusal is returned (the count commits; the error follows).
 */
export async function verifySignInCode(ctx: ServiceContext, input: z.input<typeof SignInCheckSchema>): Promise<{ customerId: string }> {
  const { channel, identifier, code } = SignInCheckSchema.parse(input);
  const value = identifierOf(channel, identifier);
  const tdb = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const id = recordId(channel, value);
  const given = Buffer.from(await codeHash(ctx.orgId, id, code), 'hex');
  const outcome = await firestore().runTransaction(async (tx) => {
    const record = (await tx.get(tdb.customerSignInCodes.doc(id))).data();
    if (!record) return { check: 'wrong' as const, customerId: null };
    const matches = !!record.customerId && sameBytes(given, Buffer.from(record.codeHash, 'hex'));
    const check = checkCode(record, matches, now);
    if (check === 'ok') tdb.customerSignInCodes.updateIn(tx, id, { usedAt: now });
    else if (check === 'wrong') tdb.customerSignInCodes.updateIn(tx, id, { tries: record.tries + 1 });
    return { check, customerId: record.customerId };
  });
  if (outcome.check !== 'ok' || !outcome.customerId) {
    const reason = outcome.check === 'ok' ? 'wrong' : outcome.check;
    throw new AppError(reason === 'too_many_tries' ? 'rate_limited' : 'bad_request', CODE_CHECK_MESSAGES[reason], { reason });
  }
  if (!(await tdb.customers.get(outcome.customerId))) throw errors.notFound('Member');
  return { customerId: outcome.customerId };
}

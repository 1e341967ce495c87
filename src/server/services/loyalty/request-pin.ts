import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { maskPhone } from '@/domain/customer';
import { AppError, errors } from '@/domain/errors';
import { checkPin, PIN_TRIES, PIN_TTL_MS, pinFrom, pinSendWait, PIN_SEND_WINDOW_MS, type PinState } from '@/domain/loyalty/redemption';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { sendMessage } from '../messaging/send-message';

const hashPin = (salt: string, pin: string) => createHash('sha256').update(`${salt}:${pin}`).digest('hex');

// The PIN travels as a number so the send is marked as showing a figure (revenueInText): the
// outbox then withholds its text from budtenders, who could otherwise read the PIN they ask for.
const PIN_TEXT = 'Your {{ dispensary.name }} rewards PIN is {{ redemption.pin }}. It confirms a points redemption and expires in 10 minutes. Never share it.';

export interface PinSent {
  /** The phone it went to, masked for the screen. */
  sentTo: string;
  expiresAt: Date;
  triesLeft: number;
}

/**
 * Texts the customer a fresh 6-digit PIN (transactional, through the messaging gate) that confirms
 * one redemption within 10 minutes and 5 tries. Only its salted hash is kept. At most three texts
 * per customer in 15 minutes; a text the gate refuses (no SMS opt-in, no valid mobile) is
 * reported with the gate's reason, so staff can use an override instead.
 */
export async function requestPin(ctx: ServiceContext, customerId: string): Promise<PinSent> {
  const tdb = tenantDb(ctx.orgId);
  const customer = await tdb.customers.getOrThrow(customerId);
  if (!customer.phone) throw errors.conflict('This customer has no mobile number on file, so no PIN can be texted. Use a staff override with a reason.');
  const now = ctx.clock.now();
  const pin = pinFrom(randomBytes(3));
  const salt = randomBytes(12).toString('hex');
  const challengeId = `pin_${randomBytes(12).toString('hex')}`;
  const expiresAt = new Date(now.getTime() + PIN_TTL_MS);
  const ref = tdb.loyaltyPins.doc(customerId);
  await firestore().runTransaction(async (tx) => {
    const state = (await tx.get(ref)).data() ?? null;
    const recent = (state?.recentSends ?? []).filter((d) => now.getTime() - d.getTime() < PIN_SEND_WINDOW_MS);
    const wait = pinSendWait(recent, now);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      throw new AppError(
        'rate_limited',
        `Three PINs were texted to this customer in the last 15 minutes. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or use a staff override.`,
        { retryAfterSeconds: Math.ceil(wait / 1000) },
        { 'retry-after': String(Math.ceil(wait / 1000)) },
      );
    }
    const next: PinState = {
      id: customerId,
      challenge: { id: challengeId, hash: hashPin(salt, pin), salt, sentAt: now, expiresAt, triesLeft: PIN_TRIES, usedFor: null, sendId: null },
      recentSends: [...recent, now],
      updatedAt: now,
    };
    tx.set(ref, tdb.loyaltyPins.parse(next));
  });
  const send = await sendMessage(ctx, {
    customerId,
    channel: 'sms',
    kind: 'transactional',
    content: { body: PIN_TEXT },
    variables: { redemption: { pin: Number(pin) } },
    idempotencyKey: `loyalty-pin:${challengeId}`,
    source: { type: 'manual', actorUid: ctx.actor.uid },
  });
  if (send.status === 'skipped' || send.status === 'failed') {
    throw errors.conflict(`The PIN could not be texted: ${send.decision.detail} Use a staff override with a reason.`, { gate: send.decision.reason });
  }
  ctx.log?.info({ customerId, sendId: send.id, status: send.status }, 'loyalty PIN texted');
  return { sentTo: maskPhone(customer.phone), expiresAt, triesLeft: PIN_TRIES };
}

/**
 * Checks a PIN for one redemption. A wrong PIN costs a try (kept even though the redemption is
 * refused); the right one is marked as confirming this redemption, so it cannot confirm another.
 */
export async function confirmPin(ctx: ServiceContext, customerId: string, pin: string, redemptionId: string): Promise<void> {
  const tdb = tenantDb(ctx.orgId);
  const ref = tdb.loyaltyPins.doc(customerId);
  const now = ctx.clock.now();
  const result = await firestore().runTransaction(async (tx) => {
    const state = (await tx.get(ref)).data() ?? null;
    const c = state?.challenge ?? null;
    const given = Buffer.from(c ? hashPin(c.salt, pin) : '', 'hex');
    const stored = Buffer.from(c?.hash ?? '', 'hex');
    const matches = !!c && given.length === stored.length && timingSafeEqual(given, stored);
    const check = checkPin(c, matches, redemptionId, now);
    if (c && !check.ok && check.reason === 'wrong') tdb.loyaltyPins.updateIn(tx, customerId, { 'challenge.triesLeft': check.triesLeft, updatedAt: now });
    if (c && check.ok && !c.usedFor) tdb.loyaltyPins.updateIn(tx, customerId, { 'challenge.usedFor': redemptionId, updatedAt: now });
    return check;
  });
  if (result.ok) return;
  switch (result.reason) {
    case 'wrong':
      throw new AppError(
        'pin_invalid',
        result.triesLeft > 0
          ? `Wrong PIN: ${result.triesLeft} ${result.triesLeft === 1 ? 'try' : 'tries'} left.`
          : 'Wrong PIN, and that was the last try. Text a new PIN.',
        { triesLeft: result.triesLeft },
      );
    case 'none':
      throw new AppError('pin_invalid', 'No PIN has been texted to this customer yet. Text one first.', { triesLeft: 0 });
    case 'used':
      throw new AppError('pin_invalid', 'This PIN already confirmed a redemption. Text a new PIN.', { triesLeft: 0 });
    case 'expired':
      throw new AppError('pin_expired', 'The PIN has expired (they last 10 minutes). Text a new PIN.');
    case 'no_tries':
      throw new AppError('pin_expired', 'Five wrong tries: this PIN no longer works. Text a new PIN.');
  }
}

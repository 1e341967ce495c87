import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { appBaseUrl, signingKey } from './messaging-config';

/** The send id for an idempotency key: the same key always names the same document. */
export function sendIdFor(idempotencyKey: string): string {
  return `snd_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** 16 characters from a 56-letter alphabet (about 93 bits): short enough for SMS, unguessable. */
export function newTrackToken(): string {
  const bytes = randomBytes(16);
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

export const TRACK_TOKEN_PATTERN = /^([A-Za-z0-9]{8,32})-(\d{1,3})$/;

const UnsubscribePayloadSchema = z.object({
  v: z.literal(1),
  o: z.string().min(1),
  c: z.string().min(1),
  ch: z.enum(['email', 'sms']),
  s: z.string().nullable(),
});
export type UnsubscribePayload = z.infer<typeof UnsubscribePayloadSchema>;

async function mac(data: string): Promise<Buffer> {
  return createHmac('sha256', await signingKey())
    .update(data)
    .digest();
}

/** A signed token naming the dispensary, customer, channel and send: no lookup can be forged. */
export async function signUnsubscribeToken(p: { orgId: string; customerId: string; channel: 'email' | 'sms'; sendId: string | null }): Promise<string> {
  const payload = Buffer.from(JSON.stringify({ v: 1, o: p.orgId, c: p.customerId, ch: p.channel, s: p.sendId })).toString('base64url');
  return `${payload}.${(await mac(payload)).toString('base64url')}`;
}

/** The payload of a genuine token, or null for anything tampered with or malformed. */
export async function verifyUnsubscribeToken(
  token: string,
): Promise<{ orgId: string; customerId: string; channel: 'email' | 'sms'; sendId: string | null } | null> {
  if (token.length > 1_000) return null;
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return null;
  const expected = await mac(payload);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const p = UnsubscribePayloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return { orgId: p.o, customerId: p.c, channel: p.ch, sendId: p.s };
  } catch {
    return null;
  }
}

export function unsubscribeUrls(token: string): { pageUrl: string; oneClickUrl: string } {
  const base = appBaseUrl();
  return { pageUrl: `${base}/unsubscribe/${token}`, oneClickUrl: `${base}/api/unsubscribe/${token}` };
}

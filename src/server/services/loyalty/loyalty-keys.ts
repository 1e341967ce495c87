import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey } from '../messaging/messaging-config';

/**
 * Keys for the public loyalty pages (join form tokens, sign-in code hashes, customer sessions),
 * each derived from the one signing secret with its own label, so a value made for one purpose
 * never verifies as another. Fails closed in production without the secret, like the links.
 */
export async function loyaltyMac(purpose: 'join-form' | 'sign-in-code' | 'customer-session', data: string): Promise<Buffer> {
  const key = createHmac('sha256', await signingKey())
    .update(`bakedbot-loyalty:${purpose}`)
    .digest();
  return createHmac('sha256', key).update(data).digest();
}

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `payload.signature`, both base64url: a small signed token. */
export async function signToken(purpose: Parameters<typeof loyaltyMac>[0], payload: unknown): Promise<string> {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${(await loyaltyMac(purpose, body)).toString('base64url')}`;
}

/** The payload of a genuine token, or null for anything tampered with or malformed. */
export async function readToken(purpose: Parameters<typeof loyaltyMac>[0], token: string | undefined | null): Promise<unknown> {
  if (!token || token.length > 2_000) return null;
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  if (!sameBytes(Buffer.from(sig, 'base64url'), await loyaltyMac(purpose, body))) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

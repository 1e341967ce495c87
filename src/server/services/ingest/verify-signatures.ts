import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/**
 * Signature checks for every sender, always over the raw request bytes and always with a
 * constant-time comparison of equal-length digests. Each takes every secret currently valid for
 * the endpoint (the current one, and the previous one for 24 hours after a rotation).
 */

function hmac(key: string, raw: Uint8Array): Buffer {
  return createHmac('sha256', key).update(raw).digest();
}

/** A digest given by the sender, compared without leaking where it differs. */
function sameDigest(expected: Buffer, given: Buffer | null): boolean {
  return !!given && given.length === expected.length && timingSafeEqual(expected, given);
}

function fromBase64(s: string): Buffer | null {
  const t = s.trim();
  return /^[A-Za-z0-9+/]+={0,2}$/.test(t) ? Buffer.from(t, 'base64') : null;
}

function fromHex(s: string): Buffer | null {
  const t = s.trim().replace(/^sha256=/i, '');
  return /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : null;
}

/** Shopify and WooCommerce: base64 HMAC-SHA256 of the raw body (X-Shopify-Hmac-Sha256, X-WC-Webhook-Signature). */
export function verifyBase64BodySignature(raw: Uint8Array, header: string | null, secrets: readonly string[]): boolean {
  if (!header) return false;
  const given = fromBase64(header);
  return secrets.some((s) => sameDigest(hmac(s, raw), given));
}

/** Alleaves: hex HMAC-SHA256 of the raw body, with or without a "sha256=" prefix. */
export function verifyHexBodySignature(raw: Uint8Array, header: string | null, secrets: readonly string[]): boolean {
  if (!header) return false;
  const given = fromHex(header);
  return secrets.some((s) => sameDigest(hmac(s, raw), given));
}

export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/** A Unix-seconds timestamp header within five minutes of now, either way. */
export function timestampWithinTolerance(header: string, now: Date): boolean {
  if (!/^\d{1,12}$/.test(header.trim())) return false;
  return Math.abs(now.getTime() / 1000 - Number(header.trim())) <= TIMESTAMP_TOLERANCE_SECONDS;
}

export type StandardVerification = { ok: true } | { ok: false; reason: string };

/**
 * The Standard Webhooks scheme, checked by the reference library (`Webhook.verify`): the
 * signature covers "{webhook-id}.{webhook-timestamp}.{body}", any of the space-separated "v1,"
 * entries may match, and the timestamp must be within five minutes. Each secret valid for the
 * endpoint is tried in turn (rotation). The library measures the five minutes against the
 * system time, not an injected clock; in production they are the same.
 */
export function verifyStandardSignature(
  raw: Uint8Array,
  headers: { id: string | null; timestamp: string | null; signature: string | null },
  secrets: readonly string[],
): StandardVerification {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'webhook-id, webhook-timestamp and webhook-signature are all required' };
  // The library accepts a string or a Buffer; a view over the same bytes costs no copy.
  const payload = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const given = { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
  for (const secret of secrets) {
    let webhook: Webhook;
    try {
      webhook = new Webhook(secret);
    } catch {
      continue; // not a whsec_/base64 secret: it verifies nothing
    }
    try {
      webhook.verify(payload, given, { jsonParse: false });
      return { ok: true };
    } catch (err) {
      // The timestamp is checked before any signature and does not depend on the secret.
      if (err instanceof WebhookVerificationError && /timestamp|Invalid Signature Headers/i.test(err.message))
        return { ok: false, reason: 'webhook-timestamp is malformed or more than 5 minutes from now' };
    }
  }
  return { ok: false, reason: 'no v1 signature matches' };
}

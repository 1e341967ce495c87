import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signature checks for every sender, always over the raw request bytes and always with a
 * constant-time comparison of equal-length digests. Each takes every secret currently valid for
 * the endpoint (the current one, and the previous one for 24 hours after a rotation).
 */

function hmac(key: Buffer | string, ...parts: Array<Uint8Array | string>): Buffer {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return h.digest();
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

/** The signing key of a Standard Webhooks secret: the base64 after "whsec_". */
export function standardWebhookKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

export type StandardVerification = { ok: true } | { ok: false; reason: string };

/**
 * The Standard Webhooks scheme: `webhook-signature` holds space-separated "v1,<base64>" entries
 * over "{webhook-id}.{webhook-timestamp}.{body}"; the timestamp must be within five minutes.
 */
export function verifyStandardSignature(
  raw: Uint8Array,
  headers: { id: string | null; timestamp: string | null; signature: string | null },
  secrets: readonly string[],
  now: Date,
): StandardVerification {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'webhook-id, webhook-timestamp and webhook-signature are all required' };
  if (!timestampWithinTolerance(timestamp, now)) return { ok: false, reason: 'webhook-timestamp is missing, malformed or more than 5 minutes from now' };
  const candidates = signature
    .split(' ')
    .map((entry) => entry.split(','))
    .filter(([version, sig]) => version === 'v1' && sig)
    .map(([, sig]) => fromBase64(sig!));
  const ok = secrets.some((secret) => {
    const expected = hmac(standardWebhookKey(secret), `${id}.${timestamp.trim()}.`, raw);
    return candidates.some((given) => sameDigest(expected, given));
  });
  return ok ? { ok: true } : { ok: false, reason: 'no v1 signature matches' };
}

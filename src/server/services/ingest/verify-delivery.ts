import { FieldValue } from 'firebase-admin/firestore';
import { headerOf, type IncomingHeaders } from '@/domain/integrations/delivery-keys';
import { DEFAULT_ALLEAVES_HEADERS, type Provider } from '@/domain/integrations/endpoint';
import { tenantDb } from '../../db/tenant-db';
import { resolveEndpoint, type ResolvedEndpoint } from './endpoint-registry';
import { timestampWithinTolerance, verifyBase64BodySignature, verifyHexBodySignature, verifyStandardSignature } from './verify-signatures';

export type Verdict = { ok: true } | { ok: false; reason: string };

const refused = (reason: string): Verdict => ({ ok: false, reason });

/** Whether the raw bytes carry a valid signature from this endpoint's sender, by the sender's own scheme. */
export function verifySignature(provider: Provider, r: ResolvedEndpoint, raw: Uint8Array, h: IncomingHeaders, now: Date): Verdict {
  if (!r.secrets.length) return refused('The endpoint has no readable signing secret.');
  switch (provider) {
    case 'shopify':
      return verifyBase64BodySignature(raw, headerOf(h, 'x-shopify-hmac-sha256'), r.secrets)
        ? { ok: true }
        : refused('X-Shopify-Hmac-Sha256 is missing or does not match.');
    case 'woocommerce':
      return verifyBase64BodySignature(raw, headerOf(h, 'x-wc-webhook-signature'), r.secrets)
        ? { ok: true }
        : refused('X-WC-Webhook-Signature is missing or does not match.');
    case 'alleaves': {
      const names = r.endpoint.headerNames ?? DEFAULT_ALLEAVES_HEADERS;
      if (!verifyHexBodySignature(raw, headerOf(h, names.signature), r.secrets)) return refused(`${names.signature} is missing or does not match.`);
      if (!names.timestamp) return { ok: true };
      // An endpoint set up to receive timestamps refuses a delivery without one, so dropping it is no way around the window.
      const ts = headerOf(h, names.timestamp);
      if (ts === null) return refused(`${names.timestamp} is required by this endpoint's settings.`);
      return timestampWithinTolerance(ts, now) ? { ok: true } : refused(`${names.timestamp} is more than 5 minutes from now.`);
    }
    case 'standard':
      return verifyStandardSignature(
        raw,
        { id: headerOf(h, 'webhook-id'), timestamp: headerOf(h, 'webhook-timestamp'), signature: headerOf(h, 'webhook-signature') },
        r.secrets,
      );
  }
}

const lastFreshRead = new Map<string, number>();

/**
 * Verifies against the cached secrets; a failure is checked once more against a fresh read (at
 * most every 5 s per endpoint), so a rotation made on another instance takes effect at once.
 */
export async function verifyDelivery(
  provider: Provider,
  first: ResolvedEndpoint,
  raw: Uint8Array,
  h: IncomingHeaders,
  now: Date,
): Promise<{ verdict: Verdict; endpoint: ResolvedEndpoint }> {
  const endpointId = first.endpoint.id;
  const verdict = verifySignature(provider, first, raw, h, now);
  if (verdict.ok || Date.now() - (lastFreshRead.get(endpointId) ?? 0) < 5_000) return { verdict, endpoint: first };
  lastFreshRead.set(endpointId, Date.now());
  const fresh = await resolveEndpoint(endpointId, provider, now, { fresh: true });
  if (!fresh) return { verdict, endpoint: first };
  return { verdict: verifySignature(provider, fresh, raw, h, now), endpoint: fresh };
}

/** WooCommerce pings a new webhook's URL with a form body and no signature; it is answered and nothing is stored. */
export function isUnsignedPing(provider: Provider, raw: Uint8Array, h: IncomingHeaders): boolean {
  return (
    provider === 'woocommerce' &&
    !headerOf(h, 'x-wc-webhook-signature') &&
    raw.byteLength < 200 &&
    /^webhook_id=\d+$/.test(Buffer.from(raw).toString('utf8').trim())
  );
}

/** An endpoint's document takes at most one refusal write per this interval from an instance. */
export const REFUSAL_FLUSH_MS = 1_000;
const refusals = new Map<string, { count: number; at: Date; reason: string; flushedAt: number; flush: Promise<void> | null }>();

/**
 * Counts a refused delivery on its endpoint, so staff see a misconfigured sender (or an attack)
 * on its card. A sender refused a thousand times a second must not make the endpoint document
 * hot (Firestore sustains about one write a second per document): an instance adds up the
 * refusals of an endpoint and writes them as one increment at most once a second (the first at
 * once). The promise settles when the write that includes this refusal is made.
 */
export function recordRefusedDelivery(orgId: string, endpointId: string, reason: string, at: Date): Promise<void> {
  const key = `${orgId}/${endpointId}`;
  const entry = refusals.get(key) ?? { count: 0, at, reason, flushedAt: 0, flush: null };
  refusals.set(key, entry);
  entry.count += 1;
  if (at >= entry.at) Object.assign(entry, { at, reason });
  entry.flush ??= new Promise<void>((r) => setTimeout(r, Math.max(0, entry.flushedAt + REFUSAL_FLUSH_MS - Date.now()))).then(async () => {
    const { count, at: lastAt, reason: lastReason } = entry;
    Object.assign(entry, { count: 0, flush: null, flushedAt: Date.now() });
    if (refusals.size > 10_000) refusals.delete(key);
    await tenantDb(orgId).endpoints.update(endpointId, { rejectedCount: FieldValue.increment(count), lastRejectedAt: lastAt, lastRejectedReason: lastReason });
  });
  return entry.flush;
}

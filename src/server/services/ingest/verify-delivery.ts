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

/** Counts a refused delivery on its endpoint, so staff see a misconfigured sender (or an attack) on its card. */
export async function recordRefusedDelivery(orgId: string, endpointId: string, reason: string, at: Date): Promise<void> {
  await tenantDb(orgId).endpoints.update(endpointId, { rejectedCount: FieldValue.increment(1), lastRejectedAt: at, lastRejectedReason: reason });
}

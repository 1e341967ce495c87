import type { IncomingHeaders } from '@/domain/integrations/delivery-keys';

/** Headers never stored with a delivery: credentials and signatures. */
const ALWAYS_DROP = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-cron-secret',
  'x-shopify-hmac-sha256',
  'x-wc-webhook-signature',
  'webhook-signature',
]);

/** The request's headers, lower-cased, without secrets, and bounded in number and size. */
export function storableHeaders(headers: IncomingHeaders, extraDrop: readonly string[] = []): Record<string, string> {
  const drop = new Set([...ALWAYS_DROP, ...extraDrop.map((h) => h.toLowerCase())]);
  const out: Record<string, string> = {};
  let n = 0;
  for (const [key, value] of Object.entries(headers)) {
    const k = key.toLowerCase();
    if (drop.has(k) || n >= 60) continue;
    out[k] = value.slice(0, 1000);
    n += 1;
  }
  return out;
}

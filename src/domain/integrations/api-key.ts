import { z } from 'zod';
import { IdSchema } from '../common';

/**
 * What a key may do. `track`: send events (a storefront's key, which may sit in a web page);
 * `coupons`: mark loyalty coupons used (the POS's key, kept on a server). Separate, so a key
 * found in a web page cannot spend coupons. Keys made before scopes existed are track keys.
 */
export const ApiKeyScopeSchema = z.enum(['track', 'coupons']);
export type ApiKeyScope = z.infer<typeof ApiKeyScopeSchema>;

/** A tenant's key for the first-party API (track events, coupons). Only a hash of the key is stored. */
export const ApiKeySchema = z.object({
  id: IdSchema,
  name: z.string().trim().min(1).max(80),
  /** The first characters of the key, to tell keys apart in lists. */
  prefix: z.string(),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000),
  createdBy: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  scopes: z.array(ApiKeyScopeSchema).min(1).max(2).default(['track']),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const CreateApiKeyInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the key a name').max(80).default('Storefront'),
  scopes: z.array(ApiKeyScopeSchema).min(1).max(2).default(['track']),
});

/** Keys read "bbk_<keyId>_<secret>"; the key id routes the request to its tenant. */
export function parseApiKey(raw: string): { keyId: string; secret: string } | null {
  const m = /^bbk_([A-Za-z0-9]{12,32})_([A-Za-z0-9_-]{32,64})$/.exec(raw.trim());
  return m ? { keyId: m[1]!, secret: m[2]! } : null;
}

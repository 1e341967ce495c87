import { z } from 'zod';
import { IdSchema } from '../common';

export const ProviderSchema = z.enum(['alleaves', 'shopify', 'woocommerce', 'standard']);
export type Provider = z.infer<typeof ProviderSchema>;

export const PROVIDER_LABEL: Record<Provider, string> = {
  alleaves: 'Alleaves POS',
  shopify: 'Shopify',
  woocommerce: 'WooCommerce',
  standard: 'Standard Webhooks (custom storefront)',
};

/** Header names an Alleaves endpoint reads; configurable because no public Alleaves spec fixes them. */
export const HeaderNamesSchema = z.object({
  signature: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,64}$/, 'Use letters, digits and dashes'),
  timestamp: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,64}$/, 'Use letters, digits and dashes')
    .nullable(),
  deliveryId: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,64}$/, 'Use letters, digits and dashes')
    .nullable(),
});
export type HeaderNames = z.infer<typeof HeaderNamesSchema>;

export const DEFAULT_ALLEAVES_HEADERS: HeaderNames = {
  signature: 'x-alleaves-signature',
  timestamp: 'x-alleaves-timestamp',
  deliveryId: 'x-alleaves-delivery-id',
};

/** Fixed by the sender's own format; listed so the signature headers are never stored. */
export const SIGNATURE_HEADERS: Record<Provider, string[]> = {
  alleaves: [],
  shopify: ['x-shopify-hmac-sha256'],
  woocommerce: ['x-wc-webhook-signature'],
  standard: ['webhook-signature'],
};

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;

export const IntegrationEndpointSchema = z.object({
  /** Opaque and unguessable: it is the only thing in the URL. */
  id: IdSchema,
  provider: ProviderSchema,
  name: z.string().trim().min(1).max(80),
  headerNames: HeaderNamesSchema.nullable(),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000),
  /** Name of the secret in the secret store; the value never sits in Firestore. */
  secretName: z.string().min(1),
  secretRotatedAt: z.date().nullable(),
  /** Until when the secret before the last rotation is still accepted. */
  previousSecretValidUntil: z.date().nullable(),
  rejectedCount: z.number().int().nonnegative().default(0),
  lastRejectedAt: z.date().nullable().default(null),
  lastRejectedReason: z.string().nullable().default(null),
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type IntegrationEndpoint = z.infer<typeof IntegrationEndpointSchema>;

export const CreateEndpointInputSchema = z.object({
  provider: ProviderSchema,
  name: z.string().trim().min(1, 'Give the endpoint a name').max(80).optional(),
  /** Shopify signs with a key Shopify shows you; paste it here. Other senders use one we generate. */
  secret: z.string().trim().min(16, 'A signing secret has at least 16 characters').max(200).optional(),
  headerNames: HeaderNamesSchema.optional(),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).optional(),
});
export type CreateEndpointInput = z.input<typeof CreateEndpointInputSchema>;

export const UpdateEndpointInputSchema = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    headerNames: HeaderNamesSchema.optional(),
    rateLimitPerMinute: z.number().int().min(1).max(1_000_000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export type UpdateEndpointInput = z.infer<typeof UpdateEndpointInputSchema>;

export const RotateSecretInputSchema = z.object({ secret: z.string().trim().min(16).max(200).optional() });

/** The secret store holds the current secret and, for 24 hours after a rotation, the previous one. */
export const EndpointSecretSchema = z.object({
  current: z.string().min(16),
  previous: z.string().min(16).nullable(),
  previousValidUntil: z.iso.datetime().nullable(),
});
export type EndpointSecret = z.infer<typeof EndpointSecretSchema>;

export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

export function webhookPath(provider: Provider, endpointId: string): string {
  return `/api/webhooks/${provider}/${endpointId}`;
}

/** The secrets that verify a delivery at `now`: the current one, and the previous one within its grace. */
export function activeSecrets(secret: EndpointSecret, now: Date): string[] {
  const out = [secret.current];
  if (secret.previous && secret.previousValidUntil && new Date(secret.previousValidUntil) > now) out.push(secret.previous);
  return out;
}

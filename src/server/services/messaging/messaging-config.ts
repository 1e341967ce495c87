import { createHash } from 'node:crypto';
import { z } from 'zod';
import { config } from '../../config';
import { secretName, secretStore } from '../../secrets';

const EnvSchema = z.object({
  MAILJET_API_URL: z.url().default('https://api.mailjet.com'),
  BLACKLEAF_API_URL: z.url().default('https://api.blackleaf.io'),
  /** Per provider call; an outage must not hold the caller longer than this. */
  MESSAGING_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(200).max(60_000).default(5_000),
  ANTHROPIC_BASE_URL: z.url().optional(),
  ANTHROPIC_MODEL: z.string().min(1).default('claude-haiku-4-5'),
  ANTHROPIC_TIMEOUT_MS: z.coerce.number().int().min(200).max(120_000).default(15_000),
});

/** Read on every use (cheap), so tests that point a provider at a local server take effect at once. */
export function messagingEnv() {
  return EnvSchema.parse(process.env);
}

export type CredentialName = 'MAILJET_API_KEY' | 'MAILJET_API_SECRET' | 'BLACKLEAF_API_KEY' | 'ANTHROPIC_API_KEY';

const cache = new Map<string, { value: string | null; until: number }>();
const CACHE_MS = 60_000;

async function fromStore(name: string): Promise<string | null> {
  const hit = cache.get(name);
  if (hit && hit.until > Date.now()) return hit.value;
  const value = await secretStore().get(name);
  cache.set(name, { value, until: Date.now() + CACHE_MS });
  return value;
}

/**
 * A provider credential: the dispensary's own (Secret Manager, tenant--{orgId}--NAME), else the
 * platform's (the environment locally, Secret Manager in production). Null when neither is set.
 */
export async function credential(name: CredentialName, orgId?: string): Promise<string | null> {
  if (orgId) {
    const own = await fromStore(secretName('tenant', orgId, name));
    if (own) return own;
  }
  const env = process.env[name];
  if (env) return env;
  return fromStore(name);
}

export function clearCredentialCacheForTests() {
  cache.clear();
}

/**
 * The key that signs unsubscribe links. Production must have MESSAGING_SIGNING_KEY in Secret
 * Manager (fail closed: no key, no marketing email); locally a key derived from the project id
 * is used so links survive restarts of the dev stack.
 */
export async function signingKey(): Promise<Buffer> {
  const given = process.env.MESSAGING_SIGNING_KEY ?? (await fromStore('MESSAGING_SIGNING_KEY'));
  if (given) return Buffer.from(given, 'utf8');
  if (config().isProduction) throw new Error('MESSAGING_SIGNING_KEY is not configured in Secret Manager.');
  return createHash('sha256').update(`bakedbot-local-signing-key:${config().projectId}`).digest();
}

export function appBaseUrl(): string {
  return config().appBaseUrl.replace(/\/$/, '');
}

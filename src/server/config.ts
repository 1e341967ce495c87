import { z } from 'zod';
import { parseAllowList } from '@/domain/net/address-policy';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  FIREBASE_PROJECT_ID: z.string().optional(),
  GCLOUD_PROJECT: z.string().optional(),
  FIRESTORE_EMULATOR_HOST: z.string().optional(),
  FIREBASE_AUTH_EMULATOR_HOST: z.string().optional(),
  FIREBASE_WEB_API_KEY: z.string().optional(),
  FIREBASE_AUTH_DOMAIN: z.string().optional(),
  APP_BASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(14).default(5),
  SECRETS_BACKEND: z.enum(['google', 'local']).optional(),
  /** The Google Cloud project holding Secret Manager secrets, when not the Firebase project. */
  SECRETS_PROJECT_ID: z.string().optional(),
  /** How many received deliveries one instance processes at once (the rest queue in memory). */
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  /** Shared secret for cron calls; accepted only outside production (npm run dev sets it). */
  CRON_SECRET: z.string().min(16).optional(),
  /** Production cron auth: the OIDC audience Cloud Scheduler signs for, and its service account. */
  CRON_OIDC_AUDIENCE: z.string().optional(),
  CRON_SERVICE_ACCOUNT: z.string().optional(),
  /**
   * How many proxies in front of the app append to X-Forwarded-For: the client address is that
   * many entries from the end (1: Cloud Run's front end appends it; 0: trust no header).
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(1),
  /** Where Google's token-signing certificates are fetched (tests point it at a local key set). */
  GOOGLE_OIDC_CERTS_URL: z.string().url().optional(),
  /**
   * Addresses a request to a user-typed URL may reach although they are not public, e.g.
   * `127.0.0.1:4000` for a local receiver. Empty (the default) in every environment.
   */
  OUTBOUND_ALLOW_HOSTS: z
    .string()
    .optional()
    .transform((v, c) => {
      try {
        return parseAllowList(v);
      } catch (err) {
        c.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
});

export type AppConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv) {
  const e = EnvSchema.parse(env);
  const projectId = e.FIREBASE_PROJECT_ID ?? e.GCLOUD_PROJECT ?? 'demo-bakedbot';
  const usingEmulators = !!e.FIRESTORE_EMULATOR_HOST || !!e.FIREBASE_AUTH_EMULATOR_HOST;
  return {
    env: e.NODE_ENV,
    projectId,
    usingEmulators,
    firestoreEmulatorHost: e.FIRESTORE_EMULATOR_HOST,
    authEmulatorHost: e.FIREBASE_AUTH_EMULATOR_HOST,
    web: {
      // With the Auth emulator any API key is accepted; in production this is the project's web key.
      apiKey: e.FIREBASE_WEB_API_KEY ?? (usingEmulators ? 'demo-api-key' : ''),
      authDomain: e.FIREBASE_AUTH_DOMAIN ?? `${projectId}.firebaseapp.com`,
      projectId,
      authEmulatorHost: e.FIREBASE_AUTH_EMULATOR_HOST ?? null,
    },
    appBaseUrl: e.APP_BASE_URL ?? 'http://localhost:3000',
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'warn' : 'info'),
    sessionDays: e.SESSION_DAYS,
    secureCookies: e.NODE_ENV === 'production' && !usingEmulators,
    /** Production runs on the real services; anything on emulators counts as local. */
    isProduction: e.NODE_ENV === 'production' && !usingEmulators,
    secretsBackend: e.SECRETS_BACKEND ?? (e.NODE_ENV === 'production' && !usingEmulators ? 'google' : 'local'),
    secretsProjectId: e.SECRETS_PROJECT_ID ?? projectId,
    ingestConcurrency: e.INGEST_CONCURRENCY,
    outbound: { allowHosts: e.OUTBOUND_ALLOW_HOSTS },
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    cron: {
      sharedSecret: e.NODE_ENV === 'production' && !usingEmulators ? undefined : e.CRON_SECRET,
      oidcAudience: e.CRON_OIDC_AUDIENCE,
      serviceAccount: e.CRON_SERVICE_ACCOUNT,
      certsUrl: e.GOOGLE_OIDC_CERTS_URL,
    },
  };
}

let cached: AppConfig | undefined;
export function config(): AppConfig {
  cached ??= loadConfig(process.env);
  return cached;
}

/** Tests that change process.env re-read it. */
export function resetConfigForTests() {
  cached = undefined;
}

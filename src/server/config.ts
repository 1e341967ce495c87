import { z } from 'zod';

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
});

export type AppConfig = ReturnType<typeof loadConfig>;

function loadConfig(env: NodeJS.ProcessEnv) {
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
  };
}

let cached: AppConfig | undefined;
export function config(): AppConfig {
  cached ??= loadConfig(process.env);
  return cached;
}

import { loadConfig } from './config';

/** Below this an HMAC key is guessable; 32 characters of a random secret is 190+ bits. */
const MIN_SIGNING_KEY_LENGTH = 32;

/**
 * What a production start (NODE_ENV=production, no emulators) is missing, one sentence per
 * problem naming the variable; empty when nothing is (or when not in production). Pure: it reads
 * only the environment it is given. register() in src/instrumentation.ts refuses to start on any.
 */
export function checkProductionConfig(env: NodeJS.ProcessEnv): string[] {
  let c: ReturnType<typeof loadConfig>;
  try {
    c = loadConfig(env);
  } catch (err) {
    return [`The environment does not parse: ${(err as Error).message}`];
  }
  if (!c.isProduction) return [];
  const problems: string[] = [];
  if (!env.FIREBASE_PROJECT_ID && !env.GCLOUD_PROJECT)
    problems.push('FIREBASE_PROJECT_ID is not set: the app would talk to the demo project (demo-bakedbot) instead of yours.');
  if (c.secretsBackend !== 'google')
    problems.push(`SECRETS_BACKEND is "${c.secretsBackend}": production keeps credentials in Google Secret Manager (unset it, or set it to google).`);
  const signingKey = env.MESSAGING_SIGNING_KEY ?? '';
  if (!signingKey)
    problems.push(
      'MESSAGING_SIGNING_KEY is not set: unsubscribe links would need a key derived from the project id, which anyone can compute. Mount a random secret from Secret Manager as this variable.',
    );
  else if (signingKey.length < MIN_SIGNING_KEY_LENGTH)
    problems.push(`MESSAGING_SIGNING_KEY is shorter than ${MIN_SIGNING_KEY_LENGTH} characters: use a random secret.`);
  if (!c.cron.oidcAudience) problems.push('CRON_OIDC_AUDIENCE is not set: every Cloud Scheduler call would be refused (use the audience the jobs sign for).');
  if (!c.cron.serviceAccount) problems.push('CRON_SERVICE_ACCOUNT is not set: every Cloud Scheduler call would be refused (use the account the jobs sign as).');
  if (!env.APP_BASE_URL) problems.push('APP_BASE_URL is not set: links in messages and the same-origin checks would name http://localhost:3000.');
  else if (new URL(c.appBaseUrl).protocol !== 'https:') problems.push(`APP_BASE_URL must be https in production (it is ${c.appBaseUrl}).`);
  if (!env.FIREBASE_WEB_API_KEY) problems.push('FIREBASE_WEB_API_KEY is not set: the sign-in page cannot reach Firebase Auth.');
  return problems;
}

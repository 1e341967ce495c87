import { describe, expect, it } from 'vitest';
import { checkProductionConfig } from './production-config';

const complete = {
  NODE_ENV: 'production',
  FIREBASE_PROJECT_ID: 'bakedbot-prod',
  APP_BASE_URL: 'https://app.bakedbot.example',
  FIREBASE_WEB_API_KEY: 'AIza-test-key',
  MESSAGING_SIGNING_KEY: 'k'.repeat(48),
  CRON_OIDC_AUDIENCE: 'https://app.bakedbot.example',
  CRON_SERVICE_ACCOUNT: 'scheduler@bakedbot-prod.iam.gserviceaccount.com',
} as NodeJS.ProcessEnv;

const without = (...names: string[]) => Object.fromEntries(Object.entries(complete).filter(([k]) => !names.includes(k))) as NodeJS.ProcessEnv;

describe('checkProductionConfig', () => {
  it('accepts a complete production environment', () => {
    expect(checkProductionConfig(complete)).toEqual([]);
  });

  it('asks nothing of development, tests, or a production build on the emulators (the e2e stack)', () => {
    expect(checkProductionConfig({ NODE_ENV: 'development' } as NodeJS.ProcessEnv)).toEqual([]);
    expect(checkProductionConfig({ NODE_ENV: 'test' } as NodeJS.ProcessEnv)).toEqual([]);
    expect(checkProductionConfig({ NODE_ENV: 'production', FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080' } as NodeJS.ProcessEnv)).toEqual([]);
  });

  it.each([
    ['FIREBASE_PROJECT_ID', without('FIREBASE_PROJECT_ID'), /FIREBASE_PROJECT_ID is not set.*demo project/],
    ['SECRETS_BACKEND', { ...complete, SECRETS_BACKEND: 'local' }, /SECRETS_BACKEND is "local"/],
    ['MESSAGING_SIGNING_KEY', without('MESSAGING_SIGNING_KEY'), /MESSAGING_SIGNING_KEY is not set.*derived from the project id/],
    ['MESSAGING_SIGNING_KEY', { ...complete, MESSAGING_SIGNING_KEY: 'short' }, /MESSAGING_SIGNING_KEY is shorter than 32/],
    ['CRON_OIDC_AUDIENCE', without('CRON_OIDC_AUDIENCE'), /CRON_OIDC_AUDIENCE is not set/],
    ['CRON_SERVICE_ACCOUNT', without('CRON_SERVICE_ACCOUNT'), /CRON_SERVICE_ACCOUNT is not set/],
    ['APP_BASE_URL', without('APP_BASE_URL'), /APP_BASE_URL is not set/],
    ['APP_BASE_URL', { ...complete, APP_BASE_URL: 'http://app.bakedbot.example' }, /APP_BASE_URL must be https/],
    ['FIREBASE_WEB_API_KEY', without('FIREBASE_WEB_API_KEY'), /FIREBASE_WEB_API_KEY is not set/],
  ])('names %s when it is missing or unsafe', (_name, env, message) => {
    const problems = checkProductionConfig(env as NodeJS.ProcessEnv);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('names every problem at once, not only the first', () => {
    const problems = checkProductionConfig({ NODE_ENV: 'production', SECRETS_BACKEND: 'local' } as NodeJS.ProcessEnv);
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'FIREBASE_PROJECT_ID',
      'SECRETS_BACKEND',
      'MESSAGING_SIGNING_KEY',
      'CRON_OIDC_AUDIENCE',
      'CRON_SERVICE_ACCOUNT',
      'APP_BASE_URL',
      'FIREBASE_WEB_API_KEY',
    ]);
  });
});

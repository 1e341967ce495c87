import { randomUUID } from 'node:crypto';
import { ManualClock } from '@/domain/clock';
import type { Customer } from '@/domain/customer';
import { clearCredentialCacheForTests } from '@/server/services/messaging/messaging-config';
import { seedCustomer } from './fixtures';
import type { TestTenant } from './tenant';

const PROVIDER_ENV = [
  'MAILJET_API_KEY',
  'MAILJET_API_SECRET',
  'MAILJET_API_URL',
  'BLACKLEAF_API_KEY',
  'BLACKLEAF_API_URL',
  'MESSAGING_PROVIDER_TIMEOUT_MS',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_MODEL',
  'ANTHROPIC_TIMEOUT_MS',
];

/** Points the real SDKs at local fakes (or at nothing: the outbox) for the rest of the test file. */
export function setProviderEnv(env: Partial<Record<(typeof PROVIDER_ENV)[number], string>>) {
  for (const k of PROVIDER_ENV) delete process.env[k];
  Object.assign(process.env, env);
  clearCredentialCacheForTests();
}

/**
 * A clock in the future, in Detroit mid-day, so the real-time cron tick of other test files
 * never finds these tests' sends due.
 */
export function middayClock(day = 6): ManualClock {
  return new ManualClock(`2031-05-${String(day).padStart(2, '0')}T16:00:00Z`);
}

export function uniquePhone(): string {
  // 313-555-01xx numbers are reserved for fiction; vary the last four digits of a valid Detroit exchange.
  return `+1313${String(2000000 + Math.floor(Math.random() * 7999999)).padStart(7, '0')}`;
}

/** An adult Detroit customer, opted in to both channels, with a deliverable email and mobile. */
export async function seedMessagingCustomer(t: TestTenant, over: Partial<Customer> = {}): Promise<string> {
  return seedCustomer(t.orgId, {
    firstName: 'Jamie',
    lastName: 'Rivera',
    email: `jamie-${randomUUID().slice(0, 8)}@example.com`,
    phone: uniquePhone(),
    dateOfBirth: '1990-04-21',
    timeZone: 'America/Detroit',
    ...over,
  });
}

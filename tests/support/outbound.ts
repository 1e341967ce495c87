import { resetConfigForTests } from '@/server/config';

/**
 * Sets OUTBOUND_ALLOW_HOSTS for this test file's process (each vitest file has its own): tests
 * that call local receivers opt in to loopback explicitly, as local development does.
 */
export function setOutboundAllowHosts(value: string | undefined) {
  if (value === undefined) delete process.env.OUTBOUND_ALLOW_HOSTS;
  else process.env.OUTBOUND_ALLOW_HOSTS = value;
  resetConfigForTests();
}

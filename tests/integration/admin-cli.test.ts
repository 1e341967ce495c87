import { describe, expect, it } from 'vitest';
import { admin } from '../support/admin-cli';
import { jsonWithBigInts, shopifyOrder } from '@/domain/signals/samples';
import { deliver, settle } from '../support/webhooks';

// Each command is its own Node process loading the server code (about 5 s cold, far more on a busy
// two-CPU machine), and a test runs several one after another.
const CLI_TIMEOUT_MS = 240_000;

describe('npm run admin', () => {
  it(
    'creates a tenant, staff, an endpoint and a key, and reads back deliveries and a customer profile',
    async () => {
      const tenant = (await admin('tenant', 'create', '--name', 'CLI Cannabis Co', '--time-zone', 'America/Detroit', '--json')).out as { id: string };
      expect(tenant.id).toMatch(/^cli-cannabis-co-/);
      const staff = await admin('staff', 'add', '--tenant', tenant.id, '--email', `owner-${tenant.id}@test.example`, '--role', 'owner', '--json');
      expect(staff.out).toMatchObject({ role: 'owner', temporaryPassword: expect.any(String) });
      const ep = (await admin('endpoint', 'create', '--tenant', tenant.id, '--provider', 'shopify', '--json')).out as {
        id: string;
        url: string;
        secret: string;
      };
      expect(ep.url).toBe(`https://bakedbot.example/api/webhooks/shopify/${ep.id}`);
      expect(ep.secret.length).toBeGreaterThan(20);
      expect((await admin('apikey', 'create', '--tenant', tenant.id, '--json')).out).toMatchObject({ key: expect.stringMatching(/^bbk_/) });

      // A Shopify order signed with the printed secret lands and is visible through the CLI.
      const res = await deliver(
        { ...ep, provider: 'shopify', orgId: tenant.id },
        jsonWithBigInts(
          shopifyOrder({
            now: new Date(),
            uid: 31337,
            customerId: 31337,
            person: { firstName: 'Cli', lastName: 'User', email: 'cli.user@example.com', phone: '(269) 330-1234' },
          }),
        ),
        { topic: 'orders/create' },
      );
      expect(res.status).toBe(200);
      await settle();
      const deliveries = (await admin('deliveries', 'list', '--tenant', tenant.id, '--json')).out as Array<{ status: string; topic: string }>;
      expect(deliveries).toEqual([expect.objectContaining({ status: 'processed', topic: 'orders/create' })]);
      const customer = (await admin('customers', 'get', '--tenant', tenant.id, '--phone', '269.330.1234', '--json')).out as Record<string, unknown>;
      expect(customer).toMatchObject({
        email: 'cli.user@example.com',
        phone: '+12693301234',
        orderCount: 1,
        lifetimeValueCents: expect.any(Number),
        recentOrders: [expect.objectContaining({ status: 'completed' })],
      });
      expect((await admin('customers', 'get', '--tenant', tenant.id, '--email', 'CLI.User@Example.com')).out).toMatch(/orderCount: 1/);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'documents itself and refuses bad usage with a non-zero exit',
    async () => {
      expect((await admin('--help')).out).toMatch(/endpoint create --tenant <v> --provider <v>/);
      const bad = await admin('endpoint', 'create', '--tenant', 'nope', '--provider', 'fax', '--json');
      expect(bad.code).toBe(1);
      expect(JSON.parse(String(bad.out)).error.message).toMatch(/--provider/);
      expect((await admin('teleport', 'now')).code).toBe(2);
      expect((await admin('customers', 'get', '--tenant', 'x', '--colour', 'red')).stderr).toMatch(/Unknown option: --colour/);
    },
    CLI_TIMEOUT_MS,
  );
});

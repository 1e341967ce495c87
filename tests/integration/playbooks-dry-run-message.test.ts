// The dry run shows each send step's whole message (subject and body, or the text), and labels
// the values it made up.
import { beforeAll, describe, expect, it } from 'vitest';
import * as draftDryRunRoute from '@/app/api/playbooks/dry-run/route';
import type { DryRunStep } from '@/server/services/playbooks/dry-run-playbook';
import { call } from '../support/http';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant } from '../support/tenant';

beforeAll(() => setProviderEnv({}));

describe('the dry run shows the message', () => {
  it('an email step carries its subject and body; an SMS step its text', async () => {
    const t = await createTestTenant('DryMsg');
    const customer = await seedMessagingCustomer(t, {
      firstName: 'Avery',
      consent: {
        email: { status: 'opted_in', source: 'pos', at: new Date('2030-01-01') },
        sms: { status: 'opted_in', source: 'pos', at: new Date('2030-01-01') },
      },
    });
    const res = await call(draftDryRunRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('admin'),
      body: {
        definition: {
          name: 'Thanks',
          triggers: [{ type: 'event', eventName: 'order.created' }],
          steps: [
            { action: 'send_email', template: 'thank_you' },
            { action: 'send_sms', template: 'points_reminder_sms' },
          ],
        },
        options: { customerId: customer, eventData: { order: { total: 120 } } },
      },
    });
    expect(res.status).toBe(200);
    const [email, sms] = res.body.steps as DryRunStep[];
    expect(email!.message).toMatchObject({ channel: 'email', message: { subject: 'Thanks for your order, Avery' } });
    expect(email!.message!.message.html).toContain('Thanks for shopping with');
    expect(email!.message!.message.text).toMatch(/Hi Avery,\s+Thanks for shopping with/);
    expect(sms!.message).toMatchObject({ channel: 'sms', message: { subject: null, html: null } });
    expect(sms!.message!.message.text).toMatch(/Hi Avery, you have \d+ points at/);
  });

  it('labels a message built on sample values as an example', async () => {
    const t = await createTestTenant('DryMsg');
    const customer = await seedMessagingCustomer(t);
    const res = await call(draftDryRunRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('admin'),
      body: {
        definition: { name: 'Nudge', triggers: [{ type: 'manual' }], steps: [{ action: 'send_email', template: 'abandoned_cart_24h' }] },
        options: { customerId: customer },
      },
    });
    expect(res.status).toBe(200);
    const [step] = res.body.steps as DryRunStep[];
    expect(step!.message).toMatchObject({ example: 'Example with made-up values: a $62.00 cart.', message: { subject: 'Still thinking it over?' } });
    expect(step!.message!.message.html).toContain('$62.00');
  });
});

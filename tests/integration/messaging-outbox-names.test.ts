// The outbox names what its ids stand for: the playbook, the step (as the run's version had it),
// the customer and the template, read in batches with the page.
import { beforeAll, describe, expect, it } from 'vitest';
import * as sendsRoute from '@/app/api/messages/sends/route';
import * as sendRoute from '@/app/api/messages/sends/[id]/route';
import * as playbooksRoute from '@/app/api/playbooks/route';
import * as playbookRoute from '@/app/api/playbooks/[id]/route';
import * as enableRoute from '@/app/api/playbooks/[id]/enable/route';
import * as runRoute from '@/app/api/playbooks/[id]/run/route';
import { describeSendSource, type SendSourceName } from '@/domain/messaging/send-source';
import { call } from '../support/http';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant } from '../support/tenant';

beforeAll(() => setProviderEnv({}));

describe('names in the outbox', () => {
  it('a playbook send names its playbook, step number and label, customer and template, for every role that reads the outbox', async () => {
    const t = await createTestTenant('Names');
    const admin = await t.cookie('admin');
    const definition = {
      name: 'Abandoned cart reminder',
      triggers: [{ type: 'manual' }],
      steps: [
        { action: 'add_tag', tag: 'nudged' },
        { action: 'send_email', template: 'vip_welcome', kind: 'transactional' },
      ],
    };
    const id = (await call(playbooksRoute.POST, { method: 'POST', cookie: admin, body: definition })).body.playbook.id as string;
    await call(enableRoute.POST, { method: 'POST', cookie: admin, params: { id } });
    const customerId = await seedMessagingCustomer(t, { firstName: 'Morgan', lastName: 'Lee' });
    expect((await call(runRoute.POST, { method: 'POST', cookie: admin, params: { id }, body: { customerIds: [customerId] } })).body.started).toBe(1);

    for (const role of ['owner', 'admin', 'budtender'] as const) {
      const page = await call(sendsRoute.GET, { cookie: await t.cookie(role), path: '/api/messages/sends' });
      expect(page.status).toBe(200);
      const send = page.body.sends[0] as { id: string };
      const source = page.body.names.sources[send.id] as SendSourceName;
      expect(source).toMatchObject({
        type: 'playbook',
        playbookId: id,
        playbookName: 'Abandoned cart reminder',
        playbookExists: true,
        stepNumber: 2,
        stepLabel: 'Send email',
      });
      expect(describeSendSource(source)).toBe('Abandoned cart reminder, step 2: Send email');
      expect(page.body.names.customers[customerId]).toBe('Morgan Lee');
      expect(page.body.names.templates).toEqual({ vip_welcome: 'VIP welcome' });
    }

    // Renamed and reordered later: the name is the playbook's current one, the step the one the run took.
    const sendId = (await call(sendsRoute.GET, { cookie: admin, path: '/api/messages/sends' })).body.sends[0].id as string;
    const current = (await call(playbookRoute.GET, { cookie: admin, params: { id } })).body.playbook;
    const edited = await call(playbookRoute.PUT, {
      method: 'PUT',
      cookie: admin,
      params: { id },
      body: { ...definition, name: 'Cart nudge', steps: [{ action: 'wait', duration: '1h' }, ...current.steps] },
    });
    expect(edited.status).toBe(200);
    const one = await call(sendRoute.GET, { cookie: admin, params: { id: sendId } });
    expect(one.status).toBe(200);
    expect(describeSendSource(one.body.names.sources[sendId])).toBe('Cart nudge, step 2: Send email');
  });

  it('a send made by staff says so, and a deleted playbook is named from its run', async () => {
    const t = await createTestTenant('Names');
    const admin = await t.cookie('admin');
    const id = (
      await call(playbooksRoute.POST, {
        method: 'POST',
        cookie: admin,
        body: {
          name: 'Short-lived',
          triggers: [{ type: 'manual' }],
          steps: [{ action: 'send_sms', body: 'Hi {{ customer.first_name }}', kind: 'transactional' }],
        },
      })
    ).body.playbook.id as string;
    await call(enableRoute.POST, { method: 'POST', cookie: admin, params: { id } });
    const customerId = await seedMessagingCustomer(t);
    await call(runRoute.POST, { method: 'POST', cookie: admin, params: { id }, body: { customerIds: [customerId] } });
    await call(enableRoute.POST, { method: 'POST', cookie: admin, params: { id }, body: { enabled: false } });
    expect((await call(playbookRoute.DELETE, { method: 'DELETE', cookie: admin, params: { id } })).status).toBe(200);
    const page = await call(sendsRoute.GET, { cookie: admin, path: '/api/messages/sends' });
    const send = page.body.sends[0] as { id: string };
    expect(page.body.names.sources[send.id]).toMatchObject({ type: 'playbook', playbookName: 'Short-lived', playbookExists: false });
    expect(describeSendSource({ type: 'manual' })).toBe('Sent by staff');
  });
});

// Tracked links (/r/{token}) and the signed one-click unsubscribe (RFC 8058).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as clickRoute from '@/app/r/[token]/route';
import * as unsubscribeRoute from '@/app/api/unsubscribe/[token]/route';
import { tenantDb } from '@/server/db/tenant-db';
import { sendMessage } from '@/server/services/messaging/send-message';
import { call } from '../support/http';
import { middayClock, seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;

beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Links');
});

async function marketingEmail() {
  const customerId = await seedMessagingCustomer(t);
  const send = await sendMessage(t.ctx('owner', middayClock()), {
    customerId,
    channel: 'email',
    kind: 'marketing',
    content: {
      subject: 'New',
      body: '<p><a href="https://shop.example/menu?utm=mail&amp;x=1">Menu</a> and <a href="https://shop.example/deals">deals</a></p>',
    },
    variables: {},
    idempotencyKey: `k:${randomUUID()}`,
    source: { type: 'manual', actorUid: 'u' },
  });
  return { customerId, send };
}

const tokenOf = (html: string, re: RegExp) => re.exec(html)?.[1] ?? '';

describe('click tracking', () => {
  it('redirects to the original URL and records the click on the send and the profile', async () => {
    const { customerId, send } = await marketingEmail();
    const token = tokenOf(send.message.html!, /\/r\/([A-Za-z0-9]+-0)"/);
    expect(token).not.toBe('');
    const res = await call(clickRoute.GET, { params: { token } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://shop.example/menu?utm=mail&x=1');
    const after = await tenantDb(t.orgId).sends.getOrThrow(send.id);
    expect(after.status).toBe('clicked');
    expect(after.events.at(-1)).toMatchObject({ type: 'link_clicked', detail: 'https://shop.example/menu?utm=mail&x=1' });
    expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).lastEmailClickAt).toBeInstanceOf(Date);
  });

  it('redirects only to links that were in the message: other indexes and tokens are 404', async () => {
    const { send } = await marketingEmail();
    const base = tokenOf(send.message.html!, /\/r\/([A-Za-z0-9]+)-0"/);
    expect((await call(clickRoute.GET, { params: { token: `${base}-1` } })).headers.get('location')).toBe('https://shop.example/deals');
    for (const token of [`${base}-2`, `${base}-99`, 'AAAAAAAAAAAAAAAA-0', `${base}`, 'https:%2F%2Fevil.example', `${base}-0/../x`]) {
      const res = await call(clickRoute.GET, { params: { token } });
      expect(res.status, token).toBe(404);
      expect(res.headers.get('location')).toBeNull();
    }
  });
});

describe('one-click unsubscribe', () => {
  const unsubToken = (html: string) => decodeURIComponent(tokenOf(html, /\/unsubscribe\/([^"]+)"/));

  it('carries a working List-Unsubscribe address; the one-click POST opts out of email and notes it on the send', async () => {
    const { customerId, send } = await marketingEmail();
    const header = send.message.headers['List-Unsubscribe']!;
    const token = /\/api\/unsubscribe\/([^>]+)>/.exec(header)![1]!;
    expect(unsubToken(send.message.html!)).toBe(token);
    // A link scanner's GET never unsubscribes.
    const get = await call(unsubscribeRoute.GET, { params: { token } });
    expect(get.status).toBe(303);
    expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).consent.email.status).toBe('opted_in');

    const res = await call(unsubscribeRoute.POST, {
      method: 'POST',
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      params: { token },
    });
    expect(res.status).toBe(200);
    const customer = await tenantDb(t.orgId).customers.getOrThrow(customerId);
    expect(customer.consent.email).toMatchObject({ status: 'opted_out', source: 'unsubscribe_link' });
    expect((await tenantDb(t.orgId).sends.getOrThrow(send.id)).events.at(-1)).toMatchObject({ type: 'unsubscribed' });
    // Twice is harmless; the page's own form comes back to the page.
    const again = await call(unsubscribeRoute.POST, {
      method: 'POST',
      rawBody: 'from=page',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      params: { token },
    });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toMatch(/\/unsubscribe\/.+\?done=1$/);
  });

  it('refuses a tampered or forged token', async () => {
    const { customerId, send } = await marketingEmail();
    const token = unsubToken(send.message.html!);
    const [payload, sig] = token.split('.') as [string, string];
    const other = Buffer.from(JSON.stringify({ v: 1, o: t.orgId, c: 'someone-else', ch: 'email', s: null })).toString('base64url');
    for (const bad of [`${other}.${sig}`, `${payload}.${sig.slice(0, -2)}AA`, payload, 'x.y.z']) {
      const res = await call(unsubscribeRoute.POST, { method: 'POST', rawBody: 'List-Unsubscribe=One-Click', params: { token: bad } });
      expect(res.status, bad).toBe(404);
    }
    expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).consent.email.status).toBe('opted_in');
  });

  it('transactional email has no unsubscribe link or headers', async () => {
    const customerId = await seedMessagingCustomer(t);
    const send = await sendMessage(t.ctx('owner', middayClock()), {
      customerId,
      channel: 'email',
      kind: 'transactional',
      content: { subject: 'Receipt', body: '<p>Thanks</p>' },
      variables: {},
      idempotencyKey: `k:${randomUUID()}`,
      source: { type: 'manual', actorUid: 'u' },
    });
    expect(send.message.headers).toEqual({});
    expect(send.message.html).not.toMatch(/unsubscribe/i);
  });
});

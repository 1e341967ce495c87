import { describe, expect, it } from 'vitest';
import type { Customer } from '../customer';
import { notificationAudiencesFor } from '../notification';
import type { Order } from '../order';
import type { PlaybookRun } from '../playbooks/run';
import type { Send } from '../messaging/send';
import { customerViewFor } from './customer-view';
import { orderViewFor } from './order-view';
import { runViewFor } from './run-view';
import { sendViewFor } from './send-view';
import { rendersMoney, seesRevenue, viewerOf, withoutMoney } from './viewer';

const at = new Date('2030-01-01T00:00:00Z');

const customer = {
  id: 'cus_1',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  phone: '+13135550100',
  dateOfBirth: '1990-01-01',
  timeZone: null,
  homeLocationId: null,
  searchName: 'ada lovelace',
  tags: ['vip'],
  externalIds: [],
  consent: { email: { status: 'opted_in', source: 'pos', at }, sms: { status: 'unknown', source: 'pos', at: null } },
  lifetimeValueCents: 123_456,
  orderCount: 4,
  avgOrderValueCents: 30_864,
  firstOrderAt: at,
  lastOrderAt: at,
  pointsBalance: 1234,
  segment: 'VIP',
  source: 'shopify',
  createdAt: at,
  updatedAt: at,
} satisfies Customer;

const order = {
  id: 'ord_1',
  customerId: 'cus_1',
  locationId: null,
  source: 'shopify',
  externalId: '1001',
  status: 'partially_refunded',
  lineItems: [{ productId: 'prd_1', sku: 'FLW-1', name: 'Blue Dream 3.5g', category: 'flower', quantity: 2, unitPriceCents: 3500, totalCents: 7000 }],
  subtotalCents: 7000,
  discountCents: 500,
  taxCents: 420,
  totalCents: 6920,
  refundedCents: 1000,
  placedAt: at,
  number: '#1001',
  checkoutToken: 'tok',
  createdAt: at,
  updatedAt: at,
} satisfies Order;

const MONEY_KEY = /cents|value|total|price|amount/i;
const keysDeep = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap(keysDeep) : v && typeof v === 'object' && !(v instanceof Date) ? Object.entries(v).flatMap(([k, x]) => [k, ...keysDeep(x)]) : [];

describe('who sees revenue', () => {
  it('owners, admins and the system do; budtenders and role-less staff do not', () => {
    expect(['owner', 'admin', 'system'].map((v) => seesRevenue(v as never))).toEqual([true, true, true]);
    expect(seesRevenue('budtender')).toBe(false);
    expect(viewerOf({ kind: 'staff' })).toBe('budtender');
    expect(viewerOf({ kind: 'system' })).toBe('system');
    expect(notificationAudiencesFor('budtender')).toEqual(['all_staff']);
    expect(notificationAudiencesFor('admin')).toEqual(['all_staff', 'owners_admins']);
  });
});

describe('customerViewFor', () => {
  it('gives budtenders points, consent, tags and visits but no money; owners everything', () => {
    const view = customerViewFor('budtender', customer);
    expect(view).toMatchObject({ pointsBalance: 1234, tags: ['vip'], orderCount: 4, consent: customer.consent, segment: 'VIP' });
    expect(keysDeep(view).filter((k) => MONEY_KEY.test(k))).toEqual([]);
    expect(customerViewFor('owner', customer)).toEqual(customer);
  });

  it('hides a field it does not know: the list is an allow-list', () => {
    const grown = { ...customer, marginCents: 900, predictedSpend: 5 } as Customer;
    expect(customerViewFor('budtender', grown)).not.toHaveProperty('marginCents');
    expect(customerViewFor('budtender', grown)).not.toHaveProperty('predictedSpend');
    expect(customerViewFor('admin', grown)).toHaveProperty('marginCents', 900);
  });
});

describe('orderViewFor', () => {
  it('keeps what was bought (names, quantities, categories) and drops every amount', () => {
    const view = orderViewFor('budtender', order);
    expect(view).toEqual({
      id: 'ord_1',
      customerId: 'cus_1',
      locationId: null,
      source: 'shopify',
      status: 'partially_refunded',
      number: '#1001',
      placedAt: at,
      createdAt: at,
      updatedAt: at,
      lineItems: [{ productId: 'prd_1', sku: 'FLW-1', name: 'Blue Dream 3.5g', category: 'flower', quantity: 2 }],
    });
    expect(orderViewFor('owner', order)).toEqual(order);
  });
});

describe('runViewFor', () => {
  const run = {
    id: 'run_1',
    playbookId: 'pb_1',
    playbookName: 'Follow-up',
    version: 1,
    trigger: { type: 'event', eventName: 'order.created', eventId: 'evt_1' },
    keyKind: 'orderId',
    runKey: 'ord_1',
    customerId: 'cus_1',
    status: 'completed',
    cursor: null,
    resumeAt: null,
    waitingFor: null,
    exitEvents: [],
    context: {
      event: { id: 'evt_1', name: 'order.created', occurredAt: at, source: 'shopify', data: { order: { totalCents: 6920, total: 69.2 } } },
      customer: { ...customer },
      vars: { composed: { sms: { body: 'Thanks for your $69.20 order' } } },
    },
    stepResults: [
      {
        stepId: 's1',
        action: 'ai_condition',
        status: 'done',
        startedAt: at,
        finishedAt: at,
        ms: 1,
        detail: 'Claude: yes, spent $1,234',
        skipReason: null,
        branch: 'then',
        refs: {},
      },
      {
        stepId: 's2',
        action: 'add_tag',
        status: 'done',
        startedAt: at,
        finishedAt: at,
        ms: 1,
        detail: 'Tagged "vip"',
        skipReason: null,
        branch: null,
        refs: {},
      },
    ],
    lease: { owner: 'w1', until: at },
    attempts: 1,
    failures: 0,
    error: null,
    exitedBy: null,
    pendingExit: null,
    dryRun: false,
    startedAt: at,
    updatedAt: at,
    finishedAt: at,
  } satisfies PlaybookRun;

  it('drops the event data, the customer money and computed values, and details that may quote them', () => {
    const view = runViewFor('budtender', run);
    expect(view.context).toEqual({
      event: { id: 'evt_1', name: 'order.created', occurredAt: at, source: 'shopify' },
      customer: customerViewFor('budtender', customer),
      vars: {},
    });
    expect(view.stepResults.map((r) => r.detail)).toEqual(['', 'Tagged "vip"']);
    expect(view.stepResults[0]!.branch).toBe('then');
    expect(view).not.toHaveProperty('lease');
    expect(JSON.stringify(view)).not.toMatch(/Cents|\$\d|lifetime/);
    expect(runViewFor('admin', run)).toEqual(run);
  });
});

describe('sendViewFor', () => {
  const send = {
    id: 'snd_1',
    customerId: 'cus_1',
    channel: 'sms',
    kind: 'transactional',
    purpose: 'message',
    templateId: 'thank_you_sms',
    source: { type: 'playbook', runId: 'run_1', stepId: 's1' },
    idempotencyKey: 'run_1:s1',
    status: 'sent',
    decision: { outcome: 'send', reason: 'ok', detail: 'Cleared', sendAt: null, timeZone: null, zoneFrom: null, checks: [], decidedAt: at },
    to: '+13135550100',
    message: { subject: null, html: null, text: 'Thanks for your $69.20 order', segments: null, headers: {} },
    revenueInText: true,
    links: [],
    trackToken: 'abcdefgh12345678',
    provider: 'outbox',
    providerMessageId: null,
    sandbox: false,
    attempts: 1,
    lastError: null,
    dueAt: null,
    leaseUntil: null,
    sentAt: at,
    deliveredAt: null,
    openedAt: null,
    clickedAt: null,
    failedAt: null,
    cancelledAt: null,
    cancelReason: null,
    events: [],
    createdAt: at,
    updatedAt: at,
  } satisfies Send;

  it('withholds a text that quotes an amount, or that predates the check, from budtenders', () => {
    expect(sendViewFor('budtender', send)).toMatchObject({ id: 'snd_1', status: 'sent', decision: send.decision, message: null });
    const { revenueInText: _r, ...legacy } = send;
    expect(sendViewFor('budtender', legacy).message).toBeNull();
    expect(sendViewFor('budtender', { ...send, revenueInText: false }).message).toEqual(send.message);
    expect(sendViewFor('budtender', send)).not.toHaveProperty('trackToken');
    expect(sendViewFor('owner', send)).toEqual(send);
  });
});

describe('withoutMoney and rendersMoney', () => {
  it('removes amounts from free-form data and keeps counts, points, names and dates', () => {
    const data = {
      order: { totalCents: 6920, total: 69.2, itemCount: 2, lineItems: [{ name: 'Gum', quantity: 2, unitPriceCents: 300 }], placedAt: at },
      customer: { name: 'Ada', points: 12, lifetime_value: 5 },
      newAmount: 7,
    };
    expect(withoutMoney(data)).toEqual({
      order: { itemCount: 2, lineItems: [{ name: 'Gum', quantity: 2 }], placedAt: at },
      customer: { name: 'Ada', points: 12 },
    });
  });

  it('says a text shows money when it reads differently (or not at all) without the amounts', () => {
    const strict = (source: (d: Record<string, unknown>) => unknown) => (d: Record<string, unknown>) => {
      const v = source(d);
      if (v === undefined) throw new Error('undefined variable');
      return String(v);
    };
    const data = { order: { total: 6920, itemCount: 2 } };
    expect(
      rendersMoney(
        strict((d) => (d.order as { total?: number }).total),
        data,
      ),
    ).toBe(true);
    expect(
      rendersMoney(
        strict((d) => (d.order as { itemCount?: number }).itemCount),
        data,
      ),
    ).toBe(false);
    expect(rendersMoney(() => 'Hello', data)).toBe(false);
  });
});

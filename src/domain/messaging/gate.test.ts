import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChannelConsent } from '../customer';
import { evaluateGate, type GateInput } from './gate';
import { minuteOfDay, parseHhmm } from './local-time';
import { DEFAULT_CAPS, DEFAULT_SEND_WINDOW } from './settings';

const NOON_DETROIT = new Date('2031-05-06T16:00:00Z'); // 12:00 EDT
const LATE_DETROIT = new Date('2031-05-07T02:30:00Z'); // 22:30 EDT
const optedIn: ChannelConsent = { status: 'opted_in', source: 'pos', at: new Date('2030-01-01T00:00:00Z') };
const optedOut: ChannelConsent = { status: 'opted_out', source: 'sms_reply', at: new Date('2031-05-01T00:00:00Z') };
const unknown: ChannelConsent = { status: 'unknown', source: 'pos', at: null };

function input(over: Omit<Partial<GateInput>, 'customer'> & { customer?: Partial<GateInput['customer']> } = {}): GateInput {
  const { customer, ...rest } = over;
  return {
    now: NOON_DETROIT,
    channel: 'sms',
    kind: 'marketing',
    purpose: 'message',
    zone: { timeZone: 'America/Detroit', from: 'customer' },
    settings: {
      sendWindow: { ...DEFAULT_SEND_WINDOW },
      caps: { email: { ...DEFAULT_CAPS.email }, sms: { ...DEFAULT_CAPS.sms } },
      requireAgeVerification: true,
    },
    reserved: [],
    content: 'Pinecone: 20% off pre-rolls today. Reply STOP to opt out',
    ...rest,
    customer: {
      email: 'jamie@example.com',
      phone: '+13135550123',
      dateOfBirth: '1990-04-21',
      consent: { email: optedIn, sms: optedIn },
      emailUndeliverable: null,
      ...customer,
    },
  };
}

describe('the gate, case by case', () => {
  const cases: Array<[string, GateInput, { outcome: string; reason: string }]> = [
    ['a consenting adult at noon', input(), { outcome: 'send', reason: 'ok' }],
    ['opted out of SMS', input({ customer: { consent: { email: optedIn, sms: optedOut } } }), { outcome: 'skip', reason: 'opted_out' }],
    [
      'opted out of SMS, transactional',
      input({ kind: 'transactional', customer: { consent: { email: optedIn, sms: optedOut } } }),
      { outcome: 'skip', reason: 'opted_out' },
    ],
    [
      'opted out, the opt-out confirmation',
      input({ kind: 'transactional', purpose: 'opt_out_confirmation', customer: { consent: { email: optedIn, sms: optedOut } } }),
      { outcome: 'send', reason: 'ok' },
    ],
    [
      'opted out, a HELP answer',
      input({ kind: 'transactional', purpose: 'help_reply', customer: { consent: { email: optedIn, sms: optedOut } } }),
      { outcome: 'skip', reason: 'opted_out' },
    ],
    ['SMS with unknown consent', input({ customer: { consent: { email: optedIn, sms: unknown } } }), { outcome: 'skip', reason: 'not_opted_in' }],
    [
      'transactional SMS with unknown consent',
      input({ kind: 'transactional', customer: { consent: { email: optedIn, sms: unknown } } }),
      { outcome: 'skip', reason: 'not_opted_in' },
    ],
    ['email with unknown consent', input({ channel: 'email', customer: { consent: { email: unknown, sms: unknown } } }), { outcome: 'send', reason: 'ok' }],
    ['email opted out', input({ channel: 'email', customer: { consent: { email: optedOut, sms: optedIn } } }), { outcome: 'skip', reason: 'opted_out' }],
    ['no phone', input({ customer: { phone: null } }), { outcome: 'skip', reason: 'no_address' }],
    ['a phone that is not a number', input({ customer: { phone: '+10000000000' } }), { outcome: 'skip', reason: 'invalid_address' }],
    ['no email', input({ channel: 'email', customer: { email: null } }), { outcome: 'skip', reason: 'no_address' }],
    [
      'hard-bounced email',
      input({ channel: 'email', customer: { emailUndeliverable: { reason: 'hard bounce: user unknown', at: new Date('2031-01-01T00:00:00Z') } } }),
      { outcome: 'skip', reason: 'undeliverable' },
    ],
    [
      'hard-bounced email, transactional',
      input({ channel: 'email', kind: 'transactional', customer: { emailUndeliverable: { reason: 'hard bounce', at: new Date('2031-01-01T00:00:00Z') } } }),
      { outcome: 'skip', reason: 'undeliverable' },
    ],
    ['aged 20', input({ customer: { dateOfBirth: '2011-01-01' } }), { outcome: 'skip', reason: 'under_age' }],
    ['turns 21 tomorrow', input({ customer: { dateOfBirth: '2010-05-07' } }), { outcome: 'skip', reason: 'under_age' }],
    ['turned 21 today', input({ customer: { dateOfBirth: '2010-05-06' } }), { outcome: 'send', reason: 'ok' }],
    ['aged 20, transactional', input({ kind: 'transactional', customer: { dateOfBirth: '2011-01-01' } }), { outcome: 'send', reason: 'ok' }],
    ['unknown age, verification required', input({ customer: { dateOfBirth: null } }), { outcome: 'skip', reason: 'age_unknown' }],
    [
      'unknown age, verification not required',
      input({ customer: { dateOfBirth: null }, settings: { ...input().settings, requireAgeVerification: false } }),
      { outcome: 'send', reason: 'ok' },
    ],
    ['a health claim', input({ content: 'Our gummies cure insomnia.' }), { outcome: 'skip', reason: 'content_blocked' }],
    ['late evening', input({ now: LATE_DETROIT }), { outcome: 'defer', reason: 'quiet_hours' }],
    ['late evening, transactional', input({ now: LATE_DETROIT, kind: 'transactional' }), { outcome: 'send', reason: 'ok' }],
    ['noon in Detroit is 4 a.m. in Honolulu', input({ zone: { timeZone: 'Pacific/Honolulu', from: 'customer' } }), { outcome: 'defer', reason: 'quiet_hours' }],
    ['an SMS 3 hours ago', input({ reserved: [new Date(NOON_DETROIT.getTime() - 3 * 3_600_000)] }), { outcome: 'skip', reason: 'frequency_cap' }],
    ['an SMS 25 hours ago', input({ reserved: [new Date(NOON_DETROIT.getTime() - 25 * 3_600_000)] }), { outcome: 'send', reason: 'ok' }],
    ['an email 17 hours ago', input({ channel: 'email', reserved: [new Date(NOON_DETROIT.getTime() - 17 * 3_600_000)] }), { outcome: 'send', reason: 'ok' }],
    [
      'an email 15 hours ago',
      input({ channel: 'email', reserved: [new Date(NOON_DETROIT.getTime() - 15 * 3_600_000)] }),
      { outcome: 'skip', reason: 'frequency_cap' },
    ],
    [
      'a deferred SMS already waiting for the morning',
      input({ now: LATE_DETROIT, reserved: [new Date('2031-05-07T12:00:00Z')] }),
      { outcome: 'skip', reason: 'frequency_cap' },
    ],
    ['capped, transactional', input({ kind: 'transactional', reserved: [NOON_DETROIT] }), { outcome: 'send', reason: 'ok' }],
  ];
  it.each(cases)('%s', (_name, i, expected) => {
    const d = evaluateGate(i);
    expect({ outcome: d.outcome, reason: d.reason }).toEqual(expected);
    expect(d.detail.length).toBeGreaterThan(5);
  });

  it('defers to the next allowed minute in the customer zone', () => {
    const d = evaluateGate(input({ now: LATE_DETROIT }));
    expect(d.sendAt?.toISOString()).toBe('2031-05-07T12:00:00.000Z'); // 08:00 EDT
    expect(d.detail).toMatch(/America\/Detroit/);
  });

  it('checks in a fixed order: an opted-out minor in quiet hours is reported as opted out', () => {
    const d = evaluateGate(input({ now: LATE_DETROIT, customer: { dateOfBirth: '2012-01-01', consent: { email: optedIn, sms: optedOut } } }));
    expect(d.reason).toBe('opted_out');
  });
});

const ZONES = [
  'America/Detroit',
  'America/Chicago',
  'America/Los_Angeles',
  'Pacific/Honolulu',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Europe/London',
  'America/St_Johns',
  'Pacific/Chatham',
  'Asia/Kathmandu',
];
const instant = fc.date({ min: new Date('2030-01-01T00:00:00Z'), max: new Date('2034-12-31T23:59:59Z'), noInvalidDate: true });
const windowArb = fc
  .tuple(fc.integer({ min: 8 * 60, max: 20 * 60 }), fc.integer({ min: 60, max: 13 * 60 }))
  .filter(([s, len]) => s + len <= 21 * 60)
  .map(([s, len]) => ({ start: hhmm(s), end: hhmm(s + len) }));
const consentArb = fc.record({
  status: fc.constantFrom('opted_in', 'opted_out', 'unknown'),
  source: fc.constantFrom('pos', 'sms_reply', 'staff'),
  at: fc.constant(null),
}) as fc.Arbitrary<ChannelConsent>;

function hhmm(m: number) {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

describe('the gate, by property', () => {
  it('never sends or defers to an opted-out customer, whatever else holds', () => {
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom(...ZONES),
        fc.constantFrom('email', 'sms'),
        fc.constantFrom('marketing', 'transactional'),
        fc.constantFrom('message', 'opt_in_confirmation', 'help_reply'),
        consentArb,
        (now, tz, channel, kind, purpose, other) => {
          const consent = channel === 'email' ? { email: optedOut, sms: other } : { email: other, sms: optedOut };
          const d = evaluateGate(
            input({
              now,
              channel: channel as 'email' | 'sms',
              kind: kind as 'marketing',
              purpose: purpose as 'message',
              zone: { timeZone: tz, from: 'customer' },
              customer: { consent },
            }),
          );
          expect(d.outcome).toBe('skip');
          expect(d.reason).toBe('opted_out');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never lets a marketing message go out inside quiet hours in the customer zone', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), windowArb, (now, tz, sendWindow) => {
        const d = evaluateGate(input({ now, zone: { timeZone: tz, from: 'customer' }, settings: { ...input().settings, sendWindow } }));
        const start = parseHhmm(sendWindow.start);
        const end = parseHhmm(sendWindow.end);
        if (d.outcome === 'send') {
          const m = minuteOfDay(tz, now);
          expect(m >= start && m < end).toBe(true);
        } else {
          expect(d.outcome).toBe('defer');
          expect(d.sendAt!.getTime()).toBeGreaterThan(now.getTime());
          expect(d.sendAt!.getTime() - now.getTime()).toBeLessThanOrEqual(25 * 3_600_000);
          expect(minuteOfDay(tz, d.sendAt!)).toBe(start);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never admits more marketing messages per window than the cap, however they arrive', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.record({ max: fc.integer({ min: 1, max: 3 }), windowHours: fc.integer({ min: 1, max: 48 }) }),
        fc.array(fc.integer({ min: 0, max: 14 * 24 * 60 }), { minLength: 1, maxLength: 40 }),
        (tz, cap, minutes) => {
          const start = new Date('2031-03-01T00:00:00Z').getTime();
          const reserved: Date[] = [];
          for (const m of [...minutes].sort((a, b) => a - b)) {
            const d = evaluateGate(
              input({
                now: new Date(start + m * 60_000),
                zone: { timeZone: tz, from: 'customer' },
                reserved,
                settings: { ...input().settings, caps: { email: cap, sms: cap } },
              }),
            );
            if (d.outcome !== 'skip') reserved.push(d.sendAt!);
          }
          const ms = cap.windowHours * 3_600_000;
          for (const t of reserved) {
            expect(reserved.filter((r) => r.getTime() >= t.getTime() && r.getTime() - t.getTime() < ms).length).toBeLessThanOrEqual(cap.max);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

import { ageOn, type Customer } from '../customer';
import { normalizeEmail } from '../phone';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Channel, MessageKind } from './channel';
import { describeViolations, findContentViolations } from './content-rules';
import { nextWindowOpening } from './local-time';
import type { GateCheck, GateDecision, GateReason, SystemPurpose } from './send';
import type { MessagingSettings } from './settings';

export const MINIMUM_AGE = 21;

export interface EmailDeliverability {
  reason: string;
  at: Date;
}

export interface GateInput {
  now: Date;
  channel: Channel;
  kind: MessageKind;
  purpose: 'message' | SystemPurpose;
  customer: Pick<Customer, 'email' | 'phone' | 'consent' | 'dateOfBirth'> & { emailUndeliverable?: EmailDeliverability | null };
  /** The customer's zone, else their home location's, else the dispensary's. */
  zone: { timeZone: string; from: 'customer' | 'location' | 'tenant' };
  settings: Pick<MessagingSettings, 'sendWindow' | 'caps' | 'requireAgeVerification'>;
  /** When this customer's earlier accepted marketing messages on this channel go (or went) out. */
  reserved: readonly Date[];
  /** The rendered message text, checked against the content rules when it is marketing. */
  content: string;
}

const CHANNEL_LABEL: Record<Channel, string> = { email: 'email', sms: 'SMS' };

/**
 * The last look before a queued or deferred message leaves: an opt-out or a bounce that came in
 * since the gate decided still wins. Null when nothing stands in the way.
 */
export function deliveryBlocker(
  channel: Channel,
  purpose: 'message' | SystemPurpose,
  customer: GateInput['customer'],
  timeZone: string,
): { reason: GateReason; note: string } | null {
  const consent = customer.consent[channel];
  if (purpose !== 'opt_out_confirmation' && consent.status === 'opted_out') {
    return {
      reason: 'opted_out',
      note: `Opted out of ${CHANNEL_LABEL[channel]}${consent.at ? ` on ${formatDay(consent.at, timeZone)}` : ''} (${sourceLabel(consent.source)}) before it went out.`,
    };
  }
  if (purpose !== 'opt_out_confirmation' && channel === 'sms' && consent.status !== 'opted_in')
    return { reason: 'not_opted_in', note: 'No longer opted in to SMS.' };
  return addressProblem(channel, customer);
}

/**
 * The one gate every message passes. Checks run in a fixed order and the first that fails
 * decides: consent, address, age, content, then quiet hours (which defers, never drops), then the
 * frequency cap, judged at the moment the message would actually go out.
 */
export function evaluateGate(input: GateInput): GateDecision {
  const checks: GateCheck[] = [];
  const { now, channel, kind, customer, zone, settings } = input;
  const marketing = kind === 'marketing' && input.purpose === 'message';
  const tz = zone.timeZone;
  const decide = (outcome: GateDecision['outcome'], reason: GateReason, detail: string, sendAt: Date | null = null): GateDecision => ({
    outcome,
    reason,
    detail,
    sendAt,
    timeZone: tz,
    zoneFrom: zone.from,
    checks,
    decidedAt: now,
  });
  const fail = (check: GateCheck['check'], reason: GateReason, note: string) => {
    checks.push({ check, ok: false, note });
    return decide('skip', reason, note);
  };

  // 1. Consent. An opt-out always wins; the single confirmation of that opt-out is the exception.
  const consent = customer.consent[channel];
  if (input.purpose === 'opt_out_confirmation') {
    checks.push({ check: 'consent', ok: true, note: 'Confirms the opt-out: the one message allowed after it.' });
  } else if (consent.status === 'opted_out') {
    return fail(
      'consent',
      'opted_out',
      `Opted out of ${CHANNEL_LABEL[channel]}${consent.at ? ` on ${formatDay(consent.at, tz)}` : ''} (${sourceLabel(consent.source)}).`,
    );
  } else if (channel === 'sms' && consent.status !== 'opted_in') {
    return fail('consent', 'not_opted_in', 'SMS needs an explicit opt-in, and this customer has not given one.');
  } else {
    checks.push({
      check: 'consent',
      ok: true,
      note: consent.status === 'opted_in' ? `Opted in to ${CHANNEL_LABEL[channel]} (${sourceLabel(consent.source)}).` : 'No email opt-out on file.',
    });
  }

  // 2. A valid address.
  const address = addressProblem(channel, customer);
  if (address) return fail('address', address.reason, address.note);
  checks.push({ check: 'address', ok: true, note: channel === 'email' ? 'Email address looks deliverable.' : 'Mobile number is a valid E.164 number.' });

  if (!marketing) {
    checks.push({ check: 'age', ok: true, note: 'Not applied: transactional message.' });
    return decide('send', 'ok', 'Transactional: sent at once (quiet hours and caps apply to marketing only).', now);
  }

  // 3. Age: never market to anyone under 21, nor to unknown ages when the dispensary requires proof.
  if (!customer.dateOfBirth) {
    if (settings.requireAgeVerification)
      return fail('age', 'age_unknown', 'No date of birth on file, and this dispensary requires age verification for marketing.');
    checks.push({ check: 'age', ok: true, note: 'No date of birth on file; age verification is not required.' });
  } else {
    const age = ageOn(customer.dateOfBirth, now, tz);
    if (age < MINIMUM_AGE) return fail('age', 'under_age', `Under ${MINIMUM_AGE} (age ${age}): no marketing.`);
    checks.push({ check: 'age', ok: true, note: `Age ${age}.` });
  }

  // 4. Content rules.
  const violations = findContentViolations(input.content);
  if (violations.length) return fail('content', 'content_blocked', `The message contains ${describeViolations(violations)}.`);
  checks.push({ check: 'content', ok: true, note: 'No health claims or content aimed at minors.' });

  // 5. Quiet hours: a message outside the window waits for the next allowed minute.
  const window = nextWindowOpening(tz, now, settings.sendWindow);
  const sendAt = window.opensAt;
  checks.push({
    check: 'quiet_hours',
    ok: window.inside,
    note: window.inside
      ? `Inside the ${settings.sendWindow.start}–${settings.sendWindow.end} window in ${tz}.`
      : `Quiet hours in ${tz} (messages go ${settings.sendWindow.start}–${settings.sendWindow.end}); waits until ${formatMoment(sendAt, tz)}.`,
  });

  // 6. Frequency cap, at the moment it would go out. A capped message is skipped, never queued.
  const cap = settings.caps[channel];
  const windowMs = cap.windowHours * 3_600_000;
  const near = input.reserved.filter((t) => Math.abs(t.getTime() - sendAt.getTime()) < windowMs);
  if (near.length >= cap.max) {
    const last = near.reduce((a, b) => (a > b ? a : b));
    return fail(
      'frequency_cap',
      'frequency_cap',
      `Frequency cap: at most ${cap.max} marketing ${CHANNEL_LABEL[channel]} per ${cap.windowHours} h, and one ${last > now ? 'is due' : 'went out'} ${formatMoment(last, tz)}.`,
    );
  }
  checks.push({ check: 'frequency_cap', ok: true, note: `${near.length} of ${cap.max} marketing ${CHANNEL_LABEL[channel]} within ${cap.windowHours} h.` });

  if (window.inside) return decide('send', 'ok', 'All checks passed.', now);
  return decide('defer', 'quiet_hours', `Quiet hours in the customer's time zone (${tz}); deferred to ${formatMoment(sendAt, tz)}.`, sendAt);
}

function addressProblem(channel: Channel, c: GateInput['customer']): { reason: GateReason; note: string } | null {
  if (channel === 'email') {
    if (!c.email) return { reason: 'no_address', note: 'No email address on file.' };
    if (!normalizeEmail(c.email) || !/\.[a-z]{2,}$/i.test(c.email)) return { reason: 'invalid_address', note: 'The email address does not look deliverable.' };
    if (c.emailUndeliverable)
      return {
        reason: 'undeliverable',
        note: `Email marked undeliverable on ${c.emailUndeliverable.at.toISOString().slice(0, 10)} (${c.emailUndeliverable.reason}).`,
      };
    return null;
  }
  if (!c.phone) return { reason: 'no_address', note: 'No mobile number on file.' };
  const parsed = /^\+[1-9]\d{6,14}$/.test(c.phone) ? parsePhoneNumberFromString(c.phone) : undefined;
  if (!parsed || !parsed.isValid()) return { reason: 'invalid_address', note: 'The mobile number is not a valid E.164 number.' };
  return null;
}

const SOURCE_LABEL: Record<string, string> = {
  sms_reply: 'replied to a text',
  unsubscribe_link: 'unsubscribe link',
  mailjet_unsub: 'unsubscribed in the email',
  spam_complaint: 'marked an email as spam',
  staff: 'recorded by staff',
  in_store: 'recorded at the counter',
  pos: 'at the counter',
  storefront: 'online store',
  signup_form: 'signup form',
  import: 'imported',
};

export function sourceLabel(source: string): string {
  // A CSV import keeps the source its file named: "import:pos" reads "imported (from pos)".
  if (source.startsWith('import:')) return `imported (from ${source.slice('import:'.length).replace(/_/g, ' ')})`;
  return SOURCE_LABEL[source] ?? source.replace(/_/g, ' ');
}

export function formatMoment(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}

function formatDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' }).format(at);
}

import type { Faker } from '@faker-js/faker';
import type { ChannelConsent } from '@/domain/customer';
import { normalizePhone } from '@/domain/phone';
import { isoDay, localDayBefore } from './demo-local-time';
import type { DemoLocationDefinition } from './demo-tenants';
import type { Rng } from './demo-random';

/** Who a demo customer is, apart from what they bought. */
export interface DemoPerson {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  age: number | null;
  tags: string[];
}

export interface PersonOptions {
  now: Date;
  home: DemoLocationDefinition;
  /** A medical patient aged 18 to 20. */
  underageMedical: boolean;
  /** Online shops always hold an email address. */
  needsEmail: boolean;
  takenEmails: Set<string>;
  takenPhones: Set<string>;
}

const EMAIL_DOMAINS = [
  ['example.com', 60],
  ['example.net', 25],
  ['example.org', 15],
] as const;
const AGE_BANDS: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[21, 29], 30],
  [[30, 39], 27],
  [[40, 49], 18],
  [[50, 64], 17],
  [[65, 80], 8],
];

export function generatePerson(faker: Faker, rng: Rng, opts: PersonOptions): DemoPerson {
  const sex = faker.person.sex() as 'female' | 'male';
  const firstName = faker.person.firstName(sex);
  const lastName = faker.person.lastName();

  const hasEmail = opts.needsEmail || rng.chance(0.86);
  const hasPhone = rng.chance(0.8) || !hasEmail;
  const email = hasEmail ? uniqueEmail(rng, firstName, lastName, opts.takenEmails) : null;
  const phone = hasPhone ? uniquePhone(rng, opts.home, opts.takenPhones) : null;

  let age: number | null;
  if (opts.underageMedical) age = rng.int(18, 20);
  else if (rng.chance(0.12)) age = null;
  else {
    const [lo, hi] = rng.weighted(AGE_BANDS);
    age = rng.int(lo, hi);
  }
  const dateOfBirth = age === null ? null : birthDateForAge(rng, opts.now, opts.home.timeZone, age);

  const tags: string[] = [];
  if (opts.underageMedical || rng.chance(0.08)) tags.push('medical');
  if (rng.chance(0.05) && (age ?? 30) >= 21) tags.push('veteran');
  if (age !== null && age >= 65 && rng.chance(0.7)) tags.push('senior');
  if (rng.chance(0.03) && (age ?? 30) >= 21) tags.push('industry');

  return { firstName, lastName, email, phone, dateOfBirth, age, tags };
}

/** A birth date that makes the person exactly `age` today in `timeZone`. */
function birthDateForAge(rng: Rng, now: Date, timeZone: string, age: number): string {
  const today = localDayBefore(timeZone, now, 0);
  // Between one and 363 days before the latest birthday, so the age is right in any year.
  const d = new Date(Date.UTC(today.year - age, today.month - 1, today.day - rng.int(1, 363)));
  return isoDay({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

function plain(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function uniqueEmail(rng: Rng, firstName: string, lastName: string, taken: Set<string>): string {
  const f = plain(firstName) || 'guest';
  const l = plain(lastName) || 'shopper';
  const domain = rng.weighted(EMAIL_DOMAINS);
  const local = rng.weighted([
    [`${f}.${l}`, 35],
    [`${f}${l}`, 15],
    [`${f}_${l}${rng.int(1, 99)}`, 15],
    [`${f[0]}${l}${rng.int(1, 999)}`, 20],
    [`${f}${rng.int(70, 2005)}`, 15],
  ]);
  let email = `${local}@${domain}`;
  while (taken.has(email)) email = `${local}${rng.int(1, 9999)}@${domain}`;
  taken.add(email);
  return email;
}

/** A valid local number (no 555, no N11 exchange), normalised to E.164 and unique in the tenant. */
function uniquePhone(rng: Rng, home: DemoLocationDefinition, taken: Set<string>): string {
  for (;;) {
    const area = rng.weighted(home.areaCodes);
    const exchange = `${rng.int(2, 9)}${rng.int(0, 9)}${rng.int(0, 9)}`;
    const line = String(rng.int(0, 9999)).padStart(4, '0');
    if (exchange === '555' || exchange.endsWith('11')) continue;
    const phone = normalizePhone(`(${area}) ${exchange}-${line}`);
    if (!phone || taken.has(phone)) continue;
    taken.add(phone);
    return phone;
  }
}

export type ConsentChannelSource = 'pos' | 'storefront' | 'signup_form';

/**
 * Consent for one channel. Without the contact detail there is nothing to consent to ("unknown").
 * SMS opt-in is rarer than email, as it is in practice.
 */
export function generateConsent(
  rng: Rng,
  opts: { channel: 'email' | 'sms'; hasContact: boolean; source: ConsentChannelSource; createdAt: Date; now: Date },
): ChannelConsent {
  const status = rng.weighted(
    opts.channel === 'email'
      ? ([
          ['opted_in', 58],
          ['unknown', 27],
          ['opted_out', 15],
        ] as const)
      : ([
          ['opted_in', 32],
          ['unknown', 53],
          ['opted_out', 15],
        ] as const),
  );
  const atSignup = rng.chance(0.7);
  const later = new Date(opts.createdAt.getTime() + Math.floor(rng.next() * (opts.now.getTime() - opts.createdAt.getTime())));
  const outSource = rng.chance(0.7) ? (opts.channel === 'email' ? 'unsubscribe_link' : 'sms_reply') : opts.source;
  if (!opts.hasContact || status === 'unknown') return { status: 'unknown', source: opts.source, at: null };
  if (status === 'opted_in') return { status, source: opts.source, at: atSignup ? opts.createdAt : later };
  return { status, source: outSource, at: later };
}

import { newCustomer, searchNameOf, type ChannelConsent, type Customer } from '../customer';
import type { ImportConsent, ImportCustomerRow } from './import-rows';
import { segmentFor, type SegmentThresholds } from './segments';

/**
 * What an imported row does to a profile. Pure; docs/crm.md, Import.
 * - A new customer: source `import`, placed in their segment (New: no orders) as the seed places
 *   its customers, without a history entry or an event, so an import of thousands does not start
 *   a `segment_entered` playbook for each of them.
 * - An existing one: blanks never overwrite; names and date of birth take the file's value; phone
 *   and email only fill a gap (they are identity keys the point of sale may be using); tags and
 *   external ids are added to; consent changes only for a dated decision newer than the profile's.
 */

function consentFrom(c: ImportConsent): ChannelConsent {
  return { status: c.status, source: c.source, at: c.at ? new Date(c.at) : null };
}

export function mergeConsent(current: ChannelConsent, incoming: ImportConsent | null): ChannelConsent {
  if (!incoming) return current;
  if (incoming.status === 'unknown' || !incoming.at) return current;
  const at = new Date(incoming.at);
  return current.status === 'unknown' || !current.at || at > current.at ? consentFrom(incoming) : current;
}

export function newImportedCustomer(id: string, row: ImportCustomerRow, thresholds: SegmentThresholds, now: Date): Customer {
  const unknown: ChannelConsent = { status: 'unknown', source: 'import', at: null };
  const c = newCustomer(
    {
      id,
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      phone: row.phone,
      dateOfBirth: row.dateOfBirth,
      tags: row.tags,
      externalIds: row.externalId ? [row.externalId] : [],
      consent: {
        email: row.emailConsent ? consentFrom(row.emailConsent) : unknown,
        sms: row.smsConsent ? consentFrom(row.smsConsent) : unknown,
      },
      source: 'import',
    },
    now,
  );
  const { segment, reason } = segmentFor(c, thresholds, now);
  return { ...c, segment, segmentReason: reason, segmentSince: now };
}

export function mergeImportedRow(c: Customer, row: ImportCustomerRow, now: Date): Customer {
  const firstName = row.firstName || c.firstName;
  const lastName = row.lastName || c.lastName;
  return {
    ...c,
    firstName,
    lastName,
    searchName: searchNameOf(firstName, lastName),
    email: c.email ?? row.email,
    phone: c.phone ?? row.phone,
    dateOfBirth: row.dateOfBirth ?? c.dateOfBirth,
    tags: [...new Set([...c.tags, ...row.tags])],
    externalIds: row.externalId && !c.externalIds.includes(row.externalId) ? [...c.externalIds, row.externalId] : c.externalIds,
    consent: { email: mergeConsent(c.consent.email, row.emailConsent), sms: mergeConsent(c.consent.sms, row.smsConsent) },
    updatedAt: now,
  };
}

/** Whether a merge changed anything worth a write (updatedAt alone is not). */
export function profileChanged(before: Customer, after: Customer): boolean {
  const strip = ({ updatedAt: _u, searchKeys: _k, birthMonthDay: _b, ...rest }: Customer) => JSON.stringify(rest);
  return strip(before) !== strip(after);
}

import type { Channel } from '@/domain/customer';
import { errors } from '@/domain/errors';
import { consentDisclosure } from '@/domain/messaging/consent-disclosure';
import type { ServiceContext } from '../../context';
import { tenantsCollection } from '../../db/tenant-db';
import { recordConsent } from '../messaging/record-consent';
import { actorDisplayName } from './staff-name';

/** The disclosure staff show for this choice, with the dispensary's name in it. */
export async function counterDisclosure(ctx: Pick<ServiceContext, 'orgId'>, channel: Channel, status: 'opted_in' | 'opted_out'): Promise<string> {
  const tenant = await tenantsCollection().getOrThrow(ctx.orgId);
  return consentDisclosure(channel, status, tenant.name);
}

export async function counterDisclosures(ctx: Pick<ServiceContext, 'orgId'>): Promise<Record<Channel, Record<'opted_in' | 'opted_out', string>>> {
  const tenant = await tenantsCollection().getOrThrow(ctx.orgId);
  const both = (c: Channel) => ({ opted_in: consentDisclosure(c, 'opted_in', tenant.name), opted_out: consentDisclosure(c, 'opted_out', tenant.name) });
  return { email: both('email'), sms: both('sms') };
}

/**
 * Consent taken at the counter by any staff member: source `in_store`, the disclosure the customer
 * was shown, and who recorded it. The disclosure sent back must be the one the dispensary shows
 * now: a page left open across a rename is refused rather than storing words nobody was shown.
 */
export async function recordCounterConsent(
  ctx: ServiceContext,
  change: { customerId: string; channel: Channel; status: 'opted_in' | 'opted_out'; disclosure: string; note?: string | null },
) {
  const expected = await counterDisclosure(ctx, change.channel, change.status);
  if (change.disclosure.trim() !== expected)
    throw errors.conflict('The consent wording has changed since the page was opened; reload the page and show the customer the new text.');
  return recordConsent(ctx, {
    customerId: change.customerId,
    channel: change.channel,
    status: change.status,
    source: 'in_store',
    note: change.note ?? null,
    disclosure: expected,
    actorName: await actorDisplayName(ctx),
  });
}

import { normalizePhone } from '@/domain/phone';
import { errors } from '@/domain/errors';
import { tabletMember, type TabletMember } from '@/domain/loyalty/tablet';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { loyaltyProgramme } from './loyalty-settings';

/** The tablet's view of one member: points, tier, rewards and open coupons; no spend, no revenue. */
export async function getTabletMember(ctx: ServiceContext, customerId: string): Promise<TabletMember> {
  const tdb = tenantDb(ctx.orgId);
  const [customer, programme, open] = await Promise.all([
    tdb.customers.getOrThrow(customerId),
    loyaltyProgramme(ctx),
    // Only the open coupons: equality on two fields, served by Firestore's single-field indexes
    // (merge join, no composite index), so the lookup stays flat however many rewards a member used.
    tdb.loyaltyRedemptions.ref.where('customerId', '==', customerId).where('status', '==', 'issued').limit(200).get(),
  ]);
  return tabletMember(
    customer,
    programme.settings,
    open.docs.map((d) => d.data()),
    ctx.clock.now(),
  );
}

/** Members with this phone number (usually one): what the budtender picks from. */
export async function findTabletMembers(ctx: ServiceContext, phoneInput: string): Promise<TabletMember[]> {
  const phone = normalizePhone(phoneInput);
  if (!phone) throw errors.badRequest('Enter a valid phone number.');
  const snap = await tenantDb(ctx.orgId).customers.ref.where('phone', '==', phone).limit(5).get();
  return Promise.all(snap.docs.map((d) => getTabletMember(ctx, d.id)));
}

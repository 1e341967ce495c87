import { CUSTOMER_SESSION_TTL_MS, CustomerSessionSchema } from '@/domain/loyalty/member-access';
import { readToken, signToken } from './loyalty-keys';

/** Its own cookie, never the staff `__session`: a customer's session opens only their own loyalty page. */
export const CUSTOMER_SESSION_COOKIE = '__bb_member';

export interface CustomerSession {
  orgId: string;
  customerId: string;
  expiresAt: Date;
}

/** A signed session for one customer of one dispensary, valid for CUSTOMER_SESSION_TTL_MS. */
export async function issueCustomerSession(orgId: string, customerId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + CUSTOMER_SESSION_TTL_MS);
  return { token: await signToken('customer-session', { v: 1, o: orgId, c: customerId, exp: expiresAt.getTime() }), expiresAt };
}

/** The session a cookie carries, or null when it is missing, forged, expired or for another dispensary. */
export async function readCustomerSession(token: string | null | undefined, orgId: string, now: Date): Promise<CustomerSession | null> {
  const parsed = CustomerSessionSchema.safeParse(await readToken('customer-session', token));
  if (!parsed.success || parsed.data.o !== orgId || parsed.data.exp <= now.getTime()) return null;
  return { orgId: parsed.data.o, customerId: parsed.data.c, expiresAt: new Date(parsed.data.exp) };
}

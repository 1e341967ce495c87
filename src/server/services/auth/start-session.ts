import { createSessionCookie, sessionCookieHeader } from '../../auth/session';
import { tenantsCollection } from '../../db/tenant-db';
import { errors } from '@/domain/errors';

/** Signs a staff member in: a fresh ID token from the browser becomes an httpOnly session cookie. */
export async function startSession(idToken: string) {
  const { cookie, maxAgeSeconds, identity } = await createSessionCookie(idToken);
  const tenant = await tenantsCollection().get(identity.orgId);
  if (!tenant) throw errors.forbidden('This account belongs to a dispensary that no longer exists.');
  return {
    setCookie: sessionCookieHeader(cookie, maxAgeSeconds),
    user: { uid: identity.actor.uid, email: identity.actor.email, role: identity.actor.role },
    tenant: { id: tenant.id, name: tenant.name },
  };
}

import type { SessionIdentity } from '../../auth/session';
import { adminAuth } from '../../auth/firebase-auth';

/**
 * A Firebase custom token for the signed-in staff member, so the browser SDK can sign in (in
 * memory) and open the Firestore listeners firestore.rules allows: the session cookie alone does
 * not sign the browser SDK in. The token carries the same { orgId, role } claims as the session,
 * taken from the verified session, never from the request.
 */
export async function mintBrowserToken(identity: SessionIdentity): Promise<{ token: string }> {
  const token = await adminAuth().createCustomToken(identity.actor.uid, { orgId: identity.orgId, role: identity.actor.role });
  return { token };
}

import type { ServiceContext } from '../../context';
import { adminAuth } from '../../auth/firebase-auth';
import { tenantDb } from '../../db/tenant-db';
import { generateTemporaryPassword } from './temporary-password';

/** Sets a new one-time password for a staff member of this tenant and ends their sessions. */
export async function resetStaffPassword(ctx: ServiceContext, uid: string): Promise<{ temporaryPassword: string }> {
  await tenantDb(ctx.orgId).staff.getOrThrow(uid);
  const temporaryPassword = generateTemporaryPassword();
  await adminAuth().updateUser(uid, { password: temporaryPassword });
  await adminAuth().revokeRefreshTokens(uid);
  ctx.log?.info({ event: 'staff.password_reset', staffUid: uid }, 'staff password reset');
  return { temporaryPassword };
}

import type { AddStaffInput, StaffMember } from '@/domain/staff';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { adminAuth, authErrorCode } from '../../auth/firebase-auth';
import { tenantDb } from '../../db/tenant-db';
import { generateTemporaryPassword } from './temporary-password';

/**
 * Adds a staff member: a Firebase Auth account with claims { orgId, role } and a staff record.
 * If the record cannot be written the account is deleted again, so nothing is half-made.
 */
export async function addStaff(ctx: ServiceContext, input: AddStaffInput): Promise<{ staff: StaffMember; temporaryPassword: string }> {
  const auth = adminAuth();
  const temporaryPassword = generateTemporaryPassword();
  let uid: string;
  try {
    const user = await auth.createUser({ email: input.email, password: temporaryPassword, displayName: input.displayName });
    uid = user.uid;
  } catch (err) {
    if (authErrorCode(err) === 'auth/email-already-exists') {
      throw errors.conflict('That email already has a BakedBot account. Each person signs in to one dispensary; use another email.');
    }
    throw err;
  }
  try {
    await auth.setCustomUserClaims(uid, { orgId: ctx.orgId, role: input.role });
    const now = ctx.clock.now();
    const staff = await tenantDb(ctx.orgId).staff.create({
      id: uid,
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      disabled: false,
      createdAt: now,
      updatedAt: now,
      createdBy: ctx.actor.uid,
    });
    ctx.log?.info({ event: 'staff.added', staffUid: uid, role: input.role }, 'staff member added');
    return { staff, temporaryPassword };
  } catch (err) {
    await auth.deleteUser(uid).catch(() => undefined);
    throw err;
  }
}

import type { StaffMember, UpdateStaffInput } from '@/domain/staff';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { adminAuth } from '../../auth/firebase-auth';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';

/**
 * Changes a staff member's role, name or access. A role change or disabling ends their current
 * sessions, so the new rights apply at once. The dispensary always keeps one active owner.
 */
export async function updateStaff(ctx: ServiceContext, uid: string, input: UpdateStaffInput): Promise<StaffMember> {
  const tdb = tenantDb(ctx.orgId);
  const { before, after } = await firestore().runTransaction(async (tx) => {
    const snap = await tx.get(tdb.staff.doc(uid));
    const current = snap.data();
    if (!current) throw errors.notFound('Staff member', uid);
    const next: StaffMember = {
      ...current,
      role: input.role ?? current.role,
      disabled: input.disabled ?? current.disabled,
      displayName: input.displayName ?? current.displayName,
      updatedAt: ctx.clock.now(),
    };
    const losesOwnership = current.role === 'owner' && !current.disabled && (next.role !== 'owner' || next.disabled);
    if (losesOwnership) {
      // Read inside the transaction: two owners demoting each other at once both lock both owner
      // documents, so one of them retries, sees the other's change and is refused.
      const owners = await tx.get(tdb.staff.ref.where('role', '==', 'owner').where('disabled', '==', false));
      if (owners.docs.filter((d) => d.id !== uid).length === 0) {
        throw errors.conflict('A dispensary needs at least one active owner. Make someone else an owner first.');
      }
    }
    tx.set(tdb.staff.doc(uid), next);
    return { before: current, after: next };
  });

  try {
    const auth = adminAuth();
    if (after.role !== before.role) await auth.setCustomUserClaims(uid, { orgId: ctx.orgId, role: after.role });
    if (after.disabled !== before.disabled || after.displayName !== before.displayName) {
      await auth.updateUser(uid, { disabled: after.disabled, displayName: after.displayName });
    }
    if (after.role !== before.role || (after.disabled && !before.disabled)) await auth.revokeRefreshTokens(uid);
  } catch (err) {
    // Put the record back so it keeps matching the account.
    await tdb.staff.set({ ...before, updatedAt: ctx.clock.now() }).catch(() => undefined);
    throw err;
  }
  ctx.log?.info({ event: 'staff.updated', staffUid: uid, role: after.role, disabled: after.disabled }, 'staff member updated');
  return after;
}

import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { UpdateStaffInputSchema } from '@/domain/staff';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { updateStaff } from '@/server/services/staff/update-staff';

const Params = z.object({ uid: z.string().min(1).max(128) });

// PATCH /api/staff/[uid]: change role, name or disabled; ends the member's sessions when rights change
export const PATCH = withTenant<{ uid: string }>(
  async (req, ctx, params) => {
    const { uid } = parseParams(params, Params);
    const input = await parseJsonBody(req, UpdateStaffInputSchema);
    return { staff: await updateStaff(ctx, uid, input) };
  },
  { roles: rolesFor('staff:manage') },
);

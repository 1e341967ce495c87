import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { resetStaffPassword } from '@/server/services/staff/reset-staff-password';

const Params = z.object({ uid: z.string().min(1).max(128) });

// POST /api/staff/[uid]/reset-password: set a one-time password and end the member's sessions
export const POST = withTenant<{ uid: string }>(
  async (_req, ctx, params) => {
    const { uid } = parseParams(params, Params);
    return resetStaffPassword(ctx, uid);
  },
  { roles: rolesFor('staff:manage') },
);

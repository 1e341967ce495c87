import { rolesFor } from '@/domain/roles';
import { AddStaffInputSchema } from '@/domain/staff';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { addStaff } from '@/server/services/staff/add-staff';
import { listStaff } from '@/server/services/staff/list-staff';

// GET /api/staff: the dispensary's staff (owners only)
export const GET = withTenant(async (_req, ctx) => ({ staff: await listStaff(ctx) }), { roles: rolesFor('staff:manage') });

// POST /api/staff: add a staff member; answers once with their temporary password
export const POST = withTenant(
  async (req, ctx) => {
    const input = await parseJsonBody(req, AddStaffInputSchema);
    const result = await addStaff(ctx, input);
    return Response.json(result, { status: 201 });
  },
  { roles: rolesFor('staff:manage') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { deleteCustomerNote } from '@/server/services/customers/customer-notes';

const Params = z.object({ id: IdSchema, noteId: z.string().min(1).max(200) });

// DELETE /api/customers/[id]/notes/[noteId]: the note's author, an owner or an admin deletes it
export const DELETE = withTenant<{ id: string; noteId: string }>(
  async (_req, ctx, params) => {
    const { id, noteId } = parseParams(params, Params);
    await deleteCustomerNote(ctx, id, noteId);
    return { deleted: true };
  },
  { roles: rolesFor('customers:note') },
);

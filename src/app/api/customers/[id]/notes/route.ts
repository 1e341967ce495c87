import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { NoteInputSchema } from '@/domain/crm/notes';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { addCustomerNote } from '@/server/services/customers/customer-notes';

const Params = z.object({ id: IdSchema });

// POST /api/customers/[id]/notes: any staff member adds a note (at most 1000 characters), kept with its author
export const POST = withTenant<{ id: string }>(
  async (req, ctx, params) =>
    Response.json({ note: await addCustomerNote(ctx, parseParams(params, Params).id, await parseJsonBody(req, NoteInputSchema)) }, { status: 201 }),
  { roles: rolesFor('customers:note') },
);

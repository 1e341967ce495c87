import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { EraseInputSchema } from '@/domain/crm/privacy';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { eraseCustomer } from '@/server/services/customers/erase-customer';

const Params = z.object({ id: IdSchema });

// POST /api/customers/[id]/erase { reason, confirm }: erases the customer on request (owners); logged with who and why
export const POST = withTenant<{ id: string }>(
  async (req, ctx, params) => Response.json(await eraseCustomer(ctx, parseParams(params, Params).id, await parseJsonBody(req, EraseInputSchema))),
  { roles: rolesFor('customers:privacy') },
);

import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { rolesFor } from '@/domain/roles';
import { parseParams, parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { customerTimelinePage, TimelineQuerySchema } from '@/server/services/customers/customer-timeline';

const Params = z.object({ id: IdSchema });

// GET /api/customers/[id]/timeline?cursor=&limit=: everything that happened to the customer, newest first, as the caller's role may read it
export const GET = withTenant<{ id: string }>(
  async (req, ctx, params) => customerTimelinePage(ctx, parseParams(params, Params).id, parseSearchParams(req, TimelineQuerySchema)),
  { roles: rolesFor('customers:read') },
);

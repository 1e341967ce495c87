import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { installGalleryPlaybook } from '@/server/services/playbooks/install-gallery-playbook';

const Params = z.object({ key: z.string().regex(/^[a-z_]{2,40}$/) });

// POST /api/playbooks/gallery/[key]: install a ready playbook as a draft
export const POST = withTenant<{ key: string }>(
  async (_req, ctx, params) => Response.json({ playbook: await installGalleryPlaybook(ctx, parseParams(params, Params).key) }, { status: 201 }),
  { roles: rolesFor('playbooks:write') },
);

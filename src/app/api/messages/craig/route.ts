import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { CraigBriefSchema, draftCopy } from '@/server/services/craig/draft-copy';

// POST /api/messages/craig: Craig drafts a subject, email and SMS variants from a brief (or offers templates when Claude is unavailable)
export const POST = withTenant(async (req, ctx) => ({ draft: await draftCopy(ctx, await parseJsonBody(req, CraigBriefSchema)) }), {
  roles: rolesFor('messages:send'),
});

import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { parseParams } from '@/server/http/parse';
import { parseOptionalJsonBody } from '@/server/http/optional-json-body';
import { withTenant } from '@/server/http/with-tenant';
import { draftBonusCampaign, DraftSuggestionSchema, SuggestionKeySchema } from '@/server/services/loyalty/suggest-bonus-campaign';

const Params = z.object({ key: SuggestionKeySchema });

// POST /api/loyalty/suggestions/[key]/draft: creates the suggested campaign as a draft playbook (never active)
export const POST = withTenant<{ key: string }>(
  async (req, ctx, params) => {
    const { key } = parseParams(params, Params);
    const playbook = await draftBonusCampaign(ctx, key, await parseOptionalJsonBody(req, DraftSuggestionSchema));
    return Response.json({ playbook }, { status: 201 });
  },
  { roles: rolesFor('playbooks:write') },
);

import { RecommendationSettingsBodySchema } from '@/domain/agents/recommendation-settings';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { updateRecommendationSettings } from '@/server/services/agents/smokey-catalog';

// PUT /api/settings/recommendations: the categories Smokey never suggests
export const PUT = withTenant(
  async (req, ctx) => ({ settings: await updateRecommendationSettings(ctx, await parseJsonBody(req, RecommendationSettingsBodySchema, { maxBytes: 4_096 })) }),
  { roles: rolesFor('settings:manage') },
);

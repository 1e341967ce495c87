import type { Clock } from '@/domain/clock';
import { ProviderSchema } from '@/domain/integrations/endpoint';
import { systemActor } from '@/domain/roles';
import { tenantDb } from '../db/tenant-db';
import { createEndpoint } from '../services/integrations/create-endpoint';

/**
 * One webhook endpoint per sender for a demo dispensary, so "Send test delivery" works right
 * after `npm run dev`. Skipped when the tenant already has endpoints (a re-seed keeps them).
 */
export async function seedDemoIntegrations(orgId: string, clock: Clock): Promise<number> {
  const existing = await tenantDb(orgId).endpoints.ref.limit(1).get();
  if (!existing.empty) return 0;
  const ctx = { orgId, actor: systemActor('seed'), clock };
  for (const provider of ProviderSchema.options) await createEndpoint(ctx, { provider, name: `Demo ${provider === 'standard' ? 'storefront' : provider}` });
  return ProviderSchema.options.length;
}

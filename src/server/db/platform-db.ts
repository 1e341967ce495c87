import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { DeliverySourceSchema } from '@/domain/integrations/delivery';
import { TenantSlugSchema } from '@/domain/tenant-slug';
import { firestore } from './firestore';
import { TypedCollection } from './typed-collection';

/**
 * Platform-level routing: a webhook URL or an API key carries only an opaque id, and this maps it
 * to its tenant. It holds no tenant data beyond that mapping; the endpoint or key itself lives
 * under tenants/{orgId}/...
 */
export const RouteSchema = z.object({
  id: IdSchema,
  orgId: IdSchema,
  kind: z.enum(['endpoint', 'api_key']),
  source: DeliverySourceSchema,
  createdAt: z.date(),
});
export type Route = z.infer<typeof RouteSchema>;

export function routesCollection() {
  return new TypedCollection(firestore(), 'ingest_routes', RouteSchema, 'Route');
}

/** tenant_slugs/{slug}: a public slug to its tenant, so /join/{slug} finds the dispensary in one read. Created once, never reused. */
export const TenantSlugRecordSchema = z.object({
  id: TenantSlugSchema,
  orgId: IdSchema,
  createdAt: z.date(),
});
export type TenantSlugRecord = z.infer<typeof TenantSlugRecordSchema>;

export function tenantSlugsCollection() {
  return new TypedCollection(firestore(), 'tenant_slugs', TenantSlugRecordSchema, 'Dispensary page');
}
